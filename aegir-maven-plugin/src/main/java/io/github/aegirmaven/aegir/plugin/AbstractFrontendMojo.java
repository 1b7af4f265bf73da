package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
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

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .moveAsideLeftover(moveAsideLeftover)
                .rules(rules)
                .ruleList(ruleList)
                .makeEngine(Optional.ofNullable(makeEngine))
                .failOnWarning(failOnWarning);
    }
}
