package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.platform.PlatformBuilder;
import java.io.File;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Builds a platform directory from a locked make file (written by {@code makefile-lock}): every download verified,
 * extracted safely, laid out as drush make lays it out, moved into place at the end; the tree's digest is
 * recorded in {@code <platformDir>.digest}. Offline ({@code -o}) from the cache after the first run.
 *
 * @since 0.1.0
 */
@Mojo(name = "platform-build", threadSafe = true, requiresProject = false)
public class PlatformBuildMojo extends AbstractAegirMojo {

    /** The locked make file to build; default {@code platform.lock.make} in the project's directory (without a
     * project, the current directory).
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile")
    private File lockedMakefile;

    /** The platform directory to build (no default: the build refuses to run without it); a relative path is taken
     * from the project's directory (without a project, the current directory). Its parent directory must exist; it
     * must not exist itself (or be this lock's platform, unchanged).
     * @since 0.1.0 */
    @Parameter(property = "aegir.platformDir")
    private File platformDir;

    /** Where verified downloads are cached (platform downloads under {@code platform-downloads/}).
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE_DIRECTORY)
    private File cacheDirectory;

    /** The user the platform is given to when Maven runs as root.
     * @since 0.1.0 */
    @Parameter(property = "aegir.user", defaultValue = "aegir")
    private String aegirUser;

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        PlatformBuilder.forUser(cacheDirectory.toPath(), maven().downloads(null, log), aegirUser)
                .build(
                        inBaseDirectory(lockedMakefile, LOCKED_MAKEFILE),
                        platformDir == null ? null : platformDir.toPath());
    }
}
