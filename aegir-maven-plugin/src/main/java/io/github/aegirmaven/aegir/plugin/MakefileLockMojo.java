package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.updates.MakefileLockRun;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Locks every project of a make file to the release drush make 6.x-2.2 would choose, with md5 and sha256, in a
 * locked make file drush make builds and verifies; {@code -Daegir.update=views} moves one project.
 *
 * @since 0.1.0
 */
@Mojo(name = "makefile-lock", threadSafe = true, requiresProject = false)
public class MakefileLockMojo extends AbstractAegirMojo {

    /** The make file to lock.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile")
    private File makefile;

    /** The locked make file to write; default {@code platform.lock.make} in the project's directory (without a
     * project, the current directory).
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile")
    private File lockedMakefile;

    /** The release-history service: {@code <updateUrl>/<project>/<core>}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.updateUrl", defaultValue = "https://updates.drupal.org/release-history")
    private String updateUrl;

    /** Projects to resolve again although locked (comma-separated); the others keep their release.
     * @since 0.1.0 */
    @Parameter(property = "aegir.update")
    private String update;

    /** Write the locked file even when some entries cannot be locked (they are marked NOT LOCKED).
     * @since 0.1.0 */
    @Parameter(property = "aegir.allowNotLocked", defaultValue = "false")
    private boolean allowNotLocked;

    /** Release archives and release histories.
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE_DIRECTORY)
    private File cacheDirectory;

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        MakefileLockRun.run(
                makefile == null ? null : makefile.toPath(),
                inBaseDirectory(lockedMakefile, LOCKED_MAKEFILE),
                update,
                allowNotLocked,
                updateUrl,
                cacheDirectory.toPath(),
                maven().offline(),
                maven().proxies(),
                log);
    }
}
