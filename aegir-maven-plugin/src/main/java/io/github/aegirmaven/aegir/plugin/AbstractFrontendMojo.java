package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.frontend.MakefileChecks;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.CurrentUser;
import java.time.Clock;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The goals that run hostmaster-migrate: its extra parameters and its service. */
abstract class AbstractFrontendMojo extends AbstractAegirMojo {

    /** Move a half-built new hostmaster directory, left by an earlier failed run, into the backup set. */
    @Parameter(property = "aegir.moveAsideLeftover", defaultValue = "false")
    protected boolean moveAsideLeftover;

    protected AbstractFrontendMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    protected HostmasterMigration.Request migrationRequest() throws UserFixableException {
        return new HostmasterMigration.Request(aegirUser, php, aegirDomain, aegirVersion,
                Optional.ofNullable(oldHostmasterDir).map(f -> f.toPath()),
                Optional.ofNullable(newHostmasterDir), Optional.ofNullable(makefile).map(f -> f.toPath().toAbsolutePath()),
                assumeYes, batchMode(), System.console() != null, dryRun, drushTimeout(), moveAsideLeftover,
                mavenCommand());
    }

    protected HostmasterMigration migration(AegirHome home, BuildLog log) {
        CurrentUser current = CurrentUser.detect();
        return new HostmasterMigration(home, new DrushRunner(log), new Crontab(aegirUser, current, log), current,
                MakefileChecks.forMigration(drushVersion, aegirVersion, session.isOffline(), log),
                Clock.systemDefaultZone(), log);
    }
}
