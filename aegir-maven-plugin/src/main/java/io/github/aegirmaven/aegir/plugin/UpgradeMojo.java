package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.release.LockFile;
import java.io.IOException;
import java.util.List;
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
        BackendPins pins = pins(log);
        LockFile lock = LockFile.read(lockFile.toPath());
        HostmasterMigration.Request request = migrationRequest();
        BackendUpgrade backend = backendUpgrade(home, log);
        HostmasterMigration frontend = migration(home, log);

        unlessNothingToDo(home, log, () -> {
            // Both halves done (file reads only): the same report as below, through read-only calls.
            if (!backend.plan(pins).outdated().isEmpty() || !frontend.alreadyMigrated(request)) {
                return Optional.empty();
            }
            planAndMakefile(home, backend, pins, log);
            Optional<BackendUpgrade.Outcome> b = backend.ifUpToDate(pins, lock, backendOptions());
            Optional<HostmasterMigration.Outcome> f = b.isPresent() ? frontend.ifAlreadyMigrated(request)
                    : Optional.empty();
            if (b.isEmpty() || f.isEmpty()) {
                return Optional.empty(); // another build changed the home meanwhile: the locked way
            }
            summary(pins, b.get(), f.get(), log);
            return Optional.of(Boolean.TRUE);
        }, () -> {
            // The frontend's parameters (domain, directories, make file, batch mode) are checked before the backend
            // changes: a mistyped domain must not leave a server with a new backend and an old frontend.
            frontend.check(request, true);
            planAndMakefile(home, backend, pins, log);
            BackendUpgrade.Outcome b = backend.upgrade(pins, lock, backendOptions(), Optional.empty());
            writeLockIfChanged(b, log);
            HostmasterMigration.Outcome f = frontend.migrate(request, b.backupSet());
            summary(pins, b, f, log);
            return Boolean.TRUE;
        });
    }

    /** Prints the plan, and validates the make file when one is set. Reads only. */
    private void planAndMakefile(AegirHome home, BackendUpgrade backend, BackendPins pins, BuildLog log)
            throws UserFixableException, IOException {
        BackendUpgrade.Plan plan = backend.plan(pins);
        log.info("Aegir upgrade plan for " + home.root() + " (as " + aegirUser + "):");
        log.info("  1. backend:");
        plan.describe().forEach(l -> log.info("       " + l));
        log.info("  2. frontend: drush hostmaster-migrate " + aegirDomain + " "
                + (newHostmasterDir != null ? newHostmasterDir : home.hostmasterDir(aegirVersion))
                + (makefile != null ? " --makefile=" + makefile : "") + (assumeYes ? " -y" : "")
                + ", from the old hostmaster root");
        if (makefile != null) {
            List<String> errors = MakefileChecks.forMigration(drushVersion, aegirVersion, session.isOffline(), log)
                    .errors(makefile.toPath().toAbsolutePath());
            if (!errors.isEmpty()) {
                throw new UserFixableException("makefile (-Daegir.makefile) " + makefile + " does not pass"
                        + " makefile-validate; nothing was changed:\n  " + String.join("\n  ", errors));
            }
            log.info("Make file " + makefile + " is valid.");
        }
    }

    private void summary(BackendPins pins, BackendUpgrade.Outcome b, HostmasterMigration.Outcome f, BuildLog log) {
        log.info("Aegir upgrade summary:");
        log.info("  backend:  " + (b.changedAnything() ? "installed " + b.installed() : "already " + pins));
        log.info("  frontend: " + (f.migrated() ? aegirDomain + " migrated to " + f.newDir()
                : dryRun ? "not run (dry run)" : aegirDomain + " already on " + f.newDir()));
        b.backupSet().or(f::backupSet).ifPresentOrElse(
                s -> log.info("  backup set: " + s.dir() + " (restore with mvn aegir:rollback)"),
                () -> log.info("  nothing changed, no backup set made"));
    }
}
