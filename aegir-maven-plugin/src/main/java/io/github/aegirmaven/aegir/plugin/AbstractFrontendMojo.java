package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;

/** The goals that run hostmaster-migrate: hostmaster-migrate and upgrade. */
abstract class AbstractFrontendMojo extends AbstractChangeMojo {

    /** {@code $AEGIR_DOMAIN}: the hostmaster site, e.g. {@code aegir.example.com}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.domain")
    protected String aegirDomain;

    /** {@code $OLD_DRUPAL_DIR}; found from the site's {@code settings.php} under {@code aegirHome} when not
     * set.
     * @since 0.1.0 */
    @Parameter(property = "aegir.oldHostmasterDir")
    protected File oldHostmasterDir;

    /** {@code $DRUPAL_DIR}; default <code>${aegirHome}/hostmaster-${aegirVersion}</code>. Must be absolute.
     * @since 0.1.0 */
    @Parameter(property = "aegir.newHostmasterDir")
    protected String newHostmasterDir;

    /** A custom make file for the new hostmaster platform (drush's {@code --makefile}).
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile")
    protected File makefile;

    /** Move a half-built new hostmaster directory, left by an earlier failed run, into the backup set.
     * @since 0.1.0 */
    @Parameter(property = "aegir.moveAsideLeftover", defaultValue = "false")
    protected boolean moveAsideLeftover;

    /** makefile-validate's rule severities, applied to the {@code makefile} given to drush too: {@code
     * <rules><dev-version>error</dev-version></rules>}.
     * @since 0.1.0 */
    @Parameter
    protected Map<String, String> rules;

    /** The same as a list, applied after {@code rules}: {@code dev-version=error,unpinned-project=off}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.rules")
    protected String ruleList;

    /** How the drush that builds the platform reads make files; default from {@code drushVersion}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.makefile.engine")
    protected String makeEngine;

    /** A warning about the {@code makefile} stops the migration too, before anything changes.
     * @since 0.1.0 */
    @Parameter(property = "aegir.failOnWarning", defaultValue = "false")
    protected boolean failOnWarning;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .domain(aegirDomain)
                .oldHostmasterDir(Optional.ofNullable(oldHostmasterDir).map(File::toPath))
                .newHostmasterDir(Optional.ofNullable(newHostmasterDir))
                .makefile(Optional.ofNullable(makefile).map(File::toPath))
                .moveAsideLeftover(moveAsideLeftover)
                .rules(rules)
                .ruleList(ruleList)
                .makeEngine(Optional.ofNullable(makeEngine))
                .failOnWarning(failOnWarning);
    }
}
