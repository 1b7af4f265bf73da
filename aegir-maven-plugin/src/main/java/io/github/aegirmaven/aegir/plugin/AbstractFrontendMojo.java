package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.frontend.MakefileChecks;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.CurrentUser;
import io.github.aegirmaven.aegir.makefile.RuleSettings;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The goals that run hostmaster-migrate: its extra parameters and its service. */
abstract class AbstractFrontendMojo extends AbstractAegirMojo {

    /** Move a half-built new hostmaster directory, left by an earlier failed run, into the backup set. */
    @Parameter(property = "aegir.moveAsideLeftover", defaultValue = "false")
    protected boolean moveAsideLeftover;

    /**
     * makefile-validate's rule severities, applied to the {@code makefile} given to drush too:
     * {@code <rules><dev-version>error</dev-version></rules>}.
     */
    @Parameter
    protected Map<String, String> rules;

    /** The same as a list, applied after {@code rules}: {@code dev-version=error,unpinned-project=off}. */
    @Parameter(property = "aegir.makefile.rules")
    protected String ruleList;

    /** How the drush that builds the platform reads make files; default from {@code drushVersion}. */
    @Parameter(property = "aegir.makefile.engine")
    protected String makeEngine;

    /** A warning about the {@code makefile} stops the migration too, before anything changes. */
    @Parameter(property = "aegir.failOnWarning", defaultValue = "false")
    protected boolean failOnWarning;

    protected AbstractFrontendMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    protected HostmasterMigration.Request migrationRequest() throws UserFixableException {
        return HostmasterMigration.Request.builder()
                .aegirUser(aegirUser)
                .php(php)
                .domain(aegirDomain)
                .aegirVersion(aegirVersion)
                .oldDir(Optional.ofNullable(oldHostmasterDir).map(f -> f.toPath()))
                .newDir(Optional.ofNullable(newHostmasterDir))
                .makefile(Optional.ofNullable(makefile).map(f -> f.toPath().toAbsolutePath()))
                .assumeYes(confirmation().drushAnswersYes())
                .batchMode(batchMode())
                .console(System.console() != null)
                .dryRun(dryRun)
                .timeout(drushTimeout())
                .moveAsideLeftover(moveAsideLeftover)
                .mavenCommand(mavenCommand())
                .build();
    }

    protected HostmasterMigration migration(AegirHome home, BuildLog log) throws UserFixableException {
        CurrentUser current = CurrentUser.detect();
        return new HostmasterMigration(
                home,
                drushRunner(log),
                new Crontab(aegirUser, current, log),
                current,
                MakefileChecks.forMigration(
                        drushVersion,
                        aegirVersion,
                        session.isOffline(),
                        new MakefileChecks.Settings(
                                Optional.ofNullable(makeEngine),
                                RuleSettings.fromParameters(rules, ruleList),
                                failOnWarning,
                                proxies()),
                        log),
                Clock.systemDefaultZone(),
                log);
    }
}
