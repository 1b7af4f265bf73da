package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Credentials;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.upgrade.Procedure;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
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
 * What every aegir goal shares: the parameters of the manual page (each also a {@code -Daegir.*} property), the
 * skip switch, and the one error rule: {@link UserFixableException} becomes {@link MojoFailureException}, anything
 * else {@link MojoExecutionException}. Subclasses only map parameters and call a service.
 */
abstract class AbstractAegirMojo extends AbstractMojo {

    /** {@code $AEGIR_HOME}: the Aegir user's home, e.g. {@code /var/aegir}. */
    @Parameter(property = "aegir.home")
    protected File aegirHome;

    /** The user every change and every drush run happens as. */
    @Parameter(property = "aegir.user", defaultValue = "aegir")
    protected String aegirUser;

    /** {@code $AEGIR_DOMAIN}: the hostmaster site, e.g. {@code aegir.example.com}. */
    @Parameter(property = "aegir.domain")
    protected String aegirDomain;

    /** {@code $AEGIR_VERSION}: the provision and hostmaster release, e.g. {@code 6.x-1.0-rc3}. */
    @Parameter(property = "aegir.version")
    protected String aegirVersion;

    /** {@code $DRUSH_VERSION}, e.g. {@code 7.x-4.4}. */
    @Parameter(property = "aegir.drushVersion")
    protected String drushVersion;

    /** {@code $DRUSH_MAKE_VERSION}, e.g. {@code 6.x-2.2}; not needed where drush bundles make (drush 5 and later). */
    @Parameter(property = "aegir.drushMakeVersion")
    protected String drushMakeVersion;

    /** {@code $OLD_DRUPAL_DIR}; found from the site's {@code settings.php} under {@code aegirHome} when not set. */
    @Parameter(property = "aegir.oldHostmasterDir")
    protected File oldHostmasterDir;

    /** {@code $DRUPAL_DIR}; default <code>${aegirHome}/hostmaster-${aegirVersion}</code>. Must be absolute. */
    @Parameter(property = "aegir.newHostmasterDir")
    protected String newHostmasterDir;

    /** A custom make file for the new hostmaster platform (drush's {@code --makefile}). */
    @Parameter(property = "aegir.makefile")
    protected File makefile;

    /** Where releases come from; {@code {project}} and {@code {version}} are replaced. {@code file:} works too. */
    @Parameter(
            property = "aegir.downloadUrl",
            defaultValue = "https://ftp.drupal.org/files/projects/{project}-{version}.tar.gz")
    protected String downloadUrl;

    /** The pinned SHA-256 sums of every release. */
    @Parameter(property = "aegir.lockFile", defaultValue = "${project.basedir}/aegir.lock")
    protected File lockFile;

    /** Refuse a release that has no entry in the lock file, instead of recording it (for CI). */
    @Parameter(property = "aegir.lock.strict", defaultValue = "false")
    protected boolean strictLock;

    /** Where downloaded releases are cached, verified. */
    @Parameter(
            property = "aegir.cacheDirectory",
            defaultValue = "${settings.localRepository}/io/github/aegirmaven/aegir-releases")
    protected File cacheDirectory;

    /** The {@code settings.xml} server whose credentials are sent to the download host. */
    @Parameter(property = "aegir.serverId")
    protected String serverId;

    /** The PHP binary that runs {@code drush.php}. */
    @Parameter(property = "aegir.php", defaultValue = "php")
    protected String php;

    /** Answer drush's confirmations (the crontab replacement); required in batch mode. */
    @Parameter(property = "aegir.yes", defaultValue = "false")
    protected boolean assumeYes;

    /** Print the plan and every command; change nothing. */
    @Parameter(property = "aegir.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Stop a drush run that takes longer than this: {@code 90s}, {@code 30m}, {@code 2h} or seconds. */
    @Parameter(property = "aegir.timeout", defaultValue = "30m")
    protected String timeout;

    /** How many backup sets to keep in the Aegir home. */
    @Parameter(property = "aegir.keepBackups", defaultValue = "3")
    protected int keepBackups;

    /** Skip this goal (the reason is logged). */
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

    private final SettingsDecrypter decrypter;

    protected AbstractAegirMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

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
                        goal() + " stopped because the disk is full: " + e.getMessage()
                                + (e.getMessage() != null && e.getMessage().contains("free space")
                                        ? ""
                                        : " Free space on that file system and run again."),
                        e);
            }
            throw new MojoExecutionException(goal() + " failed unexpectedly: " + e.getMessage(), e);
        }
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** The goal's work: map parameters to {@link #settings()}, call the procedure. */
    protected abstract void run(BuildLog log) throws UserFixableException, IOException;

    /** The procedure of this goal's settings. */
    protected Procedure procedure(BuildLog log) {
        return new Procedure(settings().build(), log);
    }

    /** This goal's parameters as settings; a subclass adds its own. */
    protected UpgradeSettings.Builder settings() {
        return UpgradeSettings.builder()
                .goal(goal())
                .home(aegirHome == null ? null : aegirHome.toPath())
                .aegirUser(aegirUser)
                .domain(aegirDomain)
                .aegirVersion(aegirVersion)
                .drushVersion(drushVersion)
                .drushMakeVersion(drushMakeVersion)
                .oldHostmasterDir(Optional.ofNullable(oldHostmasterDir).map(File::toPath))
                .newHostmasterDir(Optional.ofNullable(newHostmasterDir))
                .makefile(Optional.ofNullable(makefile).map(File::toPath))
                .downloadUrl(downloadUrl)
                .lockFile(lockFile.toPath())
                .strictLock(strictLock)
                .cacheDirectory(cacheDirectory.toPath())
                .downloads(this::downloadSettings)
                .offline(session.isOffline())
                .proxies(SettingsProxies.active(settings, decrypter))
                .php(php)
                .assumeYes(assumeYes)
                .dryRun(dryRun)
                .batchMode(!session.getRequest().isInteractiveMode())
                .console(System.console() != null)
                .timeout(timeout)
                .keepBackups(keepBackups)
                .drushLogDirectory(drushLogDirectory());
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

    /** Downloads as settings.xml says: offline mode, active proxies, the serverId's credentials. */
    private DownloadSettings downloadSettings(BuildLog log) throws UserFixableException {
        DownloadSettings.Builder download =
                DownloadSettings.builder().offline(session.isOffline()).log(log);
        download.proxies(SettingsProxies.active(settings, decrypter));
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
