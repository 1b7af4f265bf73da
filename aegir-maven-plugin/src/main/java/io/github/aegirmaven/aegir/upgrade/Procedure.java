package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.backend.PinLocker;
import io.github.aegirmaven.aegir.backend.UpgradeInputs;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Durations;
import io.github.aegirmaven.aegir.core.Json;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.frontend.MakefileChecks;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.makefile.RuleSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import io.github.aegirmaven.aegir.status.HomeStatus;
import io.github.aegirmaven.aegir.status.StatusReport;
import io.github.aegirmaven.aegir.updates.SecurityFlags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The manual page as a procedure, one method per goal, built from one {@link UpgradeSettings}: which service runs
 * in which order, under the home's run lock and in which order a failure is undone. The plugin layer only maps
 * parameters to settings and calls one method.
 */
public final class Procedure {

    private final UpgradeSettings s;
    private final BuildLog log;
    private final CurrentUser current;
    private final Clock clock;

    public Procedure(UpgradeSettings settings, BuildLog log) {
        this(settings, log, CurrentUser.detect(), Clock.systemDefaultZone());
    }

    public Procedure(UpgradeSettings settings, BuildLog log, CurrentUser current, Clock clock) {
        this.s = settings;
        this.log = log;
        this.current = current;
        this.clock = clock;
    }

    /** aegir:lock: resolves and downloads every pinned release and writes its SHA-256 and size to the lock file. */
    public void lock() throws UserFixableException, IOException {
        new PinLocker(resolver(), log).lock(pins(log), s.lockFile());
    }

    /** aegir:status: installed against pinned versions and what else the home holds; fails on drift if asked. */
    public void status(SecurityFlags.Settings security) throws UserFixableException, IOException {
        AegirHome home = home();
        HomeStatus.requireHome(home);
        BackendUpgrade.Plan plan = BackendUpgrade.Plan.of(home, pins(log));
        StatusReport report = HomeStatus.of(
                home,
                plan,
                new HomeStatus.Frontend(
                        s.request().domain(),
                        s.request().aegirVersion(),
                        s.request().newDir()),
                clock);
        report.lines().forEach(log::info);
        security.run(SecurityFlags.backend(plan.pins().releases()), log);
        if (s.statusJson().isPresent()) {
            Path file = s.statusJson().get().toAbsolutePath();
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, report.toJson());
            log.info("Wrote the status as JSON (schemaVersion " + StatusReport.SCHEMA_VERSION + ") to " + file);
        }
        if (!report.drifted()) {
            log.info("No drift: the server runs the pinned releases.");
            return;
        }
        String message = "Installed versions differ from the pins: " + String.join("; ", report.drift())
                + ("interrupted".equals(report.hostmaster().state())
                        ? ". aegir:upgrade and aegir:hostmaster-migrate refuse to run until the interrupted"
                                + " migration is finished or undone (see above); then run `mvn aegir:upgrade`."
                        : ". Run `mvn aegir:upgrade` to bring the server to the pins (or aegir:backend-upgrade,"
                                + " then aegir:hostmaster-migrate, one half at a time); or, if the server is right,"
                                + " change the pins to what it runs.");
        if (s.failOnDrift()) {
            throw new UserFixableException(message + " (failing because " + Setting.FAIL_ON_DRIFT.flag() + " is set)");
        }
        log.warn(message);
    }

    /** aegir:rollback: undoes the newest upgrade once, or restores the backup set named. */
    public void rollback() throws UserFixableException, IOException {
        HomeSession session = session(home());
        session.underLock(() -> new BackendRollback(session.home(), current, clock, log)
                .checkingHomeWith(session.check())
                .rollback(
                        s.request().aegirUser(),
                        s.request().dryRun(),
                        s.backendOnly(),
                        s.backupSet().filter(n -> !n.isBlank()),
                        s.mavenCommand()));
    }

    /** aegir:backend-upgrade: drush, provision and drush_make replaced by the pinned releases. */
    public void backendUpgrade() throws UserFixableException, IOException {
        HomeSession session = session(home());
        AegirHome home = session.home();
        UpgradeInputs in = inputs(home);
        BackendUpgrade backend = backend(session);
        BackendUpgrade.Outcome outcome =
                session.unlessNothingToDo(() -> backend.ifUpToDate(in.pins(), in.lock(), backendOptions()), () -> {
                    if (!s.request().dryRun()) {
                        log.info("Backend upgrade plan for " + home.root() + ":");
                        backend.plan(in.pins()).describe().forEach(line -> log.info("  " + line));
                        confirm("the backend upgrade of " + home.root());
                    }
                    return backend.upgrade(in.pins(), in.lock(), backendOptions(), Optional.empty());
                });
        writeLockIfChanged(outcome);
    }

    /** aegir:hostmaster-migrate: {@code drush hostmaster-migrate} with the checks around it. */
    public void hostmasterMigrate() throws UserFixableException, IOException {
        HomeSession session = session(home());
        HostmasterMigration migration = migration(session);
        HostmasterMigration.Request request = migrationRequest();
        session.unlessNothingToDo(
                () -> migration.alreadyMigrated(request) ? migration.ifAlreadyMigrated(request) : Optional.empty(),
                () -> {
                    HostmasterMigration.Checked checked = migration.check(request);
                    if (!request.dryRun() && !checked.alreadyMigrated()) {
                        log.info("hostmaster-migrate plan: " + request.domain() + " from " + checked.oldDir() + " to "
                                + checked.newDir() + ", with "
                                + DrushRunner.describe(migration.invocation(request, checked)));
                        confirm("hostmaster-migrate of " + request.domain());
                    }
                    return migration.migrate(request, Optional.empty());
                });
    }

    /**
     * aegir:upgrade: the plan, the make file checked, the backend upgraded, then hostmaster migrated, each step
     * skipped when done; the result as JSON to {@code report}, a failure too.
     */
    public void upgrade() throws UserFixableException, IOException {
        AegirHome home = home();
        try {
            writeReport(upgrade(session(home)));
        } catch (UserFixableException e) {
            BackendPins pinned;
            try {
                pinned = pins(BuildLog.NONE);
            } catch (UserFixableException badPins) {
                pinned = null; // the problems say so
            }
            writeReport(UpgradeReport.failedJson(home, pinned, s.request().dryRun(), e.problems()));
            throw e;
        }
    }

    private Map<String, Object> upgrade(HomeSession session) throws UserFixableException, IOException {
        AegirHome home = session.home();
        UpgradeInputs in = inputs(home);
        BackendPins pins = in.pins();
        LockFile lock = in.lock();
        HostmasterMigration.Request request = migrationRequest();
        BackendUpgrade backend = backend(session);
        HostmasterMigration frontend = migration(session);
        return session.unlessNothingToDo(() -> alreadyDone(home, backend, frontend, pins, lock, request), () -> {
            // Every check of both halves before anything changes, the dry run's too, all reported together:
            // the frontend's parameters (user, home, domain, directories, make file, batch mode), then every
            // release resolved and verified against the lock and the free space. A mistyped domain must not
            // leave a server with a new backend and an old frontend.
            // A build killed half-way and this one make one backup set: the migration uses the killed one's.
            Optional<BackupSet> resumed = BackupSets.resume(home, session.takenOverFrom(), s.goal(), log);
            List<String> problems = new ArrayList<>();
            try {
                frontend.check(request, true);
            } catch (UserFixableException e) {
                problems.addAll(e.problems());
            }
            BackendUpgrade.Plan before = backend.plan(pins);
            UpgradeReport.plan(home, before, request, frontend.alreadyMigrated(request))
                    .forEach(log::info);
            problems.addAll(backend.resolve(pins, lock, backendOptions()).problems());
            Preflight.failIfAny(problems);
            confirm("the upgrade of " + home.root());
            BackendUpgrade.Outcome b = backend.upgrade(pins, lock, backendOptions(), Optional.empty());
            writeLockIfChanged(b);
            HostmasterMigration.Outcome f;
            try {
                f = frontend.migrate(
                        request,
                        b.backupSet().isPresent() ? b.backupSet() : resumed,
                        s.request().dryRun() && !before.outdated().isEmpty());
            } catch (UserFixableException migrationFailed) {
                throw AllOrNothing.afterFailedMigration(
                        migrationFailed,
                        b,
                        new BackendRollback(home, current, clock, log).checkingHomeWith(session.check()),
                        log);
            }
            UpgradeReport.summary(pins, b, f, s.request().domain(), s.request().dryRun())
                    .forEach(log::info);
            return UpgradeReport.json(
                    home, pins, b, f, s.request().domain(), s.request().dryRun());
        });
    }

    /** Both halves done (file reads only): the same report as the upgrade's, through read-only calls. */
    private Optional<Map<String, Object>> alreadyDone(
            AegirHome home,
            BackendUpgrade backend,
            HostmasterMigration frontend,
            BackendPins pins,
            LockFile lock,
            HostmasterMigration.Request request)
            throws UserFixableException, IOException {
        BackendUpgrade.Plan now = backend.plan(pins);
        if (!now.outdated().isEmpty() || !frontend.alreadyMigrated(request)) {
            return Optional.empty();
        }
        UpgradeReport.plan(home, now, request, true).forEach(log::info);
        Optional<BackendUpgrade.Outcome> b = backend.ifUpToDate(pins, lock, backendOptions());
        Optional<HostmasterMigration.Outcome> f =
                b.isPresent() ? frontend.ifAlreadyMigrated(request) : Optional.empty();
        if (b.isEmpty() || f.isEmpty()) {
            return Optional.empty(); // another build changed the home meanwhile: the locked way
        }
        UpgradeReport.summary(
                        pins,
                        b.get(),
                        f.get(),
                        s.request().domain(),
                        s.request().dryRun())
                .forEach(log::info);
        return Optional.of(UpgradeReport.json(
                home, pins, b.get(), f.get(), s.request().domain(), s.request().dryRun()));
    }

    private void writeReport(Map<String, Object> json) throws IOException {
        if (s.report().isEmpty() || s.report().get().toString().isBlank()) {
            return;
        }
        Path report = s.report().get();
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, Json.pretty(json) + "\n", StandardCharsets.UTF_8);
        log.info("Wrote the result as JSON to " + report);
    }

    /** The Aegir home from {@code home}, which is required. */
    private AegirHome home() throws UserFixableException {
        if (s.home() == null) {
            throw new UserFixableException(Setting.HOME + " is not set. Set it to the Aegir user's home, e.g."
                    + " <aegirHome>/var/aegir</aegirHome> in the plugin configuration or " + Setting.HOME.flag()
                    + "=/var/aegir.");
        }
        return AegirHome.at(s.home());
    }

    private HomeSession session(AegirHome home) {
        return new HomeSession(home, s, current, log);
    }

    /** The pins and the lock file, read with the user and home checks when either is wrong. */
    private UpgradeInputs inputs(AegirHome home) throws UserFixableException {
        return UpgradeInputs.read(
                s.drushVersion(),
                s.request().aegirVersion(),
                s.drushMakeVersion(),
                s.lockFile(),
                home,
                s.request().aegirUser(),
                current,
                s.mavenCommand(),
                log);
    }

    private BackendPins pins(BuildLog to) throws UserFixableException {
        return BackendPins.of(s.drushVersion(), s.request().aegirVersion(), s.drushMakeVersion(), to);
    }

    private Duration drushTimeout() throws UserFixableException {
        return Durations.parse(s.timeout(), Setting.TIMEOUT.toString());
    }

    private BackendUpgrade.Options backendOptions() throws UserFixableException {
        return new BackendUpgrade.Options(
                s.request().aegirUser(),
                s.request().php(),
                drushTimeout(),
                s.strictLock(),
                s.request().dryRun(),
                s.keepBackups(),
                s.mavenCommand());
    }

    private Confirmation.Mode confirmation() {
        return new Confirmation.Mode(
                s.request().assumeYes(), s.request().dryRun(), s.request().batchMode());
    }

    /** Interactively, asks once whether to go on with {@code what}, after the plan and before the first change. */
    private void confirm(String what) throws IOException, UserFixableException {
        Confirmation.obtain(confirmation(), what, s.terminal(), log);
    }

    /** Writes the lock file when the backend recorded releases it did not pin yet (first use). */
    private void writeLockIfChanged(BackendUpgrade.Outcome outcome) throws IOException {
        if (outcome.lockChanged()) {
            outcome.lock().write(s.lockFile());
            log.warn("Recorded the SHA-256 of new releases in " + s.lockFile() + " on first use; review and commit"
                    + " it. Set " + Setting.STRICT_LOCK.flag() + "=true in CI to refuse unpinned releases instead.");
        }
    }

    private DrushRunner drushRunner() {
        return new DrushRunner(log).logTo(s.drushLogDirectory());
    }

    /** Downloads as the build says: offline mode, active proxies, the server's credentials. */
    private ReleaseResolver resolver() throws UserFixableException {
        return new ReleaseResolver(
                UrlTemplate.parse(s.downloadUrl()),
                new ReleaseCache(s.cacheDirectory()),
                new Downloader(s.downloads().settings(log)));
    }

    private BackendUpgrade backend(HomeSession session) throws UserFixableException {
        return new BackendUpgrade(session.home(), resolver(), new SafeExtractor(), drushRunner(), current, clock, log)
                .checkingHomeWith(session.check());
    }

    private HostmasterMigration.Request migrationRequest() throws UserFixableException {
        return s.request().forDrush(confirmation().drushAnswersYes(), drushTimeout());
    }

    private HostmasterMigration migration(HomeSession session) throws UserFixableException {
        return new HostmasterMigration(
                        session.home(),
                        drushRunner(),
                        new Crontab(s.request().aegirUser(), current, log),
                        current,
                        MakefileChecks.forMigration(
                                s.drushVersion(),
                                s.request().aegirVersion(),
                                s.offline(),
                                new MakefileChecks.Settings(
                                        s.makeEngine(),
                                        RuleSettings.fromParameters(s.rules(), s.ruleList()),
                                        s.failOnWarning(),
                                        s.proxies()),
                                log),
                        clock,
                        log)
                .checkingHomeWith(session.check());
    }
}
