package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.BackupSet;
import io.github.aegirmaven.aegir.home.BackupSets;
import io.github.aegirmaven.aegir.home.CurrentUser;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.MigrationNote;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.SwapTransaction;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
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

    /**
     * Restores the newest backup set. When the build that made it also migrated the hostmaster site and the site
     * still lives in the new platform, restoring the old backend under it would leave the frontend newer than
     * its backend, so this is refused with the way to move the frontend back, unless {@code backendOnly}.
     */
    public SwapTransaction.RestoreResult rollback(String aegirUser, boolean dryRun, String mavenCommand)
            throws IOException, UserFixableException {
        return rollback(aegirUser, dryRun, false, mavenCommand);
    }

    public SwapTransaction.RestoreResult rollback(String aegirUser, boolean dryRun, boolean backendOnly,
            String mavenCommand) throws IOException, UserFixableException {
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
        Optional<MigrationNote> migration = MigrationNote.of(set).filter(MigrationNote::siteStillMigrated);
        if (migration.isPresent()) {
            MigrationNote m = migration.get();
            if (!backendOnly) {
                throw new UserFixableException(frontendAdvice(set, m));
            }
            log.warn("backendOnly (-Daegir.backendOnly) is set: restoring the backend of " + set.dir() + " although "
                    + m.domain() + " still lives in " + m.to() + ", the platform the same upgrade migrated it to.");
        }
        if (dryRun) {
            log.info("[dry run] would restore " + set.dir() + ": " + set.manifest().entries());
            return null;
        }
        SwapTransaction.RestoreResult result = putBack(set);
        Optional<BackupSet.SavedCrontab> cron = set.savedCrontab();
        if (cron.isPresent()) {
            new Crontab(aegirUser, currentUser, log).restore(cron.get().content());
            log.info("Restored the crontab of " + aegirUser + " saved in " + set.dir());
        }
        log.info("Rolled back to " + set.dir() + "; what was live is now in " + result.preRollback().dir());
        return result;
    }

    /**
     * Puts back the backend directories of {@code set} and forgets what this plugin had installed, without the
     * checks and the crontab of {@link #rollback}: also for aegir:upgrade when the migration that followed the
     * backend upgrade failed, the site is still on the old platform and the migration already put the crontab back.
     */
    public SwapTransaction.RestoreResult putBack(BackupSet set) throws IOException, UserFixableException {
        SwapTransaction.RestoreResult result = SwapTransaction.restore(home, set, clock, log);
        InstallRecord.read(home).without("drush").without("provision").without("drush_make").write(home);
        return result;
    }

    /**
     * Why the backend alone is not put back under the frontend the same upgrade migrated, and what to do, matching
     * where the migration really stands: finished ({@link #frontendStillMigrated}) or interrupted half-way
     * ({@link MigrationState#advice}).
     */
    String frontendAdvice(BackupSet set, MigrationNote m) throws IOException, UserFixableException {
        MigrationState state = MigrationState.of(home, m.domain(), m.to(), List.of(m.from()));
        if (!state.interrupted()) {
            return frontendStillMigrated(set, m);
        }
        return "The newest backup set " + set.dir() + " holds the backend from before an upgrade whose migration of"
                + " the hostmaster site " + m.domain() + " from " + m.from() + " to " + m.to() + " did not finish, so"
                + " the old backend is not put back under it. " + state.advice("php " + home.drushPhp())
                + " Once the site is only in " + m.from() + " and the alias names it again, run aegir:rollback"
                + " again. To restore only the backend anyway, set -Daegir.backendOnly=true.";
    }

    /** Why the backend alone is not put back under a migrated frontend, and how to move the frontend back. */
    String frontendStillMigrated(BackupSet set, MigrationNote m) {
        String drush = "php " + home.drushPhp();
        return "The newest backup set " + set.dir() + " holds the backend from before an upgrade that also migrated"
                + " the hostmaster site " + m.domain() + " from " + m.from() + " to " + m.to() + ", and the site still"
                + " lives there, on a database the new release has updated. Restoring the old drush and provision"
                + " alone would leave the frontend newer than its backend. Move the frontend back first, as the aegir"
                + " user and with the drush now installed (the Aegir manual's way back): `" + drush + " @hostmaster"
                + " provision-delete`; set 'root' in " + home.hostmasterAlias()
                + " back to " + m.from() + "; then `" + drush + " @hostmaster provision-deploy <the backup of "
                + m.domain() + " that provision made before the migration, in " + home.root().resolve("backups")
                + ">`. Then run aegir:rollback again: it restores the backend once the site is no longer in " + m.to()
                + ". To restore only the backend anyway, set -Daegir.backendOnly=true.";
    }
}
