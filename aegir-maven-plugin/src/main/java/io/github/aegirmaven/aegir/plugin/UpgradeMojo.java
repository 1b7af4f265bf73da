package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.backend.UpgradeInputs;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.BackupSet;
import io.github.aegirmaven.aegir.home.BackupSets;
import io.github.aegirmaven.aegir.home.CurrentUser;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.upgrade.AllOrNothing;
import io.github.aegirmaven.aegir.upgrade.UpgradeReport;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
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

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException {
        AegirHome home = home();
        UpgradeInputs in = inputs(home, log);
        BackendPins pins = in.pins();
        LockFile lock = in.lock();
        HostmasterMigration.Request request = migrationRequest();
        BackendUpgrade backend = backendUpgrade(home, log);
        HostmasterMigration frontend = migration(home, log);

        unlessNothingToDo(home, log, () -> {
            // Both halves done (file reads only): the same report as below, through read-only calls.
            BackendUpgrade.Plan now = backend.plan(pins);
            if (!now.outdated().isEmpty() || !frontend.alreadyMigrated(request)) {
                return Optional.empty();
            }
            UpgradeReport.plan(home, now, request).forEach(log::info);
            Optional<BackendUpgrade.Outcome> b = backend.ifUpToDate(pins, lock, backendOptions());
            Optional<HostmasterMigration.Outcome> f = b.isPresent() ? frontend.ifAlreadyMigrated(request)
                    : Optional.empty();
            if (b.isEmpty() || f.isEmpty()) {
                return Optional.empty(); // another build changed the home meanwhile: the locked way
            }
            UpgradeReport.summary(pins, b.get(), f.get(), aegirDomain, dryRun).forEach(log::info);
            return Optional.of(Boolean.TRUE);
        }, () -> {
            // The frontend's parameters (domain, directories, make file, batch mode) are checked before the backend
            // changes: a mistyped domain must not leave a server with a new backend and an old frontend.
            // A build killed half-way and this one make one backup set: the migration uses the killed one's.
            Optional<BackupSet> resumed = BackupSets.resume(home, takenOverFrom(), goal(), log);
            frontend.check(request, true);
            BackendUpgrade.Plan before = backend.plan(pins);
            UpgradeReport.plan(home, before, request).forEach(log::info);
            BackendUpgrade.Outcome b = backend.upgrade(pins, lock, backendOptions(), Optional.empty());
            writeLockIfChanged(b, log);
            HostmasterMigration.Outcome f;
            try {
                f = frontend.migrate(request, b.backupSet().isPresent() ? b.backupSet() : resumed,
                        dryRun && !before.outdated().isEmpty());
            } catch (UserFixableException migrationFailed) {
                throw AllOrNothing.afterFailedMigration(migrationFailed, b,
                        new BackendRollback(home, CurrentUser.detect(), Clock.systemDefaultZone(), log), log);
            }
            UpgradeReport.summary(pins, b, f, aegirDomain, dryRun).forEach(log::info);
            return Boolean.TRUE;
        });
    }
}
