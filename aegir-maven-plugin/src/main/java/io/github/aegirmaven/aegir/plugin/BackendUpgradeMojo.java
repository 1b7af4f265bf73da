package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Replaces drush, provision and drush_make in the Aegir home with the pinned, checksum-verified releases: staged,
 * backed up, swapped by journaled renames, verified with the new drush, rolled back on failure.
 *
 * @since 0.1.0
 */
@Mojo(name = "backend-upgrade", threadSafe = true)
public class BackendUpgradeMojo extends AbstractChangeMojo {

    /** {@code $DRUSH_MAKE_VERSION}, e.g. {@code 6.x-2.2}; not needed where drush bundles make (drush 5+).
     * @since 0.1.0 */
    @Parameter(property = "aegir.drushMakeVersion")
    protected String drushMakeVersion;

    /** Where releases come from: {@code {project}} and {@code {version}} are replaced; {@code file:} too.
     * @since 0.1.0 */
    @Parameter(property = "aegir.downloadUrl", defaultValue = DOWNLOAD_URL, required = true)
    protected String downloadUrl;

    /** The pinned SHA-256 sums of every release.
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockFile", defaultValue = "${project.basedir}/aegir.lock", required = true)
    protected File lockFile;

    /** Refuse a release that has no entry in the lock file, instead of recording it (for CI).
     * @since 0.1.0 */
    @Parameter(property = "aegir.lock.strict", defaultValue = "false")
    protected boolean strictLock;

    /** Where downloaded releases are cached, verified.
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE_DIRECTORY, required = true)
    protected File cacheDirectory;

    /** The {@code settings.xml} server whose credentials are sent to the download host.
     * @since 0.1.0 */
    @Parameter(property = "aegir.serverId")
    protected String serverId;

    /** How many backup sets to keep in the Aegir home.
     * @since 0.1.0 */
    @Parameter(property = "aegir.keepBackups", defaultValue = "3", required = true)
    protected int keepBackups;

    @Override
    protected UpgradeSettings.Builder settings() {
        return downloads(super.settings(), downloadUrl, lockFile, cacheDirectory, serverId)
                .drushMakeVersion(drushMakeVersion)
                .strictLock(strictLock)
                .keepBackups(keepBackups);
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).backendUpgrade();
    }
}
