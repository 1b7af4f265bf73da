package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.backend.UpgradeInputs;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.Durations;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.OrphanedDrush;
import io.github.aegirmaven.aegir.frontend.InterruptedMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.lock.HomeAtRest;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.Credentials;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.ProxySpec;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import io.github.aegirmaven.aegir.upgrade.Confirmation;
import io.github.aegirmaven.aegir.upgrade.StopNotice;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
                        goal() + " stopped because the disk is full: " + e.getMessage() + DiskFull.advice(e), e);
            }
            throw new MojoExecutionException(goal() + " failed unexpectedly: " + e.getMessage(), e);
        }
    }

    /** The goal's name, for messages. */
    protected abstract String goal();

    /** The goal's work: map parameters, call the service. */
    protected abstract void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException;

    /** Batch mode ({@code -B}, CI): nothing may wait for an answer. */
    protected boolean batchMode() {
        return !session.getRequest().isInteractiveMode();
    }

    /** Whether this build asks before its first change, and whether drush is then given {@code -y}. */
    protected Confirmation.Mode confirmation() {
        return new Confirmation.Mode(assumeYes, dryRun, batchMode());
    }

    /** Interactively, asks once whether to go on with {@code what}, after the plan and before the first change. */
    protected void confirm(String what, BuildLog log) throws IOException, UserFixableException {
        Confirmation.obtain(confirmation(), what, StdTerminal.INSTANCE, log);
    }

    /** Writes the lock file when the backend recorded releases it did not pin yet (first use). */
    protected void writeLockIfChanged(BackendUpgrade.Outcome outcome, BuildLog log) throws IOException {
        if (outcome.lockChanged()) {
            outcome.lock().write(lockFile.toPath());
            log.warn("Recorded the SHA-256 of new releases in " + lockFile + " on first use; review and commit it."
                    + " Set -Daegir.lock.strict=true in CI to refuse unpinned releases instead.");
        }
    }

    /** The Aegir home from {@code aegirHome}, which is required. */
    protected AegirHome home() throws UserFixableException {
        if (aegirHome == null) {
            throw new UserFixableException(
                    "aegirHome (-Daegir.home) is not set. Set it to the Aegir user's home,"
                            + " e.g. <aegirHome>/var/aegir</aegirHome> in the plugin configuration or -Daegir.home=/var/aegir.");
        }
        return AegirHome.at(aegirHome.toPath());
    }

    /** The pins and the lock file, read with the user and home checks when either is wrong. */
    protected UpgradeInputs inputs(AegirHome home, BuildLog log) throws UserFixableException {
        return UpgradeInputs.read(
                drushVersion,
                aegirVersion,
                drushMakeVersion,
                lockFile.toPath(),
                home,
                aegirUser,
                CurrentUser.detect(),
                mavenCommand(),
                log);
    }

    protected BackendPins pins(BuildLog log) throws UserFixableException {
        return BackendPins.of(drushVersion, aegirVersion, drushMakeVersion, log);
    }

    protected Duration drushTimeout() throws UserFixableException {
        return Durations.parse(timeout, "timeout (-Daegir.timeout)");
    }

    /** How to suggest re-running this goal, e.g. in the su command given to the wrong user. */
    protected String mavenCommand() {
        return "mvn aegir:" + goal();
    }

    protected BackendUpgrade.Options backendOptions() throws UserFixableException {
        return new BackendUpgrade.Options(
                aegirUser, php, drushTimeout(), strictLock, dryRun, keepBackups, mavenCommand());
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

    /** Runs drush as this build's user may, saving each run's output in {@link #drushLogDirectory()}. */
    protected DrushRunner drushRunner(BuildLog log) {
        return new DrushRunner(log).logTo(drushLogDirectory());
    }

    protected BackendUpgrade backendUpgrade(AegirHome home, BuildLog log) throws UserFixableException {
        return new BackendUpgrade(
                home,
                resolver(log),
                new SafeExtractor(),
                drushRunner(log),
                CurrentUser.detect(),
                Clock.systemDefaultZone(),
                log);
    }

    /** settings.xml's active proxies. */
    protected List<ProxySpec> proxies() {
        return SettingsProxies.active(settings, decrypter);
    }

    /** Downloads as settings.xml says: offline mode, active proxies, the serverId's credentials. */
    protected ReleaseResolver resolver(BuildLog log) throws UserFixableException {
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
        return new ReleaseResolver(
                UrlTemplate.parse(downloadUrl),
                new ReleaseCache(cacheDirectory.toPath()),
                new Downloader(download.build()));
    }

    /** The killed build whose stale run lock this one took over, if it did (known under the lock). */
    private Optional<RunLock.Holder> takenOverFrom = Optional.empty();

    /** Under the lock: the killed build whose stale run lock this one took over, whose work it resumes. */
    protected Optional<RunLock.Holder> takenOverFrom() {
        return takenOverFrom;
    }

    /**
     * Work that changes the home: after checking the user and the home (so that a refused build leaves no trace),
     * under the home's run lock, after putting right whatever a killed build left: waiting for drush it left
     * running, then an interrupted hostmaster-migrate, then an unfinished swap.
     */
    protected <T> T underLock(AegirHome home, BuildLog log, HomeWork<T> work)
            throws UserFixableException, IOException, MojoExecutionException {
        CurrentUser current = CurrentUser.detect();
        Preflight.failIfAny(Preflight.problems(
                Preflight.checkUser(aegirUser, current, mavenCommand()),
                Preflight.checkHome(home, aegirUser, current)));
        if (dryRun) {
            return work.run();
        }
        try (RunLock lock = RunLock.acquire(home, goal(), log)) {
            takenOverFrom = lock.takenOverFrom();
            OrphanedDrush.awaitGone(home, drushTimeout(), log);
            InterruptedMigration.recover(home, new Crontab(aegirUser, current, log), log);
            SwapTransaction.recover(home, log);
            try (StopNotice stopped = StopNotice.install(home, mavenCommand())) {
                return work.run();
            }
        }
    }

    /**
     * For a goal that is mostly run with nothing to do (CI runs it on every push): when the home is at rest
     * ({@link HomeAtRest}) and {@code nothingToDo}, which must only read, finds nothing to do, its answer is the
     * result, without taking the run lock, so that such a run writes nothing to the home (not even the lock's
     * {@code lock.info}). Otherwise, or when it answers empty, {@code work} runs {@link #underLock under the lock}.
     */
    protected <T> T unlessNothingToDo(AegirHome home, BuildLog log, HomeWork<Optional<T>> nothingToDo, HomeWork<T> work)
            throws UserFixableException, IOException, MojoExecutionException {
        if (!dryRun && HomeAtRest.check(home) && OrphanedDrush.find(home).isEmpty()) {
            Optional<T> done = nothingToDo.run();
            if (done.isPresent()) {
                log.debug("Nothing to do in " + home.root() + ": the run lock was not taken and nothing was written.");
                return done.get();
            }
        }
        return underLock(home, log, work);
    }

    /** A piece of work done under the home's run lock. */
    @FunctionalInterface
    protected interface HomeWork<T> {
        T run() throws UserFixableException, IOException, MojoExecutionException;
    }
}
