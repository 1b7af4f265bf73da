package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Credentials;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.ProxySpec;
import io.github.aegirmaven.aegir.updates.SecurityFlags;
import io.github.aegirmaven.aegir.upgrade.Procedure;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

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

    /** The default of {@code cacheDirectory}, in Maven's local repository. */
    static final String CACHE_DIRECTORY = "${settings.localRepository}/io/github/aegirmaven/aegir-releases";

    /** Skip this goal (the reason is logged).
     * @since 0.1.0 */
    @Parameter(property = "aegir.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    protected Settings settings;

    /** This goal's execution: its parameters and their properties, to compare with the command line. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** Decrypts settings.xml passwords (settings-security.xml). */
    @Inject
    protected SettingsDecrypter decrypter;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            // before anything, skip included: -Daegir.skip overridden by the pom is a command line ignored too
            CommandLineCheck.run(session, mojoExecution, this, new MavenBuildLog(getLog()));
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

    /** The procedure of this goal's settings. */
    protected Procedure procedure(BuildLog log) {
        return new Procedure(settings().build(), log);
    }

    /** This goal's parameters as settings; a subclass adds its own. */
    protected UpgradeSettings.Builder settings() {
        return UpgradeSettings.builder()
                .goal(goal())
                .offline(session.isOffline())
                .proxies(proxies())
                .batchMode(!session.getRequest().isInteractiveMode())
                .console(System.console() != null)
                .drushLogDirectory(drushLogDirectory());
    }

    /** Where releases come from and how they are downloaded: the download group of lock, backend-upgrade, upgrade. */
    protected UpgradeSettings.Builder downloads(
            UpgradeSettings.Builder to, String downloadUrl, File lockFile, File cacheDirectory, String serverId) {
        return to.downloadUrl(downloadUrl)
                .lockFile(lockFile.toPath())
                .cacheDirectory(cacheDirectory.toPath())
                .downloads(log -> downloadSettings(serverId, log));
    }

    /** The project's directory; without a project (no pom), the directory Maven was started in. */
    protected Path baseDirectory() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        String dir = session != null && session.getRequest() != null
                ? session.getRequest().getBaseDirectory()
                : null;
        return dir != null ? Path.of(dir) : new File("").getAbsoluteFile().toPath();
    }

    /**
     * Where every drush run is saved in full, secrets masked: {@code ${project.build.directory}/aegir}; without a
     * project (no pom), {@code target/aegir} under the directory Maven was started in.
     */
    protected Path drushLogDirectory() {
        if (project != null
                && project.getFile() != null
                && project.getBuild() != null
                && project.getBuild().getDirectory() != null) {
            return new File(project.getBuild().getDirectory(), "aegir").toPath();
        }
        String base = session != null && session.getRequest() != null
                ? session.getRequest().getBaseDirectory()
                : null;
        return (base != null ? new File(base) : new File("").getAbsoluteFile())
                .toPath()
                .resolve("target")
                .resolve("aegir");
    }

    /** The security check of the pinned releases, from this goal's parameters. */
    protected SecurityFlags.Settings security(
            File lockedMakefile, String updateUrl, File cacheDirectory, boolean failOnInsecure) {
        return new SecurityFlags.Settings(
                lockedMakefile == null ? null : lockedMakefile.toPath(),
                updateUrl,
                cacheDirectory.toPath(),
                session != null && session.isOffline(),
                proxies(),
                failOnInsecure);
    }

    /** settings.xml's active proxies; a password that cannot be decrypted is named with its settings file. */
    protected List<ProxySpec> proxies() {
        return SettingsProxies.active(
                settings,
                decrypter,
                session == null ? null : session.getRequest().getUserSettingsFile(),
                session == null ? null : session.getRequest().getGlobalSettingsFile());
    }

    /** Downloads as settings.xml says: offline mode, active proxies, the serverId's credentials. */
    private DownloadSettings downloadSettings(String serverId, BuildLog log) throws UserFixableException {
        DownloadSettings.Builder download =
                DownloadSettings.builder().offline(session.isOffline()).log(log);
        download.proxies(proxies());
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings.getServer(serverId);
            if (server == null) {
                throw new UserFixableException("serverId (-Daegir.serverId) is '" + serverId + "', but settings.xml has"
                        + " no <server> with that id. Add one with <username> and <password>, or unset serverId.");
            }
            SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            Server s = r.getServer() != null ? r.getServer() : server;
            download.credentials(new Credentials(s.getUsername(), s.getPassword()));
        }
        return download.build();
    }
}
