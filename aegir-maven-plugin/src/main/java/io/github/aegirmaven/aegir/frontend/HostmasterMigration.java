package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushInvocation;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.StdinMode;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The frontend half of the manual page: {@code cd $OLD_DRUPAL_DIR; $DRUSH hostmaster-migrate $AEGIR_DOMAIN
 * $DRUPAL_DIR}, with the checks around it that the manual leaves to the reader, the aegir user's crontab saved
 * before drush removes it and put back when drush fails. The checks before drush are {@link MigrationChecks}; a
 * failed drush is put right by {@link FailedMigration}, a successful one verified by {@link MigrationVerification};
 * what a killed build's drush left is put right by {@link InterruptedMigration}.
 *
 * <p>The caller holds the home's {@link io.github.aegirmaven.aegir.home.lock.RunLock}.
 */
public final class HostmasterMigration {

    /**
     * What the goal was asked to do, built by name: {@code Request.builder().aegirUser("aegir").domain(d)...build()}.
     * Unset, the directories and the make file are absent, every switch is off, {@code php} is {@code php} and the
     * timeout 30 minutes.
     *
     * @param aegirUser the user every change and every drush run happens as
     * @param php the PHP binary that runs drush
     * @param domain {@code $AEGIR_DOMAIN}, the hostmaster site
     * @param aegirVersion {@code $AEGIR_VERSION}, the provision and hostmaster release
     * @param oldDir {@code $OLD_DRUPAL_DIR}; found from the site when absent
     * @param newDir {@code $DRUPAL_DIR} as given; the home's default when absent
     * @param makefile a custom make file for the new hostmaster platform
     * @param assumeYes drush answers its confirmations ({@code -y})
     * @param batchMode nothing may wait for an answer
     * @param console a terminal is there to answer drush
     * @param dryRun print the plan and every command; change nothing
     * @param timeout how long the drush run may take
     * @param moveAsideLeftover move a half-built new hostmaster directory into the backup set
     * @param mavenCommand the goal as the administrator runs it again, e.g. in the su command given to the wrong user
     */
    public record Request(
            String aegirUser,
            String php,
            String domain,
            String aegirVersion,
            Optional<Path> oldDir,
            Optional<String> newDir,
            Optional<Path> makefile,
            boolean assumeYes,
            boolean batchMode,
            boolean console,
            boolean dryRun,
            Duration timeout,
            boolean moveAsideLeftover,
            String mavenCommand) {

        public static Builder builder() {
            return new Builder();
        }

        /**
         * This request as a procedure runs drush with it: drush answers yes when {@code yes} (with assumeYes, or
         * interactively, where the build asked first), within {@code timeout}, given the make file's absolute path.
         */
        public Request forDrush(boolean yes, Duration timeout) {
            return new Request(
                    aegirUser,
                    php,
                    domain,
                    aegirVersion,
                    oldDir,
                    newDir,
                    makefile.map(Path::toAbsolutePath),
                    yes,
                    batchMode,
                    console,
                    dryRun,
                    timeout,
                    moveAsideLeftover,
                    mavenCommand);
        }

        /** The named settings of a {@link Request}. */
        public static final class Builder {
            private String aegirUser;
            private String php = "php";
            private String domain;
            private String aegirVersion;
            private Optional<Path> oldDir = Optional.empty();
            private Optional<String> newDir = Optional.empty();
            private Optional<Path> makefile = Optional.empty();
            private boolean assumeYes;
            private boolean batchMode;
            private boolean console;
            private boolean dryRun;
            private Duration timeout = Duration.ofMinutes(30);
            private boolean moveAsideLeftover;
            private String mavenCommand = "mvn aegir:hostmaster-migrate";

            private Builder() {}

            public Builder aegirUser(String value) {
                aegirUser = value;
                return this;
            }

            public Builder php(String value) {
                php = value;
                return this;
            }

            public Builder domain(String value) {
                domain = value;
                return this;
            }

            public Builder aegirVersion(String value) {
                aegirVersion = value;
                return this;
            }

            public Builder oldDir(Optional<Path> value) {
                oldDir = value;
                return this;
            }

            public Builder newDir(Optional<String> value) {
                newDir = value;
                return this;
            }

            public Builder makefile(Optional<Path> value) {
                makefile = value;
                return this;
            }

            public Builder assumeYes(boolean value) {
                assumeYes = value;
                return this;
            }

            public Builder batchMode(boolean value) {
                batchMode = value;
                return this;
            }

            public Builder console(boolean value) {
                console = value;
                return this;
            }

            public Builder dryRun(boolean value) {
                dryRun = value;
                return this;
            }

            public Builder timeout(Duration value) {
                timeout = value;
                return this;
            }

            public Builder moveAsideLeftover(boolean value) {
                moveAsideLeftover = value;
                return this;
            }

            public Builder mavenCommand(String value) {
                mavenCommand = value;
                return this;
            }

            public Request build() {
                return new Request(
                        aegirUser,
                        php,
                        domain,
                        aegirVersion,
                        oldDir,
                        newDir,
                        makefile,
                        assumeYes,
                        batchMode,
                        console,
                        dryRun,
                        timeout,
                        moveAsideLeftover,
                        mavenCommand);
            }
        }
    }

    /** Validates a custom make file; returns the errors, each naming file and line. */
    @FunctionalInterface
    public interface MakefileCheck {
        List<String> errors(Path makefile) throws IOException, UserFixableException;
    }

    /** The result of the checks: where the site is, where it goes, and what to do about the new directory. */
    public record Checked(Path oldDir, Path newDir, NewDir newDirState, List<String> notes) {
        public boolean alreadyMigrated() {
            return newDirState == NewDir.ALREADY_MIGRATED;
        }
    }

    /** The new hostmaster directory as found before drush runs. */
    public enum NewDir {
        /** Absent: drush builds it with drush make. */
        ABSENT,
        /** A complete platform: provision reuses it as it is. */
        COMPLETE,
        /** Half-built, left by a failed run, and the user asked to move it aside. */
        LEFTOVER_TO_MOVE,
        /** The site already lives there: nothing to do. */
        ALREADY_MIGRATED
    }

    /** What the migration did. */
    public record Outcome(boolean migrated, Path oldDir, Path newDir, Optional<BackupSet> backupSet) {}

    private final AegirHome home;
    private final DrushRunner drush;
    private final Crontab crontab;
    private final CurrentUser currentUser;
    private final MakefileCheck makefileCheck;
    private final Clock clock;
    private final BuildLog log;
    private HomeCheck homeCheck;

    public HostmasterMigration(
            AegirHome home,
            DrushRunner drush,
            Crontab crontab,
            CurrentUser currentUser,
            MakefileCheck makefileCheck,
            Clock clock,
            BuildLog log) {
        this.home = home;
        this.drush = drush;
        this.crontab = crontab;
        this.currentUser = currentUser;
        this.makefileCheck = makefileCheck;
        this.clock = clock;
        this.log = log;
        this.homeCheck = HomeCheck.everyTime(currentUser);
    }

    /** Checks the user and the home with {@code check} (a procedure's, which checks once) instead of every time. */
    public HostmasterMigration checkingHomeWith(HomeCheck check) {
        this.homeCheck = check;
        return this;
    }

    /** Every check before drush runs; all problems are reported together. Changes nothing. */
    public Checked check(Request r) throws IOException, UserFixableException {
        return check(r, false);
    }

    /**
     * The checks of {@link #check(Request)}; with {@code backendPending} (aegir:upgrade, before it upgrades the
     * backend) all but the one that the backend is already upgraded, so that a bad domain, directory or make file
     * stops the build before the backend changes.
     */
    public Checked check(Request r, boolean backendPending) throws IOException, UserFixableException {
        return checks().check(r, backendPending);
    }

    private MigrationChecks checks() {
        return new MigrationChecks(home, currentUser, makefileCheck, homeCheck);
    }

    /**
     * Reads only, and cheaply (no make file check, no drush, no crontab): whether the site already lives in the new
     * hostmaster directory, as a finished migration leaves it. False when the request does not say where that is;
     * {@link #check} then says what is wrong.
     */
    public boolean alreadyMigrated(Request r) throws IOException {
        return checks().alreadyMigrated(r);
    }

    /**
     * Reads only: every check {@link #migrate} makes, then, when the site already lives in the new directory, says
     * so and returns the outcome of a migration with nothing to do. Empty, and silent, when there is something to
     * do. Needs no run lock: it changes nothing.
     *
     * @throws UserFixableException with the problems {@link #check} finds
     */
    public Optional<Outcome> ifAlreadyMigrated(Request r) throws IOException, UserFixableException {
        return ifMigrated(r, check(r));
    }

    private Optional<Outcome> ifMigrated(Request r, Checked c) {
        if (!c.alreadyMigrated()) {
            return Optional.empty();
        }
        log.info("The site " + r.domain() + " already lives in " + c.newDir() + ": hostmaster-migrate has nothing"
                + " to do.");
        return Optional.of(new Outcome(false, c.oldDir(), c.newDir(), Optional.empty()));
    }

    /** The drush run this migration makes, as the aegir user, from the old hostmaster root. */
    public DrushInvocation invocation(Request r, Checked c) {
        DrushInvocation.Builder b = DrushInvocation.builder(home)
                .php(r.php())
                .aegirUser(r.aegirUser())
                .workingDirectory(c.oldDir())
                .timeout(r.timeout())
                .args("hostmaster-migrate", r.domain(), c.newDir().toString());
        r.makefile().ifPresent(mf -> b.arg("--makefile=" + mf.toAbsolutePath()));
        if (log.isDebugEnabled()) {
            b.arg("--verbose"); // mvn -X: drush says more too (secrets are masked in the log)
        }
        if (r.assumeYes()) {
            b.arg("-y").stdin(StdinMode.ASSUME_YES);
        } else {
            b.stdin(StdinMode.INHERIT);
        }
        return b.build();
    }

    /**
     * Checks, saves the crontab into the backup set, runs drush, and checks the result; puts the crontab back
     * when drush fails.
     *
     * @param backupSet the set made earlier in this build (aegir:upgrade), or the complete set of the killed run it
     *     resumes, if any
     */
    public Outcome migrate(Request r, Optional<BackupSet> backupSet) throws IOException, UserFixableException {
        return migrate(r, backupSet, false);
    }

    /**
     * {@link #migrate(Request, Optional)}; with {@code backendPending}, in a dry run only (aegir:upgrade's dry run
     * did not upgrade the backend it would upgrade first), every check but the one that the backend is upgraded.
     */
    public Outcome migrate(Request r, Optional<BackupSet> backupSet, boolean backendPending)
            throws IOException, UserFixableException {
        Checked c = check(r, backendPending && r.dryRun());
        c.notes().forEach(n -> log.info("  " + n));
        Optional<Outcome> nothingToDo = ifMigrated(r, c);
        if (nothingToDo.isPresent()) {
            return nothingToDo.get();
        }
        DrushInvocation inv = invocation(r, c);
        log.info("hostmaster-migrate: " + r.domain() + " from " + c.oldDir() + " to " + c.newDir());
        if (r.dryRun()) {
            return dryRun(r, c, inv);
        }

        BackupSet set = backupSet.isPresent() ? backupSet.get() : BackupSets.create(home, clock);
        // The migration completes (or rolls back) a set it made, or an open one it was given;
        // a complete one (the backend's of the same upgrade) keeps its state whatever happens here.
        boolean ownSet = backupSet.isEmpty() || set.manifest().state() == BackupManifest.State.OPEN;
        Optional<String> savedCrontab = crontab.read();
        set.saveCrontab(savedCrontab);
        set.saveHostmasterAlias(home.hostmasterAlias()); // provision-migrate re-saves it on the new platform
        log.info("Saved the crontab of " + r.aegirUser() + " into " + set.dir());
        // If this build is killed while drush runs, the next one finds the marker and puts right what drush left.
        MigrationMarker marker = markBeforeDrush(r, c, set, ownSet);

        DrushResult result = drush.run(inv);
        if (!result.ok()) {
            throw new FailedMigration(home, crontab, log).undo(result, r, c, set, ownSet, marker, savedCrontab);
        }

        new MigrationVerification(home, crontab, log).verify(r, c, savedCrontab);
        if (ownSet) {
            set.state(BackupManifest.State.COMPLETE);
        }
        log.info("Migrated " + r.domain() + " to " + c.newDir() + "; the crontab has its hosting-dispatch line; the"
                + " previous crontab is saved in " + set.dir());
        return new Outcome(true, c.oldDir(), c.newDir(), Optional.of(set));
    }

    private Outcome dryRun(Request r, Checked c, DrushInvocation inv) {
        log.info("[dry run] would save the crontab of " + r.aegirUser() + " into a new backup set in " + home.root());
        if (c.newDirState() == NewDir.LEFTOVER_TO_MOVE) {
            log.info("[dry run] would move the half-built " + c.newDir() + " into that backup set");
        }
        log.info("[dry run] would run: " + DrushRunner.describe(inv));
        log.info("[dry run] nothing was changed.");
        return new Outcome(false, c.oldDir(), c.newDir(), Optional.empty());
    }

    /**
     * Before drush runs: the half-built new directory aside, the migration noted in the set, and the marker that
     * lets the next build put right what drush left if this one is killed.
     */
    private MigrationMarker markBeforeDrush(Request r, Checked c, BackupSet set, boolean ownSet) throws IOException {
        if (c.newDirState() == NewDir.LEFTOVER_TO_MOVE) {
            Path aside = set.dir().resolve("leftover-" + c.newDir().getFileName());
            Files.move(c.newDir(), aside, StandardCopyOption.ATOMIC_MOVE);
            log.info("Moved the half-built " + c.newDir() + " to " + aside);
        }
        new MigrationNote(r.domain(), c.oldDir(), c.newDir()).writeTo(set);
        MigrationMarker marker = new MigrationMarker(
                r.domain(),
                c.oldDir(),
                c.newDir(),
                Files.exists(c.newDir()),
                set.dir(),
                ownSet,
                clock.instant(),
                ProcessHandle.current().pid());
        marker.write(home);
        return marker;
    }
}
