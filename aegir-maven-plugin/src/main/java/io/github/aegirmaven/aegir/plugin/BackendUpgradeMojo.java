package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import javax.inject.Inject;
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
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).backendUpgrade();
    }
}
