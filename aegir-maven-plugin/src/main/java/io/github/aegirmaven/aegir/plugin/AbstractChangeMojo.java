package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that run drush to change the home: backend-upgrade, hostmaster-migrate, upgrade. */
abstract class AbstractChangeMojo extends AbstractHomeMojo {

    /** {@code $AEGIR_VERSION}: the provision and hostmaster release, e.g. {@code 6.x-1.0-rc3}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.version")
    protected String aegirVersion;

    /** {@code $DRUSH_VERSION}, e.g. {@code 7.x-4.4}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.drushVersion")
    protected String drushVersion;

    /** The PHP binary that runs {@code drush.php}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.php", defaultValue = "php", required = true)
    protected String php;

    /** Answer drush's confirmations (the crontab replacement); required in batch mode.
     * @since 0.1.0 */
    @Parameter(property = "aegir.yes", defaultValue = "false")
    protected boolean assumeYes;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .aegirVersion(aegirVersion)
                .drushVersion(drushVersion)
                .php(php)
                .assumeYes(assumeYes);
    }
}
