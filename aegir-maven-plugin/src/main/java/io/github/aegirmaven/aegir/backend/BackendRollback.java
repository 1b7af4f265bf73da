package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code aegir:rollback}: undo the newest upgrade, once, by putting its backup set back through the same journal; what
 * was live goes into a {@code pre-rollback-…} set (the crontab too), so nothing is destroyed, and naming that set
 * ({@code -Daegir.backupSet}) undoes the rollback. The crontab saved in the restored set comes back too.
 */
public final class BackendRollback {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AegirHome home;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final BuildLog log;
    private HomeCheck homeCheck;

    public BackendRollback(AegirHome home, CurrentUser currentUser, Clock clock, BuildLog log) {
        this.home = home;
        this.currentUser = currentUser;
        this.clock = clock;
        this.log = log;
        this.homeCheck = HomeCheck.everyTime(currentUser);
    }

    /** Checks the user and the home with {@code check} (a procedure's, which checks once) instead of every time. */
    public BackendRollback checkingHomeWith(HomeCheck check) {
        this.homeCheck = check;
        return this;
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

    public SwapTransaction.RestoreResult rollback(
            String aegirUser, boolean dryRun, boolean backendOnly, String mavenCommand)
            throws IOException, UserFixableException {
        return rollback(aegirUser, dryRun, backendOnly, Optional.empty(), mavenCommand);
    }

    /**
     * Without {@code setName}, undoes the newest upgrade, once: restores the newest {@code pre-upgrade} set whose
     * swap took effect, and refuses when a rollback already restored it (a second rollback does not put back what
     * the first one removed). With {@code setName} ({@code -Daegir.backupSet}), restores that set, e.g. a
     * {@code pre-rollback} set to undo a rollback, or an older upgrade's set.
     */
    public SwapTransaction.RestoreResult rollback(
            String aegirUser, boolean dryRun, boolean backendOnly, Optional<String> setName, String mavenCommand)
            throws IOException, UserFixableException {
        Preflight.failIfAny(homeCheck.problems(home, aegirUser, mavenCommand));
        BackupSet set = setName.isPresent() ? named(setName.get().strip()) : newestUpgrade();
        Optional<MigrationNote> migration = MigrationNote.of(set).filter(MigrationNote::siteStillMigrated);
        if (migration.isPresent()) {
            MigrationNote m = migration.get();
            if (!backendOnly) {
                throw new UserFixableException(frontendAdvice(set, m));
            }
            log.warn(Setting.BACKEND_ONLY + " is set: restoring the backend of " + set.dir() + " although " + m.domain()
                    + " still lives in " + m.to() + ", the platform the same upgrade migrated it to.");
        }
        if (dryRun) {
            log.info("[dry run] would restore " + set.dir() + ": "
                    + set.manifest().entries());
            return null;
        }
        Optional<BackupSet.SavedCrontab> cron = set.savedCrontab();
        SwapTransaction.RestoreResult result = putBack(set);
        if (cron.isPresent()) {
            Crontab crontab = new Crontab(aegirUser, currentUser, log);
            // what the rollback replaces goes into the pre-rollback set, the crontab too, so that it can be undone
            result.preRollback().saveCrontab(crontab.read());
            crontab.restore(cron.get().content());
            log.info("Restored the crontab of " + aegirUser + " saved in " + set.dir());
        }
        log.info("Rolled back to " + set.dir() + "; what was live is now in "
                + result.preRollback().dir() + ". To undo this rollback: mvn aegir:rollback "
                + Setting.BACKUP_SET.flag() + "="
                + result.preRollback().name());
        return result;
    }

    /**
     * The set of the newest upgrade: the newest {@code pre-upgrade} set whose swap took effect ({@code COMPLETE}, or
     * {@code RESTORED} by a rollback). Sets whose swap was undone or never happened are skipped.
     *
     * @throws UserFixableException when there is none, or when a rollback already restored it
     */
    BackupSet newestUpgrade() throws IOException, UserFixableException {
        List<BackupSet> all = BackupSets.list(home);
        for (BackupSet set : all) {
            if (set.kind() != BackupSet.Kind.PRE_UPGRADE || !set.hasManifest()) {
                continue;
            }
            BackupManifest m = set.manifest();
            if (m.state() == BackupManifest.State.COMPLETE) {
                return set;
            }
            if (m.state() == BackupManifest.State.RESTORED) {
                throw new UserFixableException(alreadyRolledBack(set, m, all));
            }
        }
        throw new UserFixableException("There is no backup set made by this plugin in " + home.root()
                + " (pre-upgrade-YYYY-MM-DD-HHMMSS with a manifest), so there is nothing to roll back to. Run"
                + " `mvn aegir:status` to see the backup sets.");
    }

    private String alreadyRolledBack(BackupSet set, BackupManifest m, List<BackupSet> all) throws IOException {
        StringBuilder sb = new StringBuilder("Nothing to roll back: the newest upgrade, whose backup set is "
                + set.dir() + ", was already rolled back");
        Optional<String> into = m.rolledBackInto().isPresent() ? m.rolledBackInto() : preRollbackOf(set, all);
        into.ifPresent(name -> sb.append(" (what was live then is in ")
                .append(home.root().resolve(name))
                .append(")"));
        sb.append(". A rollback undoes the newest upgrade once; a second one changes nothing.");
        into.ifPresent(name -> sb.append(
                        " To undo that rollback, name its set: mvn aegir:rollback " + Setting.BACKUP_SET.flag() + "=")
                .append(name)
                .append("."));
        List<String> older = new ArrayList<>();
        for (BackupSet s : all) {
            if (!s.equals(set) && !into.map(s.name()::equals).orElse(false) && s.isRestorable()) {
                older.add(s.name() + " (" + s.manifest().state().name().toLowerCase(Locale.ROOT) + ", made "
                        + LOCAL.format(s.created().atZone(ZoneId.systemDefault())) + ")");
            }
        }
        if (!older.isEmpty()) {
            sb.append(" Other sets that can be restored, by naming one the same way: ")
                    .append(String.join(", ", older))
                    .append(".");
        }
        return sb.toString();
    }

    /** For sets restored by a plugin version that did not record it: the pre-rollback set that names it. */
    private static Optional<String> preRollbackOf(BackupSet set, List<BackupSet> all) throws IOException {
        for (BackupSet s : all) {
            if (s.kind() == BackupSet.Kind.PRE_ROLLBACK
                    && s.hasManifest()
                    && s.manifest().restoredFrom().map(set.name()::equals).orElse(false)) {
                return Optional.of(s.name());
            }
        }
        return Optional.empty();
    }

    /**
     * The backup set named by {@code -Daegir.backupSet}: its whole name, or the start of the name of exactly one set
     * ({@code pre-rollback-2026-12-04} when that day has one), as long as it names the kind.
     */
    BackupSet named(String name) throws IOException, UserFixableException {
        List<BackupSet> all = BackupSets.list(home);
        List<BackupSet> starting = new ArrayList<>();
        for (BackupSet set : all) {
            boolean kindNamed = name.startsWith(BackupSet.Kind.PRE_UPGRADE.prefix() + "-")
                    || name.startsWith(BackupSet.Kind.PRE_ROLLBACK.prefix() + "-");
            if (kindNamed && set.name().startsWith(name)) {
                starting.add(set);
            }
        }
        if (starting.size() > 1 && starting.stream().noneMatch(s -> s.name().equals(name))) {
            throw new UserFixableException(Setting.BACKUP_SET + " is '" + name + "', which is the start of the"
                    + " names of " + starting.size() + " backup sets in " + home.root() + ": "
                    + String.join(", ", starting.stream().map(BackupSet::name).toList())
                    + ". Give the whole name of the one to"
                    + " restore.");
        }
        for (BackupSet set : all) {
            if (set.name().equals(name)
                    || (starting.size() == 1 && starting.get(0).equals(set))) {
                if (set.hasManifest() && set.manifest().state() == BackupManifest.State.RESTORED) {
                    BackupManifest m = set.manifest();
                    throw new UserFixableException(Setting.BACKUP_SET + " names " + set.name()
                            + ", which a rollback already restored: its directories are live again"
                            + m.rolledBackInto()
                                    .map(n -> ", and what they replaced is in " + n + "; to undo that rollback, set "
                                            + Setting.BACKUP_SET.flag() + "=" + n)
                                    .orElse("")
                            + ".");
                }
                return set;
            }
        }
        List<String> names = new ArrayList<>();
        for (BackupSet set : all) {
            if (set.isRestorable()) {
                names.add(set.name());
            }
        }
        throw new UserFixableException(Setting.BACKUP_SET + " is '" + name + "', but " + home.root()
                + " has no backup set of that name (expected the name of a directory such as"
                + " pre-upgrade-YYYY-MM-DD-HHMMSS or pre-rollback-YYYY-MM-DD-HHMMSS in the home). "
                + (names.isEmpty()
                        ? "There is no set that can be restored."
                        : "Sets that can be restored: " + String.join(", ", names) + ".")
                + " Run `mvn aegir:status` to see them all.");
    }

    /**
     * Puts back the backend directories of {@code set} and forgets what this plugin had installed, without the
     * checks and the crontab of {@link #rollback}: also for aegir:upgrade when the migration that followed the
     * backend upgrade failed, the site is still on the old platform and the migration already put the crontab back.
     */
    public SwapTransaction.RestoreResult putBack(BackupSet set) throws IOException, UserFixableException {
        SwapTransaction.RestoreResult result = SwapTransaction.restore(home, set, clock, log);
        InstallRecord.read(home)
                .without("drush")
                .without("provision")
                .without("drush_make")
                .write(home);
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
                + " again. To restore only the backend anyway, set " + Setting.BACKEND_ONLY.flag() + "=true.";
    }

    /** Why the backend alone is not put back under a migrated frontend, and how to move the frontend back. */
    String frontendStillMigrated(BackupSet set, MigrationNote m) throws IOException {
        return "The newest backup set " + set.dir() + " holds the backend from before an upgrade that also migrated"
                + " the hostmaster site " + m.domain() + " from " + m.from() + " to " + m.to() + ", and the site still"
                + " lives there, on a database the new release has updated. Restoring the old drush and provision"
                + " alone would leave the frontend newer than its backend. " + FrontendWayBack.advice(home, set, m)
                + " To restore only the backend anyway, set " + Setting.BACKEND_ONLY.flag() + "=true.";
    }
}
