package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.backend.UpgradeInputs;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Json;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.upgrade.AllOrNothing;
import io.github.aegirmaven.aegir.upgrade.UpgradeReport;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The whole manual page as one goal: print the plan, validate the make file (when set), upgrade the backend, then
 * migrate hostmaster; each step is skipped when already done; a summary at the end.
 */
@Mojo(name = "upgrade", threadSafe = true, aggregator = true)
public class UpgradeMojo extends AbstractFrontendMojo {

    @Inject
    public UpgradeMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "upgrade";
    }

    /** Where the JSON form of the run's result goes (docs/json-reports.md); empty to write none. */
    @Parameter(property = "aegir.upgrade.report", defaultValue = "${project.build.directory}/aegir/upgrade.json")
    protected File report;

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException {
        AegirHome home = home();
        try {
            writeReport(upgrade(home, log), log);
        } catch (UserFixableException e) {
            BackendPins pinned;
            try {
                pinned = pins(BuildLog.NONE);
            } catch (UserFixableException badPins) {
                pinned = null; // the problems say so
            }
            writeReport(UpgradeReport.failedJson(home, pinned, dryRun, e.problems()), log);
            throw e;
        }
    }

    private void writeReport(Map<String, Object> json, BuildLog log) throws IOException {
        if (report == null || report.getPath().isBlank()) {
            return;
        }
        Files.createDirectories(report.toPath().toAbsolutePath().getParent());
        Files.writeString(report.toPath(), Json.pretty(json) + "\n", StandardCharsets.UTF_8);
        log.info("Wrote the result as JSON to " + report);
    }

    private Map<String, Object> upgrade(AegirHome home, BuildLog log)
            throws UserFixableException, IOException, MojoExecutionException {
        UpgradeInputs in = inputs(home, log);
        BackendPins pins = in.pins();
        LockFile lock = in.lock();
        HostmasterMigration.Request request = migrationRequest();
        BackendUpgrade backend = backendUpgrade(home, log);
        HostmasterMigration frontend = migration(home, log);

        return unlessNothingToDo(
                home,
                log,
                () -> {
                    // Both halves done (file reads only): the same report as below, through read-only calls.
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
                    UpgradeReport.summary(pins, b.get(), f.get(), aegirDomain, dryRun)
                            .forEach(log::info);
                    return Optional.of(UpgradeReport.json(home, pins, b.get(), f.get(), aegirDomain, dryRun));
                },
                () -> {
                    // Every check of both halves before anything changes, the dry run's too, all reported together: the
                    // frontend's parameters (user, home, domain, directories, make file, batch mode), then every
                    // release
                    // resolved and verified against the lock and the free space. A mistyped domain must not leave a
                    // server
                    // with a new backend and an old frontend.
                    // A build killed half-way and this one make one backup set: the migration uses the killed one's.
                    Optional<BackupSet> resumed = BackupSets.resume(home, takenOverFrom(), goal(), log);
                    List<String> problems = new ArrayList<>();
                    try {
                        frontend.check(request, true);
                    } catch (UserFixableException e) {
                        problems.addAll(e.problems());
                    }
                    BackendUpgrade.Plan before = backend.plan(pins);
                    UpgradeReport.plan(home, before, request, frontend.alreadyMigrated(request))
                            .forEach(log::info);
                    problems.addAll(
                            backend.resolve(pins, lock, backendOptions()).problems());
                    Preflight.failIfAny(problems);
                    confirm("the upgrade of " + home.root(), log);
                    BackendUpgrade.Outcome b = backend.upgrade(pins, lock, backendOptions(), Optional.empty());
                    writeLockIfChanged(b, log);
                    HostmasterMigration.Outcome f;
                    try {
                        f = frontend.migrate(
                                request,
                                b.backupSet().isPresent() ? b.backupSet() : resumed,
                                dryRun && !before.outdated().isEmpty());
                    } catch (UserFixableException migrationFailed) {
                        throw AllOrNothing.afterFailedMigration(
                                migrationFailed,
                                b,
                                new BackendRollback(home, CurrentUser.detect(), Clock.systemDefaultZone(), log),
                                log);
                    }
                    UpgradeReport.summary(pins, b, f, aegirDomain, dryRun).forEach(log::info);
                    return UpgradeReport.json(home, pins, b, f, aegirDomain, dryRun);
                });
    }
}
