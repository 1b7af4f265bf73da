package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.ValidationRun;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads a drush make file (INI {@code .make} or YAML {@code .make.yml}) and its includes exactly as the
 * drush that will build it does, and reports drush's own errors plus reproducibility and Aegir problems as
 * {@code path:line: error: message [rule-id]} lines, before anything is changed. Errors fail the build;
 * with {@code failOnWarning}, warnings do too. Writes drush's merged array and a report as JSON.
 *
 * <p>Runs without a project too:
 * {@code mvn io.github.aegirmaven:aegir-maven-plugin:makefile-validate -Daegir.makefile=aegir.make}.
 *
 * @since 0.1.0
 */
@Mojo(name = "makefile-validate", defaultPhase = LifecyclePhase.VALIDATE, requiresProject = false, threadSafe = true)
public class MakefileValidateMojo extends AbstractCheckMojo {

    /** The make file to check: the one given to hostmaster-migrate as {@code --makefile}. Skipped when unset.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile")
    private File makefile;

    /** Overrides the merge semantics chosen from {@code drushVersion}: {@code DRUSH_MAKE_2}, {@code DRUSH_5} or
     * {@code DRUSH_7_PLUS}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.engine")
    private String makeEngine;

    /** Rule severities:
     * {@code <rules><dev-version>error</dev-version><unpinned-project>off</unpinned-project></rules>}.
     * @since 0.1.0 */
    @Parameter
    private Map<String, String> rules;

    /** Rule severities as a list, applied after {@code rules}: {@code dev-version=error,unpinned-project=off}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.rules")
    private String ruleList;

    /** Whether the make file builds the hostmaster platform, so that the Aegir rules apply. Unset: they apply when
     * the make file has a {@code hostmaster} project (hostmaster-migrate and upgrade always apply them to the
     * {@code makefile} they pass to drush).
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.hostmaster")
    private Boolean hostmasterPlatform;

    /** Fail the build on warnings too.
     * @since 0.1.0 */
    @Parameter(property = "aegir.failOnWarning", defaultValue = "false")
    private boolean failOnWarning;

    /** Where the reports go. Default: <code>${project.build.directory}/aegir</code>; without a project,
     * {@code target/aegir} under the current directory.
     * @since 0.1.0 */
    @Parameter(property = "aegir.reportDirectory")
    private File reportDirectory;

    /** Where drush's merged array goes as JSON; default {@code <reportDirectory>/<make file name>.json}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.json")
    private File jsonOutput;

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        if (makefile == null) {
            log.info("Skipping makefile-validate: no make file is set. Set the makefile parameter or"
                    + " -Daegir.makefile=FILE to check one.");
            return;
        }
        new ValidationRun(
                        new ValidationRun.Settings(
                                makefile.toPath(),
                                drushVersion,
                                aegirVersion,
                                Optional.ofNullable(makeEngine),
                                rules,
                                ruleList,
                                hostmasterPlatform,
                                failOnWarning,
                                maven().baseDirectory(),
                                reportDirectory != null ? reportDirectory.toPath() : maven().reportDirectory(),
                                Optional.ofNullable(jsonOutput).map(File::toPath),
                                maven().offline(),
                                maven().proxies()),
                        log)
                .run();
        security().run(List.of(), log);
    }
}
