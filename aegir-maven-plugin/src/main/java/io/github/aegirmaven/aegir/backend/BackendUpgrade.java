package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushEnvironment;
import io.github.aegirmaven.aegir.drush.DrushInvocation;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.PhpIncludePath;
import io.github.aegirmaven.aegir.drush.StdinMode;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.ReportedVersions;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.Journal;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.ServerRefusedException;
import io.github.aegirmaven.aegir.release.VerifiedArchive;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend half of the manual page: replace drush, provision and drush_make in the Aegir home with the pinned,
 * checksum-verified releases. Everything is staged beside its target first; the old directories go into a new
 * backup set and the new ones into place by journaled renames; drush is then asked, as the aegir user, for its
 * version and for provision's {@code hostmaster-migrate}; if that fails the backup set is put back.
 *
 * <p>The caller holds the home's {@link io.github.aegirmaven.aegir.home.lock.RunLock} and has run
 * {@link SwapTransaction#recover}.
 */
public final class BackendUpgrade {

    /** How the goal was configured. */
    public record Options(
            String aegirUser,
            String php,
            Duration timeout,
            boolean strictLock,
            boolean dryRun,
            int keepBackups,
            String mavenCommand) {}

    /** What was installed and what is pinned, per component. */
    public record Plan(Map<Component, Optional<String>> installed, BackendPins pins) {

        /** Reads what is installed in {@code home} now against the pins; changes nothing. */
        public static Plan of(AegirHome home, BackendPins pins) throws IOException {
            InstalledVersions.Installed now = InstalledVersions.read(home);
            Map<Component, Optional<String>> installed = new LinkedHashMap<>();
            for (Component c : pins.components()) {
                installed.put(c, now.of(c));
            }
            return new Plan(installed, pins);
        }

        /** The components whose installed version is not the pinned release. */
        public List<Component> outdated() {
            List<Component> out = new ArrayList<>();
            for (Component c : pins.components()) {
                String pin = pins.release(c).orElseThrow().version();
                if (!installed
                        .get(c)
                        .map(v -> ReportedVersions.declares(c, pin, v))
                        .orElse(false)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** One line per component: {@code drush: 4.2 -> 7.x-4.4} or {@code provision: 6.x-1.0-rc3 (as pinned)}. */
        public List<String> describe() {
            List<String> lines = new ArrayList<>();
            List<Component> outdated = outdated();
            for (Component c : pins.components()) {
                String from = installed.get(c).orElse("(not installed)");
                String to = pins.release(c).orElseThrow().version();
                lines.add(c.project() + ": " + (outdated.contains(c) ? from + " -> " + to : from + " (as pinned)"));
            }
            return lines;
        }
    }

    /** What the upgrade did. */
    public record Outcome(List<Release> installed, Optional<BackupSet> backupSet, LockFile lock, boolean lockChanged) {
        public boolean changedAnything() {
            return !installed.isEmpty();
        }
    }

    private final AegirHome home;
    private final ReleaseResolver resolver;
    private final SafeExtractor extractor;
    private final DrushRunner drush;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final BuildLog log;
    private final PhpIncludePath.Probe includePath;
    private HomeCheck homeCheck;

    public BackendUpgrade(
            AegirHome home,
            ReleaseResolver resolver,
            SafeExtractor extractor,
            DrushRunner drush,
            CurrentUser currentUser,
            Clock clock,
            BuildLog log) {
        this(home, resolver, extractor, drush, currentUser, clock, log, new PhpIncludePath(home, currentUser)::find);
    }

    /**
     * @param includePath asks the configured PHP where PEAR's Console_Table is on its include_path (drush 4 needs it;
     *                    see {@link ConsoleTable})
     */
    public BackendUpgrade(
            AegirHome home,
            ReleaseResolver resolver,
            SafeExtractor extractor,
            DrushRunner drush,
            CurrentUser currentUser,
            Clock clock,
            BuildLog log,
            PhpIncludePath.Probe includePath) {
        this.includePath = includePath;
        this.home = home;
        this.resolver = resolver;
        this.extractor = extractor;
        this.drush = drush;
        this.currentUser = currentUser;
        this.clock = clock;
        this.log = log;
        this.homeCheck = HomeCheck.everyTime(currentUser);
    }

    /** Checks the user and the home with {@code check} (a procedure's, which checks once) instead of every time. */
    public BackendUpgrade checkingHomeWith(HomeCheck check) {
        this.homeCheck = check;
        return this;
    }

    /** Reads what is installed now against the pins; changes nothing. */
    public Plan plan(BackendPins pins) throws IOException {
        return Plan.of(home, pins);
    }

    /**
     * Upgrades the backend to the pins, or does nothing (and says so, without any download) when it is already
     * there.
     *
     * @param backupSet the set to move the old directories into, when the caller (aegir:upgrade) made one already
     */
    public Outcome upgrade(BackendPins pins, LockFile lock, Options options, Optional<BackupSet> backupSet)
            throws IOException, UserFixableException {
        Optional<Outcome> nothingToDo = ifUpToDate(pins, lock, options);
        if (nothingToDo.isPresent()) {
            return nothingToDo.get();
        }
        Plan plan = plan(pins);
        log.info("Backend upgrade in " + home.root() + ":");
        plan.describe().forEach(line -> log.info("  " + line));

        // 1. Resolve and verify every release before anything moves (a dry run too: the same checks, in the cache).
        Resolved resolved = resolve(plan, lock, options);
        // How the new drush will find Console_Table (decided before anything moves, in a dry run too).
        ConsoleTable tables = resolved.tables().orElse(null);
        if (tables != null && tables.source() != ConsoleTable.Source.NOT_NEEDED) {
            log.info((options.dryRun() ? "[dry run] " : "") + tables.describe());
        }
        if (options.dryRun()) {
            return dryRun(resolved, lock, options);
        }
        Preflight.failIfAny(resolved.problems());
        Map<Component, VerifiedArchive> archives = resolved.archives();
        LockFile pinsSoFar = resolved.lock();
        boolean lockChanged = resolved.lockChanged();

        // 2. Stage each beside its target and check it is what was pinned.
        Optional<UnixUser> owner =
                currentUser.root() ? Optional.of(UnixUser.lookup(options.aegirUser())) : Optional.empty();
        Map<Component, Path> staged = new LinkedHashMap<>();
        List<Release> installed = new ArrayList<>();
        stage(archives, tables, owner, staged, installed);

        // 3. Swap, then ask the new drush whether it works and finds provision.
        BackupSet set = backupSet.isPresent() ? backupSet.get() : BackupSets.create(home, clock);
        swapAndVerify(pins, options, tables, staged, set, backupSet.isEmpty());

        InstallRecord record = InstallRecord.read(home);
        for (Map.Entry<Component, VerifiedArchive> e : archives.entrySet()) {
            VerifiedArchive a = e.getValue();
            record = record.with(new InstallRecord.Entry(
                    e.getKey().project(),
                    a.release().version(),
                    a.sha256(),
                    clock.instant(),
                    e.getKey() == Component.DRUSH ? tables.carried() : Map.of()));
        }
        record.write(home);
        if (owner.isPresent()) {
            home.adopt(home.stateDir());
        }
        BackupSets.prune(home, options.keepBackups(), Journal.backupSetsInUse(home), log);
        log.info("Backend upgraded to " + pins + "; the previous one is in " + set.dir());
        return new Outcome(installed, Optional.of(set), pinsSoFar, lockChanged);
    }

    private Outcome dryRun(Resolved resolved, LockFile lock, Options options) throws UserFixableException {
        for (Map.Entry<Component, VerifiedArchive> e : resolved.archives().entrySet()) {
            Component c = e.getKey();
            log.info("[dry run] verified " + e.getValue().release().archiveFileName() + " (sha256 "
                    + e.getValue().sha256() + "); would stage it beside " + c.dir(home) + ", move " + c.dir(home)
                    + " into a new backup set and the staged tree into its place");
        }
        Preflight.failIfAny(resolved.problems());
        if (resolved.lockChanged()) {
            log.info("[dry run] would record the SHA-256 of the releases the lock file lacks in it");
        }
        log.info("[dry run] would verify with: " + DrushRunner.describe(versionCheck(options)));
        log.info("[dry run] nothing was changed.");
        return new Outcome(List.of(), Optional.empty(), lock, false);
    }

    /** Stages each archive beside its target and checks it is what was pinned; on failure removes every staging. */
    private void stage(
            Map<Component, VerifiedArchive> archives,
            ConsoleTable tables,
            Optional<UnixUser> owner,
            Map<Component, Path> staged,
            List<Release> installed)
            throws IOException, UserFixableException {
        try {
            for (Map.Entry<Component, VerifiedArchive> e : archives.entrySet()) {
                Component c = e.getKey();
                Release release = e.getValue().release();
                Path staging = SwapTransaction.newStagingDir(c.dir(home));
                staged.put(c, staging);
                // As root, the extractor gives each entry to the aegir user as it writes it; chownTree then finds
                // them done and changes only what is not (the staging directory, a carried table.inc).
                Path tree = owner.isPresent()
                        ? extractor.extract(
                                e.getValue().path(),
                                staging,
                                c.project(),
                                Ownership.owner(owner.get()),
                                Ownership.group(owner.get()))
                        : extractor.extract(e.getValue().path(), staging, c.project());
                checkDeclaredVersion(c, tree, release, e.getValue());
                if (c == Component.DRUSH) {
                    tables.carryInto(tree);
                }
                if (owner.isPresent()) {
                    Ownership.chownTree(staging, owner.get());
                }
                installed.add(release);
                log.info("Staged " + release.displayName() + " (sha256 "
                        + e.getValue().sha256() + ") in " + staging);
            }
        } catch (IOException | UserFixableException | RuntimeException failure) {
            for (Path staging : staged.values()) {
                try {
                    Trees.deleteRecursively(staging);
                } catch (IOException | RuntimeException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            throw failure;
        }
    }

    /** Swaps the staged trees in and asks the new drush whether it works; on failure puts the old backend back. */
    private void swapAndVerify(
            BackendPins pins,
            Options options,
            ConsoleTable tables,
            Map<Component, Path> staged,
            BackupSet set,
            boolean ownSet)
            throws IOException, UserFixableException {
        SwapTransaction swap = SwapTransaction.begin(home, set, log);
        boolean applied = false;
        try {
            for (Map.Entry<Component, Path> e : staged.entrySet()) {
                swap.replace(
                        e.getKey().dir(home), e.getValue().resolve(e.getKey().project()));
            }
            if (ownSet) {
                set.saveCrontab(new Crontab(options.aegirUser(), currentUser, log).read());
            }
            swap.apply();
            applied = true;
            log.info("Moved the old backend into " + set.dir() + " and the new one into place.");
            verify(pins, options, tables);
            swap.commit();
        } catch (IOException | UserFixableException | RuntimeException failure) {
            try {
                swap.rollback();
                if (applied) {
                    log.error("The new backend failed its check; the old one is back in place.");
                }
                // A failed run leaves the home as it found it: no empty backup set behind.
                if (ownSet && set.discardIfEmpty()) {
                    log.debug("Removed the backup set " + set.dir() + ": everything in it went back");
                }
            } catch (IOException | RuntimeException undo) {
                failure.addSuppressed(undo);
            }
            throw failure;
        }
    }

    /**
     * The outdated releases, each resolved and verified against the lock file (from the release cache, or downloaded
     * into it: never into the home), the lock with what it lacked added, and every problem found on the way: a
     * release that cannot be had, a checksum that does not match, a strict lock without an entry, too little free
     * space for staging and backups. All are reported together.
     */
    public record Resolved(
            Map<Component, VerifiedArchive> archives,
            LockFile lock,
            boolean lockChanged,
            List<String> problems,
            Optional<ConsoleTable> tables) {}

    /** {@link Resolved} for the components of {@code pins} that are not installed as pinned; changes no home. */
    public Resolved resolve(BackendPins pins, LockFile lock, Options options) throws IOException {
        return resolve(plan(pins), lock, options);
    }

    private Resolved resolve(Plan plan, LockFile lock, Options options) throws IOException {
        LockFile pinsSoFar = lock;
        boolean lockChanged = false;
        Map<Component, VerifiedArchive> archives = new LinkedHashMap<>();
        long bytes = 0;
        List<String> problems = new ArrayList<>();
        for (Component c : plan.outdated()) {
            try {
                VerifiedArchive archive =
                        resolver.resolve(plan.pins().release(c).orElseThrow(), pinsSoFar, options.strictLock());
                archives.put(c, archive);
                pinsSoFar = archive.updatedLock();
                lockChanged |= archive.lockEntryAdded();
                bytes += archive.size();
            } catch (ServerRefusedException e) {
                // nothing listens there: every other release would fail the same way; this one problem says it all
                return new Resolved(archives, pinsSoFar, lockChanged, e.problems(), Optional.empty());
            } catch (UserFixableException e) {
                problems.addAll(e.problems()); // the others are still resolved, so that all are reported together
            }
        }
        if (problems.isEmpty() && !archives.isEmpty()) {
            problems.addAll(Preflight.problems(Preflight.checkFreeSpace(
                    home.root(),
                    bytes * 8 + (16L << 20),
                    "the staged drush, provision and drush_make and their backups")));
        }
        // drush 4 needs Console_Table: carried over from the old drush, or on PHP's include path; else a problem too.
        Optional<ConsoleTable> tables = Optional.empty();
        try {
            tables = Optional.of(ConsoleTable.decide(
                    home,
                    plan.outdated().contains(Component.DRUSH) ? plan.pins().release(Component.DRUSH) : Optional.empty(),
                    includePath,
                    options.php(),
                    options.aegirUser()));
        } catch (UserFixableException e) {
            problems.addAll(e.problems());
        }
        return new Resolved(archives, pinsSoFar, lockChanged, problems, tables);
    }

    /**
     * Reads only: the checks {@link #upgrade} makes first (who runs the build, the home), then, when the installed
     * backend already is the pins, says so and returns the outcome of an upgrade with nothing to do. Empty, and
     * silent, when there is something to do. Needs no run lock: it changes nothing.
     */
    public Optional<Outcome> ifUpToDate(BackendPins pins, LockFile lock, Options options)
            throws IOException, UserFixableException {
        List<String> problems = new ArrayList<>(homeCheck.problems(home, options.aegirUser(), options.mavenCommand()));
        DrushEnvironment.phpProblem(options.php()).ifPresent(problems::add);
        Preflight.failIfAny(problems);
        if (!plan(pins).outdated().isEmpty()) {
            return Optional.empty();
        }
        log.info("Backend is up to date: " + pins + " installed in " + home.root() + ". Nothing to do.");
        return Optional.of(new Outcome(List.of(), Optional.empty(), lock, false));
    }

    private void checkDeclaredVersion(Component c, Path tree, Release release, VerifiedArchive archive)
            throws IOException, UserFixableException {
        Optional<String> declared = InstalledVersions.declaredVersion(c, tree);
        if (declared.isEmpty() || !ReportedVersions.declares(c, release.version(), declared.get())) {
            throw new UserFixableException("The archive " + archive.path() + " (from " + archive.url()
                    + ") was expected to hold " + release.displayName() + ", whose files declare version "
                    + ReportedVersions.declared(c, release.version()) + ", but its files declare "
                    + declared.map(v -> "version " + v).orElse("no version") + ". Nothing was installed. Check that"
                    + " " + Setting.DOWNLOAD_URL + " serves drupal.org's release tarballs, then run"
                    + " `mvn aegir:lock` again to re-pin.");
        }
    }

    private DrushInvocation versionCheck(Options options) {
        return DrushInvocation.builder(home)
                .php(options.php())
                .aegirUser(options.aegirUser())
                .workingDirectory(home.root())
                .args("--version")
                .timeout(options.timeout())
                .stdin(StdinMode.CLOSED)
                .build();
    }

    /** Runs the new drush as the aegir user: its version must be the pin, and it must find provision's commands. */
    private void verify(BackendPins pins, Options options, ConsoleTable tables)
            throws IOException, UserFixableException {
        DrushResult version = drush.run(versionCheck(options));
        String expected =
                ReportedVersions.declared(Component.DRUSH, pins.drush().version());
        Optional<String> versionProblem = versionCheckProblem(version, pins.drush(), expected, home.drushDir());
        if (versionProblem.isPresent()) {
            throw new UserFixableException(versionProblem.get());
        }
        try {
            tables.checkNoDownload(home.drushDir());
        } catch (UserFixableException e) {
            throw new UserFixableException(e.getMessage() + "\n" + PUT_BACK, e);
        }
        DrushResult help = drush.run(DrushInvocation.builder(home)
                .php(options.php())
                .aegirUser(options.aegirUser())
                .workingDirectory(home.root())
                .args("help", "hostmaster-migrate")
                .timeout(options.timeout())
                .stdin(StdinMode.CLOSED)
                .build());
        if (!help.ok()) {
            throw new UserFixableException(help.failureMessage("Asking the new drush for provision's hostmaster-migrate"
                            + " command (drush help hostmaster-migrate, provision "
                            + pins.provision().version() + " in "
                            + home.provisionDir() + ")")
                    + "\n" + PUT_BACK + " Check that the release pinned by aegirVersion"
                    + " (" + Setting.VERSION.flag() + ") is provision's, then run again.");
        }
        log.info("Verified: drush " + expected + " runs as " + options.aegirUser() + " and finds provision "
                + pins.provision().version() + ".");
    }

    private static final String PUT_BACK = "The old backend was put back; nothing else was changed.";

    /**
     * Why {@code drush --version} of the new drush does not show it works: it failed (exit code, timeout), or it
     * ran but did not print exactly the line the pinned release prints ({@code drush version 4.4}, see
     * {@link ReportedVersions#isDrushVersionLine}); empty when it is fine.
     */
    static Optional<String> versionCheckProblem(DrushResult result, Release drush, String expected, Path drushDir) {
        if (!result.ok()) {
            return Optional.of(result.failureMessage("Checking the new drush (" + drush.displayName() + " in "
                            + drushDir + ") with drush --version")
                    + "\n" + PUT_BACK + " Fix the cause shown above (the PHP binary, php"
                    + " or " + Setting.PHP.flag() + ", or the release pinned by drushVersion, "
                    + Setting.DRUSH_VERSION.flag() + ") and run again.");
        }
        if (result.lastLines().stream().noneMatch(l -> ReportedVersions.isDrushVersionLine(drush.version(), l))) {
            return Optional.of("The new drush (" + drush.displayName() + " in " + drushDir
                    + ") ran, but drush --version"
                    + " did not print \"" + ReportedVersions.drushVersionLine(drush.version()) + "\" (version "
                    + expected
                    + ", which its drush.info declares); it printed "
                    + (result.lastLines().isEmpty() ? "nothing" : "\"" + String.join(" / ", result.lastLines()) + "\"")
                    + ".\nCommand: " + result.command() + "\n" + PUT_BACK
                    + " Check that " + Setting.DOWNLOAD_URL
                    + " serves drupal.org's drush releases.");
        }
        return Optional.empty();
    }
}
