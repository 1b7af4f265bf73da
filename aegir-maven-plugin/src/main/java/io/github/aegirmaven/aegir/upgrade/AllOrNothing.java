package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import java.io.IOException;
import java.util.Optional;

/**
 * aegir:upgrade leaves the old state or the new one, never a mix: when hostmaster-migrate fails after the same
 * build upgraded the backend, and the site is still on the old platform, the backend goes back too.
 */
public final class AllOrNothing {

    private AllOrNothing() {}

    /**
     * Called with the migration's failure. Puts the backend this build installed back when the site did not move,
     * and returns the failure to report, saying what the server is left with.
     */
    public static UserFixableException afterFailedMigration(
            UserFixableException failure, BackendUpgrade.Outcome backend, BackendRollback rollback, BuildLog log) {
        if (!backend.changedAnything() || backend.backupSet().isEmpty()) {
            return failure; // the backend was already upgraded before this build: nothing of this build to undo
        }
        BackupSet set = backend.backupSet().get();
        Optional<MigrationNote> moved;
        try {
            moved = MigrationNote.of(set).filter(MigrationNote::siteStillMigrated);
        } catch (IOException e) {
            return withSuffix(
                    failure,
                    "\nThe backend stays upgraded (" + backend.installed() + "): the backup set "
                            + set.dir() + " could not be read (" + e.getMessage() + "). Run `mvn aegir:status`, then"
                            + " `mvn aegir:rollback` to put it back, or run the upgrade again once the"
                            + " cause is fixed.");
        }
        if (moved.isPresent()) {
            return withSuffix(
                    failure,
                    "\nThe site already runs on " + moved.get().to() + ", so the backend stays" + " upgraded ("
                            + backend.installed() + ") to match it.");
        }
        log.warn("hostmaster-migrate failed after this build upgraded the backend; putting the backend back from "
                + set.dir() + " so that the server is not left half-upgraded.");
        try {
            SwapTransaction.RestoreResult result = rollback.putBack(set);
            return withSuffix(
                    failure,
                    "\nSo that the server is not left half-upgraded, the backend this build"
                            + " installed (" + backend.installed() + ") was put back from " + set.dir()
                            + "; what it had"
                            + " installed is in " + result.preRollback().dir()
                            + ". drush, provision and drush_make are as"
                            + " before the upgrade; run it again once the cause is fixed.");
        } catch (IOException | UserFixableException | RuntimeException e) {
            return withSuffix(
                    failure,
                    "\nWARNING: the backend stays upgraded (" + backend.installed() + ") while the"
                            + " site is on the old platform: putting it back from " + set.dir() + " failed ("
                            + e.getMessage()
                            + "). Run `mvn aegir:rollback`, or the upgrade again once the cause is fixed.");
        }
    }

    private static UserFixableException withSuffix(UserFixableException failure, String suffix) {
        return new UserFixableException(failure.getMessage() + suffix, failure);
    }
}
