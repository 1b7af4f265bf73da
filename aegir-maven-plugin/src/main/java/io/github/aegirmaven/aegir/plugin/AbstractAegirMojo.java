package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.plugin.maven.CommandLineCheck;
import io.github.aegirmaven.aegir.plugin.maven.MavenBuildLog;
import io.github.aegirmaven.aegir.plugin.maven.MavenRun;
import io.github.aegirmaven.aegir.plugin.maven.SettingNames;
import io.github.aegirmaven.aegir.upgrade.Procedure;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every aegir goal shares: the skip switch, Maven's session, and the one error rule: {@link UserFixableException}
 * becomes {@link MojoFailureException}, anything else {@link MojoExecutionException}. Each goal declares the
 * parameters it honours (in its class or a small base shared with the goals that honour them too), maps them to
 * {@link UpgradeSettings} and calls {@link Procedure}.
 */
abstract class AbstractAegirMojo extends AbstractMojo {

    static {
        SettingNames.install(); // before any logic runs: its messages name settings as users type them
    }

    /** The default of {@code downloadUrl}: drupal.org's release tarballs. */
    static final String DOWNLOAD_URL = "https://ftp.drupal.org/files/projects/{project}-{version}.tar.gz";

    /** The default file name of {@code lockedMakefile}, in the project's directory. */
    static final String LOCKED_MAKEFILE = "platform.lock.make";

    /** The default of {@code cacheDirectory}, in Maven's local repository. */
    static final String CACHE_DIRECTORY = "${settings.localRepository}/io/github/aegirmaven/aegir-releases";

    /** Skip this goal (the reason is logged).
     * @since 0.1.0 */
    @Parameter(property = "aegir.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** This goal's execution: its parameters and their properties, to compare with the command line. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** Decrypts settings.xml passwords (settings-security.xml). */
    @Inject
    protected SettingsDecrypter decrypter;

    private MavenRun maven;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            // before anything, skip included: -Daegir.skip overridden by the pom is a command line ignored too
            CommandLineCheck.run(session, mojoExecution, this, maven().baseDirectory(), new MavenBuildLog(getLog()));
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (skip) {
            getLog().info("Skipping " + goal() + ": aegir.skip is true.");
            return;
        }
        try {
            run(new MavenBuildLog(getLog()));
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            if (DiskFull.isCause(e)) {
                // the administrator can fix this one: free space (the message names where) and run again
                throw new MojoFailureException(
                        goal() + " stopped because the disk is full: " + e.getMessage() + DiskFull.advice(e), e);
            }
            throw new MojoExecutionException(goal() + " failed unexpectedly: " + e.getMessage(), e);
        }
    }

    /** The goal's name, for messages. */
    protected String goal() {
        return mojoExecution.getGoal();
    }

    /** The goal's work: map parameters to {@link #settings()}, call the procedure. */
    protected abstract void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException;

    /** What this goal reads from the Maven run besides its parameters; one per execution. */
    protected MavenRun maven() {
        if (maven == null) {
            maven = new MavenRun(session, project, decrypter);
        }
        return maven;
    }

    /**
     * A file parameter, or the file of that name in the project's directory when it is not set; without a project
     * (no pom), in the directory Maven was started in. (A default value of {@code ${project.basedir}/...} stays
     * unresolved without a project: Maven would hand the goal a directory literally named {@code ${project.basedir}}.)
     */
    protected Path inBaseDirectory(File parameter, String defaultName) {
        return parameter != null ? parameter.toPath() : maven().baseDirectory().resolve(defaultName);
    }

    /** The procedure of this goal's settings. */
    protected Procedure procedure(BuildLog log) {
        return new Procedure(settings().build(), log);
    }

    /** This goal's parameters as settings; a subclass adds its own. */
    protected UpgradeSettings.Builder settings() {
        MavenRun maven = maven();
        return UpgradeSettings.builder()
                .goal(goal())
                .offline(maven.offline())
                .proxies(maven.proxies())
                .batchMode(maven.batchMode())
                .console(System.console() != null)
                .drushLogDirectory(maven.reportDirectory());
    }

    /** Where releases come from and how they are downloaded: the download group of lock, backend-upgrade, upgrade. */
    protected UpgradeSettings.Builder downloads(
            UpgradeSettings.Builder to, String downloadUrl, File lockFile, File cacheDirectory, String serverId) {
        return to.downloadUrl(downloadUrl)
                .lockFile(lockFile.toPath())
                .cacheDirectory(cacheDirectory.toPath())
                .downloads(log -> maven().downloads(serverId, log));
    }
}
