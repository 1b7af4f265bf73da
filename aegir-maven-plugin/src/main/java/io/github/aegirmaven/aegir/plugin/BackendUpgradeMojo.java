package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.backend.UpgradeInputs;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.release.LockFile;
import java.io.IOException;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Replaces drush, provision and drush_make in the Aegir home with the pinned, checksum-verified releases: staged,
 * backed up, swapped by journaled renames, verified with the new drush, rolled back on failure.
 */
@Mojo(name = "backend-upgrade", threadSafe = true)
public class BackendUpgradeMojo extends AbstractAegirMojo {

    @Inject
    public BackendUpgradeMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "backend-upgrade";
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException {
        AegirHome home = home();
        UpgradeInputs in = inputs(home, log);
        BackendPins pins = in.pins();
        LockFile lock = in.lock();
        BackendUpgrade backend = backendUpgrade(home, log);
        BackendUpgrade.Outcome outcome =
                unlessNothingToDo(home, log, () -> backend.ifUpToDate(pins, lock, backendOptions()), () -> {
                    if (!dryRun) {
                        log.info("Backend upgrade plan for " + home.root() + ":");
                        backend.plan(pins).describe().forEach(line -> log.info("  " + line));
                        confirm("the backend upgrade of " + home.root(), log);
                    }
                    return backend.upgrade(pins, lock, backendOptions(), Optional.empty());
                });
        writeLockIfChanged(outcome, log);
    }
}
