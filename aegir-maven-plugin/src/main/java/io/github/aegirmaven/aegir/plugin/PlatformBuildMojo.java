package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.platform.LockedMakefile;
import io.github.aegirmaven.aegir.platform.PlatformBuilder;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import java.io.File;
import java.io.IOException;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds a platform directory from a locked make file (written by {@code makefile-lock}): every download verified,
 * extracted safely, laid out as drush make lays it out, moved into place at the end; the tree's digest is
 * recorded in {@code <platformDir>.digest}. Offline ({@code -o}) from the cache after the first run.
 *
 * @since 0.1.0
 */
@Mojo(name = "platform-build", threadSafe = true)
public class PlatformBuildMojo extends AbstractMojo {

    static {
        SettingNames.install(); // before any logic runs: its messages name settings as users type them
    }

    private static final String CACHE = "${settings.localRepository}/io/github/aegirmaven/aegir-releases";

    /** The locked make file to build.
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile", defaultValue = "${project.basedir}/platform.lock.make")
    private File lockedMakefile;

    /** The platform directory to build; absolute, must not exist (or be this lock's platform, unchanged).
     * @since 0.1.0 */
    @Parameter(property = "aegir.platformDir", required = true)
    private File platformDir;

    /** Where verified downloads are cached (platform downloads under {@code platform-downloads/}).
     * @since 0.1.0 */
    @Parameter(property = "aegir.cacheDirectory", defaultValue = CACHE)
    private File cacheDirectory;

    /** The user the platform is given to when Maven runs as root.
     * @since 0.1.0 */
    @Parameter(property = "aegir.user", defaultValue = "aegir")
    private String aegirUser;

    /** Skip this goal.
     * @since 0.1.0 */
    @Parameter(property = "aegir.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final SettingsDecrypter decrypter;

    @Inject
    public PlatformBuildMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping platform-build: aegir.skip is true.");
            return;
        }
        BuildLog log = new MavenBuildLog(getLog());
        try {
            DownloadSettings download = DownloadSettings.builder()
                    .offline(session.isOffline())
                    .log(log)
                    .proxies(SettingsProxies.active(session, decrypter))
                    .build();
            PlatformBuilder.forUser(cacheDirectory.toPath(), download, aegirUser)
                    .build(LockedMakefile.read(lockedMakefile.toPath()), platformDir.toPath());
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("platform-build failed: " + e.getMessage(), e);
        }
    }
}
