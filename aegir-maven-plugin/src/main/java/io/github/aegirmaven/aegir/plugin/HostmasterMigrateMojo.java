package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Runs {@code drush hostmaster-migrate DOMAIN NEWDIR} from the old hostmaster root as the aegir user, with the
 * checks the manual leaves to the reader, the crontab saved first and put back when drush fails.
 *
 * @since 0.1.0
 */
@Mojo(name = "hostmaster-migrate", threadSafe = true)
public class HostmasterMigrateMojo extends AbstractFrontendMojo {

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).hostmasterMigrate();
    }
}
