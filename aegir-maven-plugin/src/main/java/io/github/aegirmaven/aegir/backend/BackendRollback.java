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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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

    /**
     * A hostmaster migration recorded in a backup set ({@code note.hostmaster-migrate}): the site, and the platforms
     * it moved from and to.
     */
    public record Migration(String domain, Path from, Path to) {

        /** Parses {@code DOMAIN OLD -> NEW}, as {@code HostmasterMigration} writes it; empty when it is not that. */
        public static Optional<Migration> parse(String note) {
            if (note == null) {
                return Optional.empty();
            }
            int space = note.indexOf(' ');
            int arrow = note.indexOf(" -> ");
            if (space <= 0 || arrow <= space) {
                return Optional.empty();
            }
            String from = note.substring(space + 1, arrow);
            String to = note.substring(arrow + " -> ".length());
            if (from.isEmpty() || to.isEmpty() || !from.startsWith("/") || !to.startsWith("/")) {
                return Optional.empty();
            }
            return Optional.of(new Migration(note.substring(0, space), Paths.get(from), Paths.get(to)));
        }

        /** Whether the site still lives in the platform it was migrated to. */
        public boolean siteStillMigrated() {
            return Files.isRegularFile(to.resolve("sites").resolve(domain).resolve("settings.php"));
        }
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
        Optional<Migration> migration = Migration.parse(set.manifest().notes().get("hostmaster-migrate"))
                .filter(Migration::siteStillMigrated);
        if (migration.isPresent()) {
            Migration m = migration.get();
            if (!backendOnly) {
                throw new UserFixableException(frontendStillMigrated(set, m));
            }
            log.warn("backendOnly (-Daegir.backendOnly) is set: restoring the backend of " + set.dir() + " although "
                    + m.domain() + " still lives in " + m.to() + ", the platform the same upgrade migrated it to.");
        }
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

    /**
     * Puts back the backend of {@code set}, made earlier in this build, without the checks and the crontab of
     * {@link #rollback}: for aegir:upgrade when the migration that followed failed, the site is still on the old
     * platform and the migration already put the crontab back.
     */
    public SwapTransaction.RestoreResult putBack(BackupSet set) throws IOException, UserFixableException {
        SwapTransaction.RestoreResult result = SwapTransaction.restore(home, set, clock, log);
        InstallRecord.read(home).without("drush").without("provision").without("drush_make").write(home);
        return result;
    }

    /** Why the backend alone is not put back under a migrated frontend, and how to move the frontend back. */
    String frontendStillMigrated(BackupSet set, Migration m) {
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
