package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that act on the Aegir home as its user: rollback, backend-upgrade, hostmaster-migrate, upgrade. */
abstract class AbstractHomeMojo extends AbstractAegirMojo {

    /** {@code $AEGIR_HOME}: the Aegir user's home, e.g. {@code /var/aegir}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.home")
    protected File aegirHome;

    /** The user every change and every drush run happens as.
     * @since 0.1.0 */
    @Parameter(property = "aegir.user", defaultValue = "aegir", required = true)
    protected String aegirUser;

    /** Print the plan and every command; change nothing.
     * @since 0.1.0 */
    @Parameter(property = "aegir.dryRun", defaultValue = "false")
    protected boolean dryRun;

    /** Stop a drush run that takes longer than this: {@code 90s}, {@code 30m}, {@code 2h} or seconds.
     * @since 0.1.0 */
    @Parameter(property = "aegir.timeout", defaultValue = "30m", required = true)
    protected String timeout;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .home(aegirHome == null ? null : aegirHome.toPath())
                .aegirUser(aegirUser)
                .dryRun(dryRun)
                .timeout(timeout);
    }
}
