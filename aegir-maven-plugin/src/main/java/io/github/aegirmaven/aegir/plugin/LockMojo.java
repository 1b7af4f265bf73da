package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Resolves and downloads every pinned release and writes its SHA-256 and size to the lock file.
 *
 * @since 0.1.0
 */
@Mojo(name = "lock", threadSafe = true)
public class LockMojo extends AbstractAegirMojo {

    /** {@code $DRUSH_VERSION}, e.g. {@code 7.x-4.4}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.drushVersion")
    protected String drushVersion;

    /** {@code $AEGIR_VERSION}: the provision and hostmaster release, e.g. {@code 6.x-1.0-rc3}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.version")
    protected String aegirVersion;

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

    /** Where downloaded releases are cached, verified.
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE_DIRECTORY, required = true)
    protected File cacheDirectory;

    /** The {@code settings.xml} server whose credentials are sent to the download host.
     * @since 0.1.0 */
    @Parameter(property = "aegir.serverId")
    protected String serverId;

    @Override
    protected UpgradeSettings.Builder settings() {
        return downloads(super.settings(), downloadUrl, lockFile, cacheDirectory, serverId)
                .drushVersion(drushVersion)
                .aegirVersion(aegirVersion)
                .drushMakeVersion(drushMakeVersion);
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).lock();
    }
}
