package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.upgrade.UpgradeSettings;
import java.io.File;
import java.io.IOException;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The whole manual page as one goal: print the plan, validate the make file (when set), upgrade the backend, then
 * migrate hostmaster; each step is skipped when already done; a summary at the end.
 */
@Mojo(name = "upgrade", threadSafe = true, aggregator = true)
public class UpgradeMojo extends AbstractFrontendMojo {

    @Inject
    public UpgradeMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "upgrade";
    }

    /** Where the JSON form of the run's result goes (docs/json-reports.md); empty to write none. */
    @Parameter(property = "aegir.upgrade.report", defaultValue = "${project.build.directory}/aegir/upgrade.json")
    protected File report;

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings().report(Optional.ofNullable(report).map(File::toPath));
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).upgrade();
    }
}
