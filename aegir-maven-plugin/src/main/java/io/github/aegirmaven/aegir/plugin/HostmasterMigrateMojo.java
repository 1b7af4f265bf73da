package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import java.io.IOException;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Runs {@code drush hostmaster-migrate DOMAIN NEWDIR} from the old hostmaster root as the aegir user, with the
 * checks the manual leaves to the reader, the crontab saved first and put back when drush fails.
 */
@Mojo(name = "hostmaster-migrate", threadSafe = true)
public class HostmasterMigrateMojo extends AbstractFrontendMojo {

    @Inject
    public HostmasterMigrateMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "hostmaster-migrate";
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException, MojoExecutionException {
        AegirHome home = home();
        HostmasterMigration migration = migration(home, log);
        HostmasterMigration.Request request = migrationRequest();
        unlessNothingToDo(
                home,
                log,
                () -> migration.alreadyMigrated(request) ? migration.ifAlreadyMigrated(request) : Optional.empty(),
                () -> {
                    HostmasterMigration.Checked checked = migration.check(request);
                    if (!request.dryRun() && !checked.alreadyMigrated()) {
                        log.info("hostmaster-migrate plan: " + request.domain() + " from " + checked.oldDir() + " to "
                                + checked.newDir() + ", with "
                                + DrushRunner.describe(migration.invocation(request, checked)));
                        confirm("hostmaster-migrate of " + request.domain(), log);
                    }
                    return migration.migrate(request, Optional.empty());
                });
    }
}
