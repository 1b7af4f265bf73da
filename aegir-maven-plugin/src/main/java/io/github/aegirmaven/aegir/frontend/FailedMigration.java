package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Checked;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Request;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A hostmaster-migrate whose drush failed: while the old platform still holds the site, what drush copied is
 * undone (as after an interrupted migration); the crontab is put back either way, and the failure says what was
 * put right.
 */
final class FailedMigration {

    private final AegirHome home;
    private final Crontab crontab;
    private final BuildLog log;

    FailedMigration(AegirHome home, Crontab crontab, BuildLog log) {
        this.home = home;
        this.crontab = crontab;
        this.log = log;
    }

    /** drush failed: undo what it copied while the old platform still holds the site; the failure to report. */
    UserFixableException undo(
            DrushResult result,
            Request r,
            Checked c,
            BackupSet set,
            boolean ownSet,
            MigrationMarker marker,
            Optional<String> savedCrontab)
            throws IOException, UserFixableException {
        String site = "sites/" + r.domain() + "/settings.php";
        boolean oldIntact = Files.isRegularFile(c.oldDir().resolve(site));
        List<InterruptedMigration.Undone> undone = List.of();
        if (oldIntact) {
            // provision-migrate deletes the old copy last: until then, undo what it copied (killed by the timeout
            // between deploy and delete, it leaves the site in both platforms and the alias on the new one)
            undone = InterruptedMigration.undoUnmoved(home, marker, Optional.of(set), crontab, log);
            if (ownSet) {
                set.state(BackupManifest.State.ROLLED_BACK);
            }
        } else {
            crontab.restore(savedCrontab);
        }
        MigrationMarker.delete(home);
        return new UserFixableException(message(result, r, c, set.dir(), oldIntact)
                + undone.stream()
                        .filter(InterruptedMigration.Undone::movedInTheHome)
                        .map(a -> " It " + a.text() + ".")
                        .reduce("", String::concat));
    }

    /** Why the build fails when drush hostmaster-migrate failed, and what was put right already. */
    static String message(DrushResult result, Request r, Checked c, Path backupSet, boolean oldIntact) {
        String site = "sites/" + r.domain() + "/settings.php";
        return result.failureMessage("drush hostmaster-migrate " + r.domain() + " " + c.newDir()) + "\nThe crontab of "
                + r.aegirUser() + " was put back from " + backupSet + ". "
                + (oldIntact
                        ? "The old platform " + c.oldDir() + " still holds the site."
                        : "WARNING: the old platform " + c.oldDir() + " no longer holds " + site + "; check "
                                + c.newDir() + " before running again.")
                + " Fix the cause shown above and run again.";
    }
}
