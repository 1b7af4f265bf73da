package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushEnvironment;
import io.github.aegirmaven.aegir.drush.DrushInvocation;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.StdinMode;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.home.Platforms;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The frontend half of the manual page: {@code cd $OLD_DRUPAL_DIR; $DRUSH hostmaster-migrate $AEGIR_DOMAIN
 * $DRUPAL_DIR}, with the checks around it that the manual leaves to the reader, the aegir user's crontab saved
 * before drush removes it and put back when drush fails.
 *
 * <p>The caller holds the home's {@link io.github.aegirmaven.aegir.home.lock.RunLock}.
 */
public final class HostmasterMigration {

    /**
     * What the goal was asked to do, built by name: {@code Request.builder().aegirUser("aegir").domain(d)...build()}.
     * Unset, the directories and the make file are absent, every switch is off, {@code php} is {@code php} and the
     * timeout 30 minutes.
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
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        problems.addAll(homeCheck.problems(home, r.aegirUser(), r.mavenCommand()));
        DrushEnvironment.phpProblem(r.php()).ifPresent(problems::add);

        // The backend first: the frontend upgrade is driven by the backend's hostmaster-migrate.
        boolean versionOk = checkVersions(r, backendPending, problems);

        Optional<String> domainProblem = HostName.problem(r.domain());
        domainProblem.ifPresent(p -> problems.add(Setting.DOMAIN + " is '" + r.domain()
                + "', which is not a host name: " + p + ". Set it to the hostmaster site, e.g. aegir.example.com."));

        // The new directory: absolute, default hostmaster-<aegirVersion> in the home.
        Path newDir = null;
        String relativeNewDir = null;
        if (r.newDir().isPresent() && !r.newDir().get().isBlank()) {
            Path given = Paths.get(r.newDir().get().trim());
            if (!given.isAbsolute()) {
                relativeNewDir = r.newDir().get().trim(); // reported once the old directory is known
            } else {
                newDir = given.normalize();
            }
        } else if (versionOk) {
            newDir = home.hostmasterDir(r.aegirVersion().trim());
        }

        // The old directory: given, or the platform holding sites/<domain>/settings.php.
        Sites sites =
                domainProblem.isEmpty() ? findSites(r, newDir, problems, notes) : new Sites(null, NewDir.ABSENT, false);
        Path oldDir = sites.oldDir();
        NewDir state = sites.state();
        boolean interrupted = sites.interrupted();

        if (relativeNewDir != null) {
            problems.add(relativeNewDirProblem(
                    relativeNewDir, oldDir, versionOk ? r.aegirVersion().trim() : null));
        }

        if (newDir != null && state != NewDir.ALREADY_MIGRATED && !interrupted) {
            state = checkNewDir(r, newDir, oldDir, problems, notes);
        }
        checkMakefile(r, problems);
        checkAnswerable(r, state, interrupted, problems);

        Preflight.failIfAny(problems);
        return new Checked(oldDir, newDir, state, notes);
    }

    /** aegirVersion, and (unless the backend is still to be upgraded) the installed provision matching it. */
    private boolean checkVersions(Request r, boolean backendPending, List<String> problems) throws IOException {
        boolean versionOk = r.aegirVersion() != null
                && DrupalVersion.isValid(r.aegirVersion().trim());
        if (!versionOk) {
            problems.add(Setting.VERSION + " is '" + r.aegirVersion() + "', which is not a drupal.org"
                    + " release version. Expected a form like 6.x-1.0-rc3.");
        } else if (!backendPending) {
            Optional<String> provision = InstalledVersions.read(home).provision();
            if (provision.isEmpty() || !InstalledVersions.sameRelease(provision.get(), r.aegirVersion())) {
                problems.add("The installed provision is " + provision.orElse("missing") + " (in " + home.provisionDir()
                        + "), but aegirVersion is " + r.aegirVersion() + ": upgrade the backend first. Run `mvn"
                        + " aegir:backend-upgrade` (or `mvn aegir:upgrade`, which does both in order).");
            }
        }
        return versionOk;
    }

    /** Where the site is: whether it moved already or a migration was interrupted, and the old platform. */
    private record Sites(Path oldDir, NewDir state, boolean interrupted) {}

    private Sites findSites(Request r, Path newDir, List<String> problems, List<String> notes)
            throws IOException, UserFixableException {
        String site = "sites/" + r.domain() + "/settings.php";
        NewDir state = NewDir.ABSENT;
        boolean interrupted = false;
        if (newDir != null) {
            // Migrated = the alias on the new platform and the old one no longer holding the site.
            MigrationState migration = MigrationState.of(
                    home,
                    r.domain(),
                    newDir,
                    r.oldDir().filter(Path::isAbsolute).stream().toList());
            if (migration.done()) {
                state = NewDir.ALREADY_MIGRATED;
            } else if (migration.interrupted()) {
                interrupted = true;
                problems.add(migration.advice("php " + home.drushPhp()) + " Nothing was changed: a second"
                        + " hostmaster-migrate now would deploy over a copy it did not make.");
            }
        }
        Path oldDir = null;
        if (interrupted) {
            oldDir = r.oldDir().filter(Path::isAbsolute).map(Path::normalize).orElse(null);
        } else if (r.oldDir().isPresent()) {
            oldDir = givenOldDir(r, r.oldDir().get(), site, state, problems);
        } else if (state != NewDir.ALREADY_MIGRATED) {
            try {
                oldDir = Platforms.findHostmaster(home, r.domain()).requireOne();
                notes.add("old hostmaster platform found: " + oldDir);
            } catch (UserFixableException e) {
                problems.add(e.getMessage());
            }
        }
        return new Sites(oldDir, state, interrupted);
    }

    /** oldHostmasterDir as given: absolute, and (unless the site moved already) a Drupal root holding the site. */
    private Path givenOldDir(Request r, Path given, String site, NewDir state, List<String> problems) {
        Path oldDir = null;
        if (!given.isAbsolute()) {
            problems.add(Setting.OLD_HOSTMASTER_DIR + " is the relative path '" + given
                    + "'; it must be absolute, e.g. " + home.root().resolve("hostmaster-6.x-1.0-rc2") + ".");
        } else if (state != NewDir.ALREADY_MIGRATED) {
            if (!Platforms.isDrupalRoot(given)) {
                problems.add(Setting.OLD_HOSTMASTER_DIR + " " + given + " is not a Drupal root"
                        + " (expected index.php, includes/bootstrap.inc and sites/). Set it to the platform"
                        + " the hostmaster site runs on, or leave it unset to find it under " + home.root()
                        + ".");
            } else if (!Files.isRegularFile(given.resolve(site))) {
                problems.add(Setting.OLD_HOSTMASTER_DIR + " " + given + " does not hold the site "
                        + r.domain() + " (no " + site + "). Check aegirDomain, or point oldHostmasterDir at"
                        + " the platform that has it.");
            } else {
                oldDir = given.normalize();
            }
        } else {
            oldDir = given.normalize();
        }
        return oldDir;
    }

    /** The new directory when the migration is still to do: not the old one, complete, half-built or creatable. */
    private NewDir checkNewDir(Request r, Path newDir, Path oldDir, List<String> problems, List<String> notes) {
        NewDir state = NewDir.ABSENT;
        if (newDir.equals(oldDir)) {
            problems.add("newHostmasterDir " + newDir + " is the old hostmaster platform itself. Set it to a new"
                    + " directory, by default " + home.root().resolve("hostmaster-" + r.aegirVersion()) + ".");
        } else if (Files.exists(newDir)) {
            if (Platforms.isCompletePlatform(newDir)) {
                state = NewDir.COMPLETE;
                notes.add("new platform " + newDir + " already exists and is complete: provision will use it as"
                        + " it is (no drush make)");
            } else if (r.moveAsideLeftover()) {
                state = NewDir.LEFTOVER_TO_MOVE;
                notes.add("half-built " + newDir + " (lacks " + String.join(", ", Platforms.missingParts(newDir))
                        + ") will be moved into the backup set before drush runs");
            } else {
                problems.add("newHostmasterDir " + newDir + " exists but is not a complete platform (it lacks "
                        + String.join(", ", Platforms.missingParts(newDir))
                        + "): probably left by an earlier failed"
                        + " run, and provision would use it as it is. Remove it, or set"
                        + " " + Setting.MOVE_ASIDE_LEFTOVER.flag() + "=true to move it into the backup set.");
            }
        } else {
            Path parent = newDir.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                problems.add("newHostmasterDir " + newDir + " cannot be created: its parent " + parent
                        + " is not a directory. Create it (owned by " + r.aegirUser()
                        + ") or choose another path.");
            } else if (!currentUser.root() && !Files.isWritable(parent)) {
                problems.add("newHostmasterDir " + newDir + " cannot be created: " + parent + " is not writable by "
                        + currentUser.name() + ". Make it writable for " + r.aegirUser() + ".");
            }
        }
        return state;
    }

    /** A custom make file must exist and pass makefile-validate. */
    private void checkMakefile(Request r, List<String> problems) throws IOException, UserFixableException {
        if (r.makefile().isPresent()) {
            Path mf = r.makefile().get();
            if (!Files.isRegularFile(mf)) {
                problems.add(Setting.MAKEFILE + " " + mf + " does not exist or is not a file. Fix the path,"
                        + " or leave it unset to build provision's own aegir.make.");
            } else {
                List<String> errors = makefileCheck.errors(mf);
                if (!errors.isEmpty()) {
                    problems.add(Setting.MAKEFILE + " " + mf + " does not pass makefile-validate; drush would"
                            + " fail half-way through the migration:\n      " + String.join("\n      ", errors));
                }
            }
        }
    }

    /** Someone (or assumeYes) must be able to answer drush's question. */
    private static void checkAnswerable(Request r, NewDir state, boolean interrupted, List<String> problems) {
        if (!r.assumeYes() && !r.dryRun() && state != NewDir.ALREADY_MIGRATED && !interrupted) {
            if (r.batchMode()) {
                problems.add("Maven runs in batch mode (-B), so nobody can answer drush's question \"Do you really want"
                        + " to proceed with the upgrade?\" and drush would cancel. Set assumeYes ("
                        + Setting.ASSUME_YES.flag() + "=true) to"
                        + " answer yes, as CI needs.");
            } else if (!r.console()) {
                problems.add("There is no console to answer drush's question \"Do you really want to proceed with the"
                        + " upgrade?\", so drush would cancel. Set assumeYes (" + Setting.ASSUME_YES.flag()
                        + "=true), or run Maven from a"
                        + " terminal.");
            }
        }
    }

    /**
     * Why a relative newHostmasterDir is refused, and what was probably meant: drush resolves a relative platform
     * path from its working directory, the old hostmaster root, so the new platform would be built inside the
     * old one; the user most likely meant a directory in the Aegir home.
     */
    String relativeNewDirProblem(String given, Path oldDir, String aegirVersion) {
        StringBuilder m = new StringBuilder(Setting.NEW_HOSTMASTER_DIR + " is the relative path '")
                .append(given)
                .append("'; it must be absolute.");
        if (oldDir != null) {
            m.append(" drush would resolve it from the old hostmaster root (")
                    .append(oldDir.resolve(given).normalize())
                    .append("), building the new platform inside the old one.");
        }
        m.append(" Did you mean ")
                .append(home.root().resolve(given).normalize())
                .append("? Set it to an absolute path");
        if (aegirVersion != null) {
            m.append(", or leave it unset for the default, ").append(home.hostmasterDir(aegirVersion));
        }
        return m.append('.').toString();
    }

    /** Why the build fails when drush hostmaster-migrate failed, and what was put right already. */
    static String drushFailedMessage(DrushResult result, Request r, Checked c, Path backupSet, boolean oldIntact) {
        String site = "sites/" + r.domain() + "/settings.php";
        return result.failureMessage("drush hostmaster-migrate " + r.domain() + " " + c.newDir()) + "\nThe crontab of "
                + r.aegirUser() + " was put back from " + backupSet + ". "
                + (oldIntact
                        ? "The old platform " + c.oldDir() + " still holds the site."
                        : "WARNING: the old platform " + c.oldDir() + " no longer holds " + site + "; check "
                                + c.newDir() + " before running again.")
                + " Fix the cause shown above and run again.";
    }

    /**
     * Reads only, and cheaply (no make file check, no drush, no crontab): whether the site already lives in the new
     * hostmaster directory, as a finished migration leaves it. False when the request does not say where that is;
     * {@link #check} then says what is wrong.
     */
    public boolean alreadyMigrated(Request r) throws IOException {
        if (HostName.problem(r.domain()).isPresent()
                || MigrationMarker.read(home).isPresent()) {
            return false; // an interrupted migration is put right under the run lock first
        }
        Optional<Path> dir = newDir(home, r.newDir(), r.aegirVersion());
        if (dir.isEmpty()) {
            return false;
        }
        try {
            return MigrationState.of(
                            home,
                            r.domain(),
                            dir.get(),
                            r.oldDir().filter(Path::isAbsolute).stream().toList())
                    .done();
        } catch (UserFixableException badDomain) {
            return false;
        }
    }

    /**
     * Where the new hostmaster platform goes: {@code newDir} when given (empty when it is relative, which
     * {@link #check} refuses), else {@code hostmaster-<aegirVersion>} in the home (empty without a valid version).
     */
    static Optional<Path> newDir(AegirHome home, Optional<String> newDir, String aegirVersion) {
        if (newDir.isPresent() && !newDir.get().isBlank()) {
            Path given = Paths.get(newDir.get().trim());
            return given.isAbsolute() ? Optional.of(given.normalize()) : Optional.empty();
        }
        if (aegirVersion != null && DrupalVersion.isValid(aegirVersion.trim())) {
            return Optional.of(home.hostmasterDir(aegirVersion.trim()));
        }
        return Optional.empty();
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
     * @param backupSet the set made earlier in this build (aegir:upgrade), or the open set of the killed run it
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
        // The migration completes (or rolls back) a set it made, or an open one it was given (a resumed run's);
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
            throw drushFailed(result, r, c, set, ownSet, marker, savedCrontab);
        }

        checkAfterDrush(r, c, savedCrontab);
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

    /** drush failed: undo what it copied while the old platform still holds the site; the failure to report. */
    private UserFixableException drushFailed(
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
        return new UserFixableException(drushFailedMessage(result, r, c, set.dir(), oldIntact)
                + undone.stream()
                        .filter(InterruptedMigration.Undone::movedInTheHome)
                        .map(a -> " It " + a.text() + ".")
                        .reduce("", String::concat));
    }

    /** After drush reported success: the site in the new platform, the crontab Aegir's, the user's own lines kept. */
    private void checkAfterDrush(Request r, Checked c, Optional<String> savedCrontab)
            throws IOException, UserFixableException {
        String site = "sites/" + r.domain() + "/settings.php";
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(c.newDir().resolve(site))) {
            problems.add("drush reported success, but " + c.newDir().resolve(site) + " does not exist: the site did not"
                    + " move into the new platform.");
        }
        Optional<String> cron = crontab.read();
        if (cron.isEmpty() || !cron.get().contains("hosting-dispatch")) {
            crontab.restore(savedCrontab);
            problems.add("drush reported success, but the crontab of " + r.aegirUser() + " has no hosting-dispatch"
                    + " line, so Aegir's task queue would stop; the saved crontab was put back. Run `drush @hostmaster"
                    + " hosting-setup` as " + r.aegirUser() + " to install the new one.");
        }
        MigrationMarker.delete(home);
        Preflight.failIfAny(problems);
        // hosting-setup of Aegir 6.x-1.x replaces the whole crontab; -y answered its question for the user, so put
        // back the user's own lines (as Aegir 7.x-3.x keeps them).
        List<String> dropped = ownLinesDropped(savedCrontab.orElse(""), cron.get());
        if (!dropped.isEmpty()) {
            String now = cron.get().isEmpty() || cron.get().endsWith("\n") ? cron.get() : cron.get() + "\n";
            crontab.write(now + String.join("\n", dropped) + "\n");
            log.info("drush replaced the whole crontab of " + r.aegirUser() + "; put back " + dropped.size()
                    + " line(s)" + " of its own that were not Aegir's: " + String.join(" | ", dropped));
        }
    }

    /**
     * The lines of the crontab before the migration that were not Aegir's and are gone from the crontab after it:
     * jobs and settings of the user's own (not {@code SHELL=}, {@code PATH=} or a {@code hosting-dispatch} job,
     * which Aegir writes afresh), each with the comment lines right above it. Blank lines are left out.
     */
    static List<String> ownLinesDropped(String before, String after) {
        List<String> now = after.lines().map(String::strip).toList();
        List<String> out = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (String line : before.lines().toList()) {
            String t = line.strip();
            if (t.isEmpty()) {
                comments.clear();
            } else if (t.startsWith("#")) {
                comments.add(line);
            } else {
                boolean aegirs = t.startsWith("SHELL=") || t.startsWith("PATH=") || t.contains("hosting-dispatch");
                if (!aegirs && !now.contains(t)) {
                    comments.stream().filter(cm -> !now.contains(cm.strip())).forEach(out::add);
                    out.add(line);
                }
                comments.clear();
            }
        }
        return out;
    }
}
