package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Undoes the newest upgrade once (its backup set and crontab back), or restores the backup set named.
 *
 * @since 0.1.0
 */
@Mojo(name = "rollback", threadSafe = true, requiresProject = false)
public class RollbackMojo extends AbstractHomeMojo {

    /**
     * Restore the backend even when the newest backup set comes from an upgrade that also migrated the hostmaster
     * site and the site still lives in the new platform (refused otherwise, with the way to move it back).
     *
     * @since 0.1.0
     */
    @Parameter(property = "aegir.backendOnly", defaultValue = "false")
    boolean backendOnly;

    /**
     * The backup set to restore, by its directory name in the home (e.g. {@code pre-rollback-2026-12-04-101500} to
     * undo a rollback, or an older upgrade's {@code pre-upgrade-…} set); by default the newest upgrade's set, once.
     *
     * @since 0.1.0
     */
    @Parameter(property = "aegir.backupSet")
    String backupSet;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings().backendOnly(backendOnly).backupSet(Optional.ofNullable(backupSet));
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).rollback();
    }
}
