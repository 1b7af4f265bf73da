package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.BackupSet;
import io.github.aegirmaven.aegir.home.BackupSets;
import io.github.aegirmaven.aegir.home.CurrentUser;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.SwapTransaction;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code aegir:rollback}: put the newest backup set made by this plugin back, through the same journal; what was
 * live goes into a {@code pre-rollback-…} set, so nothing is destroyed. The crontab saved in the set comes back too.
 */
public final class BackendRollback {

    private final AegirHome home;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final BuildLog log;

    public BackendRollback(AegirHome home, CurrentUser currentUser, Clock clock, BuildLog log) {
        this.home = home;
        this.currentUser = currentUser;
        this.clock = clock;
        this.log = log;
    }

    public SwapTransaction.RestoreResult rollback(String aegirUser, boolean dryRun, String mavenCommand)
            throws IOException, UserFixableException {
        Preflight.failIfAny(Preflight.problems(
                Preflight.checkUser(aegirUser, currentUser, mavenCommand),
                Preflight.checkHome(home, aegirUser, currentUser)));
        Optional<BackupSet> newest = BackupSets.newestRestorable(home);
        if (newest.isEmpty()) {
            throw new UserFixableException("There is no backup set made by this plugin in " + home.root()
                    + " (pre-upgrade-YYYY-MM-DD-HHMMSS with a manifest), so there is nothing to roll back to. Run"
                    + " `mvn aegir:status` to see the backup sets.");
        }
        BackupSet set = newest.get();
        if (dryRun) {
            log.info("[dry run] would restore " + set.dir() + ": " + set.manifest().entries());
            return null;
        }
        SwapTransaction.RestoreResult result = SwapTransaction.restore(home, set, clock, log);
        Optional<BackupSet.SavedCrontab> cron = set.savedCrontab();
        if (cron.isPresent()) {
            new Crontab(aegirUser, currentUser, log).restore(cron.get().content());
            log.info("Restored the crontab of " + aegirUser + " saved in " + set.dir());
        }
        InstallRecord.read(home).without("drush").without("provision").without("drush_make").write(home);
        log.info("Rolled back to " + set.dir() + "; what was live is now in " + result.preRollback().dir());
        return result;
    }
}
