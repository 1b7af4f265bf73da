package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.updates.SecurityFlags;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that check the pins without changing anything: status and makefile-validate, security check included. */
abstract class AbstractCheckMojo extends AbstractAegirMojo {

    /** {@code $DRUSH_VERSION}, e.g. {@code 7.x-4.4}; for makefile-validate, the drush that will build the platform
     * ({@code 5.10.0}, {@code 8.4.12}): how includes merge.
     * @since 0.1.0 */
    @Parameter(property = "aegir.drushVersion")
    protected String drushVersion;

    /** {@code $AEGIR_VERSION}: the provision and hostmaster release, e.g. {@code 6.x-1.0-rc3}; a make file's
     * hostmaster must match it.
     * @since 0.1.0 */
    @Parameter(property = "aegir.version")
    protected String aegirVersion;

    /** The release-history service the security check reads.
     * @since 0.1.0 */
    @Parameter(property = "aegir.updateUrl", defaultValue = "https://updates.drupal.org/release-history")
    private String updateUrl;

    /** Fail when a pinned release is insecure, revoked, unsupported or lacks a security update.
     * @since 0.1.0 */
    @Parameter(property = "aegir.failOnInsecure", defaultValue = "false")
    private boolean failOnInsecure;

    /** The locked make file (from makefile-lock) whose projects the security check reads too, if it exists;
     * default {@code platform.lock.make} in the project's directory (without a project, the current directory).
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile")
    private File lockedMakefile;

    /** Where release histories are cached (for the security check offline).
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE_DIRECTORY, required = true)
    private File cacheDirectory;

    /** The security check of the pinned releases and of the locked make file's projects. */
    protected SecurityFlags.Settings security() {
        return new SecurityFlags.Settings(
                inBaseDirectory(lockedMakefile, LOCKED_MAKEFILE),
                updateUrl,
                cacheDirectory.toPath(),
                maven().offline(),
                maven().proxies(),
                failOnInsecure);
    }
}
