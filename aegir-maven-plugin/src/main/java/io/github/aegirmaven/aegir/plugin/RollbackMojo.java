package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Undoes the newest upgrade once (its backup set and crontab back), or restores the backup set named. */
@Mojo(name = "rollback", threadSafe = true, requiresProject = false)
public class RollbackMojo extends AbstractAegirMojo {

    /**
     * Restore the backend even when the newest backup set comes from an upgrade that also migrated the hostmaster
     * site and the site still lives in the new platform (refused otherwise, with the way to move it back).
     */
    @Parameter(property = "aegir.backendOnly", defaultValue = "false")
    boolean backendOnly;

    /**
     * The backup set to restore, by its directory name in the home (e.g. {@code pre-rollback-2026-12-04-101500} to
     * undo a rollback, or an older upgrade's {@code pre-upgrade-…} set); by default the newest upgrade's set, once.
     */
    @Parameter(property = "aegir.backupSet")
    String backupSet;

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
        underLock(
                home,
                log,
                () -> new BackendRollback(home, CurrentUser.detect(), Clock.systemDefaultZone(), log)
                        .rollback(
                                aegirUser,
                                dryRun,
                                backendOnly,
                                Optional.ofNullable(backupSet).filter(s -> !s.isBlank()),
                                mavenCommand()));
    }
}
