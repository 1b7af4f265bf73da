package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The whole manual page as one goal: print the plan, validate the make file (when set), upgrade the backend, then
 * migrate hostmaster; each step is skipped when already done; a summary at the end.
 *
 * @since 0.1.0
 */
@Mojo(name = "upgrade", threadSafe = true, aggregator = true)
public class UpgradeMojo extends AbstractFrontendMojo {

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

    /** Where the JSON form of the run's result goes (docs/json-reports.md); empty to write none.
     * @since 0.1.0 */
    @Parameter(property = "aegir.upgrade.report", defaultValue = "${project.build.directory}/aegir/upgrade.json")
    protected File report;

    @Override
    protected UpgradeSettings.Builder settings() {
        return downloads(super.settings(), downloadUrl, lockFile, cacheDirectory, serverId)
                .drushMakeVersion(drushMakeVersion)
                .strictLock(strictLock)
                .keepBackups(keepBackups)
                .report(Optional.ofNullable(report).map(File::toPath));
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).upgrade();
    }
}
