package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.updates.MakefileLockRun;
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
 * Locks every project of a make file to the release drush make 6.x-2.2 would choose, with md5 and sha256, in a
 * locked make file drush make builds and verifies; {@code -Daegir.update=views} moves one project.
 *
 * @since 0.1.0
 */
@Mojo(name = "makefile-lock", threadSafe = true, requiresProject = false)
public class MakefileLockMojo extends AbstractMojo {

    static {
        SettingNames.install(); // before any logic runs: its messages name settings as users type them
    }

    /** The make file to lock.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile")
    private File makefile;
    /** The locked make file to write.
     * @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile", defaultValue = "${project.basedir}/platform.lock.make")
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
    /** Skip this goal.
     * @since 0.1.0 */
    @Parameter(property = "aegir.skip", defaultValue = "false")
    private boolean skip;

    /** Release archives and release histories.
     * @since 0.1.0 */
    @Parameter(
            property = "aegir.cacheDirectory",
            defaultValue = "${settings.localRepository}/io/github/aegirmaven/aegir-releases")
    private File cacheDirectory;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    private final SettingsDecrypter decrypter;

    @Inject
    public MakefileLockMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping makefile-lock: aegir.skip is true.");
            return;
        }
        try {
            MakefileLockRun.run(
                    makefile == null ? null : makefile.toPath(),
                    lockedMakefile.toPath(),
                    update,
                    allowNotLocked,
                    updateUrl,
                    cacheDirectory.toPath(),
                    session.isOffline(),
                    SettingsProxies.active(session, decrypter),
                    new MavenBuildLog(getLog()));
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("makefile-lock failed: " + e.getMessage(), e);
        }
    }
}
