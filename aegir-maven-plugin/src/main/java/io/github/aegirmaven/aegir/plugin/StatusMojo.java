package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Shows installed against pinned versions, a build in progress, an interrupted migration, leftovers of failed runs
 * and the backup sets; can write the same as JSON and fail the build on drift.
 *
 * @since 0.1.0
 */
@Mojo(name = "status", threadSafe = true, requiresProject = false)
public class StatusMojo extends AbstractCheckMojo {

    /** {@code $AEGIR_HOME}: the Aegir user's home, e.g. {@code /var/aegir}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.home")
    protected File aegirHome;

    /** {@code $DRUSH_MAKE_VERSION}, e.g. {@code 6.x-2.2}; not needed where drush bundles make (drush 5+).
     * @since 0.1.0 */
    @Parameter(property = "aegir.drushMakeVersion")
    protected String drushMakeVersion;

    /** {@code $AEGIR_DOMAIN}: the hostmaster site, e.g. {@code aegir.example.com}.
     * @since 0.1.0 */
    @Parameter(property = "aegir.domain")
    protected String aegirDomain;

    /** {@code $DRUPAL_DIR}; default <code>${aegirHome}/hostmaster-${aegirVersion}</code>. Must be absolute.
     * @since 0.1.0 */
    @Parameter(property = "aegir.newHostmasterDir")
    protected String newHostmasterDir;

    /** Fail the build when an installed version differs from its pin.
     * @since 0.1.0 */
    @Parameter(property = "aegir.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /** Also write the status as JSON (schema: docs/status-json.md, field schemaVersion) to this file.
     * @since 0.1.0 */
    @Parameter(property = "aegir.status.json")
    private File statusJson;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .home(aegirHome == null ? null : aegirHome.toPath())
                .drushVersion(drushVersion)
                .aegirVersion(aegirVersion)
                .drushMakeVersion(drushMakeVersion)
                .domain(aegirDomain)
                .newHostmasterDir(Optional.ofNullable(newHostmasterDir))
                .failOnDrift(failOnDrift)
                .statusJson(Optional.ofNullable(statusJson).map(File::toPath));
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).status(security());
    }
}
