package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.CurrentUser;
import java.io.IOException;
import java.time.Clock;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Restores the newest backup set made by this plugin (and the crontab saved in it). */
@Mojo(name = "rollback", threadSafe = true, requiresProject = false)
public class RollbackMojo extends AbstractAegirMojo {

    /**
     * Restore the backend even when the newest backup set comes from an upgrade that also migrated the hostmaster
     * site and the site still lives in the new platform (refused otherwise, with the way to move it back).
     */
    @Parameter(property = "aegir.backendOnly", defaultValue = "false")
    boolean backendOnly;

    @Inject
    public RollbackMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "rollback";
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException {
        AegirHome home = home();
        underLock(home, log, () -> new BackendRollback(home, CurrentUser.detect(), Clock.systemDefaultZone(), log)
                .rollback(aegirUser, dryRun, backendOnly, mavenCommand()));
    }
}
