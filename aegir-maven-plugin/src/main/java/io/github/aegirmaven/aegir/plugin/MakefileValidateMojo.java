package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.Json;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.Finding;
import io.github.aegirmaven.aegir.makefile.HttpIncludeFetcher;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.makefile.MakefileValidator;
import io.github.aegirmaven.aegir.makefile.RuleSettings;
import io.github.aegirmaven.aegir.makefile.ValidationOptions;
import io.github.aegirmaven.aegir.makefile.ValidationResult;
import io.github.aegirmaven.aegir.updates.SecurityFlags;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Reads a drush make file (INI {@code .make} or YAML {@code .make.yml}) and its includes exactly as the
 * drush that will build it does, and reports drush's own errors plus reproducibility and Aegir problems as
 * {@code path:line: error: message [rule-id]} lines, before anything is changed. Errors fail the build;
 * with {@code failOnWarning}, warnings do too. Writes drush's merged array and a report as JSON.
 *
 * <p>Runs without a project too:
 * {@code mvn io.github.aegirmaven:aegir-maven-plugin:makefile-validate -Daegir.makefile=aegir.make}.
 */
@Mojo(name = "makefile-validate", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class MakefileValidateMojo extends AbstractMojo {

    /** The make file to check: the one given to hostmaster-migrate as {@code --makefile}. Skipped when unset. */
    @Parameter(property = "aegir.makefile")
    private File makefile;

    /**
     * The drush that will build the platform ({@code 7.x-4.4}, {@code 5.10.0}, {@code 8.4.12}); it decides how
     * includes merge: drush 4.x with drush_make 6.x-2.x, drush 5/6, or drush 7 and later.
     */
    @Parameter(property = "aegir.drushVersion")
    private String drushVersion;

    /** The Aegir release of provision and hostmaster, e.g. {@code 6.x-1.0-rc3}; hostmaster must match it. */
    @Parameter(property = "aegir.version")
    private String aegirVersion;

    /**
     * Overrides the merge semantics chosen from {@code drushVersion}: {@code DRUSH_MAKE_2}, {@code DRUSH_5} or
     * {@code DRUSH_7_PLUS}.
     */
    @Parameter(property = "aegir.makefile.engine")
    private String makeEngine;

    /** Rule severities: {@code <rules><dev-version>error</dev-version><unpinned-project>off</unpinned-project></rules>}. */
    @Parameter
    private Map<String, String> rules;

    /** Rule severities as a list, applied after {@code rules}: {@code dev-version=error,unpinned-project=off}. */
    @Parameter(property = "aegir.makefile.rules")
    private String ruleList;

    /**
     * Whether the make file builds the hostmaster platform, so that the Aegir rules apply. Unset: they apply when
     * the make file has a {@code hostmaster} project (hostmaster-migrate and upgrade always apply them to the
     * {@code makefile} they pass to drush).
     */
    @Parameter(property = "aegir.makefile.hostmaster")
    private Boolean hostmasterPlatform;

    /** Fail the build on warnings too. */
    @Parameter(property = "aegir.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /**
     * Where the reports go. Default: <code>${project.build.directory}/aegir</code>; without a project,
     * {@code target/aegir} under the current directory.
     */
    @Parameter(property = "aegir.reportDirectory")
    private File reportDirectory;

    /** Where drush's merged array goes as JSON; default {@code <reportDirectory>/<make file name>.json}. */
    @Parameter(property = "aegir.makefile.json")
    private File jsonOutput;

    /** The release-history service the security check of the locked make file reads. @since 0.1.0 */
    @Parameter(property = "aegir.updateUrl", defaultValue = "https://updates.drupal.org/release-history")
    private String updateUrl;

    /** Fail when a locked project is insecure, revoked, unsupported or lacks a security update. @since 0.1.0 */
    @Parameter(property = "aegir.failOnInsecure", defaultValue = "false")
    private boolean failOnInsecure;

    /** The locked make file (from makefile-lock) whose projects are checked for security, if it exists. @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile", defaultValue = "${basedir}/platform.lock.make")
    private File lockedMakefile;

    /** Where release histories are cached (for the security check offline). @since 0.1.0 */
    @Parameter(
            property = "aegir.cacheDirectory",
            defaultValue = "${settings.localRepository}/io/github/aegirmaven/aegir-releases")
    private File cacheDirectory;

    /** Skip this goal. */
    @Parameter(property = "aegir.skip", defaultValue = "false")
    private boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** This goal's execution: its parameters and their properties, to compare with the command line. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

    /** Maven's settings: the proxies an http(s) include is fetched through. */
    @Parameter(defaultValue = "${settings}", readonly = true)
    private Settings settings;

    private final SettingsDecrypter decrypter;

    @Inject
    public MakefileValidateMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Parameter(defaultValue = "${project}", readonly = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        try {
            CommandLineCheck.run(session, mojoExecution, this, new MavenBuildLog(getLog()));
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        if (skip) {
            getLog().info("Skipping makefile-validate: aegir.skip is true.");
            return;
        }
        if (makefile == null) {
            getLog().info("Skipping makefile-validate: no make file is set. Set the makefile parameter or"
                    + " -Daegir.makefile=FILE to check one.");
            return;
        }
        Path base = baseDirectory();
        ValidationResult result;
        try {
            ValidationOptions options = ValidationOptions.defaults()
                    .withEngine(engine())
                    .withAegirVersion(aegirVersion)
                    .withHostmasterPlatform(hostmasterPlatform)
                    .withRules(RuleSettings.fromParameters(rules, ruleList))
                    .withWorkingDirectory(base)
                    .withDisplayBase(base)
                    .withFetcher(new HttpIncludeFetcher(
                            session != null && session.isOffline(),
                            Duration.ofSeconds(30),
                            SettingsProxies.active(settings, decrypter),
                            Duration.ofSeconds(1)));
            getLog().info("Checking " + makefile + " as " + options.engine().description() + " reads it"
                    + (aegirVersion == null ? "" : ", for Aegir " + aegirVersion));
            result = new MakefileValidator().validate(makefile.toPath(), options);
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("makefile-validate could not read " + makefile + ": " + e.getMessage(), e);
        }
        for (Finding f : result.findings()) {
            switch (f.severity()) {
                case ERROR:
                    getLog().error(f.toString());
                    break;
                case WARNING:
                    getLog().warn(f.toString());
                    break;
                default:
                    getLog().info(f.toString());
            }
        }
        Path reports = writeReports(result, base);
        try {
            SecurityFlags.run(
                    List.of(),
                    lockedMakefile.toPath(),
                    updateUrl,
                    cacheDirectory.toPath(),
                    session != null && session.isOffline(),
                    SettingsProxies.active(settings, decrypter),
                    failOnInsecure,
                    new MavenBuildLog(getLog()));
        } catch (UserFixableException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("The security check failed: " + e.getMessage(), e);
        }
        if (result.errors() > 0) {
            getLog().error(result.summary());
            throw new MojoFailureException(
                    result.summary() + ": fix the errors listed above (report: " + reports + ").");
        }
        if (result.warnings() > 0) {
            getLog().warn(result.summary());
            if (failOnWarning) {
                throw new MojoFailureException(result.summary() + ", and failOnWarning (aegir.failOnWarning) is true:"
                        + " fix the warnings listed above, or turn rules off with aegir.makefile.rules (report: "
                        + reports + ").");
            }
        } else {
            getLog().info(result.summary());
        }
    }

    private MakeEngine engine() throws UserFixableException {
        if (makeEngine != null && !makeEngine.isBlank()) {
            return MakeEngine.parse(makeEngine);
        }
        if (drushVersion != null && !drushVersion.isBlank()) {
            return MakeEngine.forDrushVersion(drushVersion);
        }
        getLog().info("drushVersion (aegir.drushVersion) is not set: reading the make file as drush 7 and later do."
                + " Set it to the drush that builds the platform (e.g. 7.x-4.4), or set aegir.makefile.engine.");
        return MakeEngine.DRUSH_7_PLUS;
    }

    private Path baseDirectory() {
        if (project != null && project.getBasedir() != null) {
            return project.getBasedir().toPath();
        }
        if (session != null
                && session.getRequest() != null
                && session.getRequest().getBaseDirectory() != null) {
            return new File(session.getRequest().getBaseDirectory()).toPath();
        }
        return new File("").getAbsoluteFile().toPath();
    }

    private Path writeReports(ValidationResult result, Path base) throws MojoExecutionException {
        Path dir;
        if (reportDirectory != null) {
            dir = reportDirectory.toPath();
        } else if (project != null
                && project.getFile() != null
                && project.getBuild() != null
                && project.getBuild().getDirectory() != null) {
            dir = new File(project.getBuild().getDirectory(), "aegir").toPath();
        } else {
            dir = base.resolve("target").resolve("aegir"); // no pom: the stub project's build directory is unset
        }
        Path json = jsonOutput != null ? jsonOutput.toPath() : dir.resolve(makefile.getName() + ".json");
        Path report = dir.resolve("makefile-validate.json");
        try {
            Files.createDirectories(dir);
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.write(json, (result.mergedJson() + "\n").getBytes(StandardCharsets.UTF_8));
            Files.write(report, (Json.pretty(result.report()) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "makefile-validate could not write its reports to " + dir + ": " + e.getMessage()
                            + ". Check that the directory is writable or set aegir.reportDirectory.",
                    e);
        }
        getLog().info("Merged make file as drush reads it: " + json);
        getLog().info("Report: " + report);
        return report;
    }
}
