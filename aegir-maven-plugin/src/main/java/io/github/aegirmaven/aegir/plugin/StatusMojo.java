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
 * Shows installed against pinned versions, a build in progress, an interrupted migration, leftovers of failed runs
 * and the backup sets; can write the same as JSON and fail the build on drift.
 */
@Mojo(name = "status", threadSafe = true, requiresProject = false)
public class StatusMojo extends AbstractAegirMojo {

    /** Fail the build when an installed version differs from its pin. */
    @Parameter(property = "aegir.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

    /** Also write the status as JSON (schema: docs/status-json.md, field schemaVersion) to this file. */
    @Parameter(property = "aegir.status.json")
    private File statusJson;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected UpgradeSettings.Builder settings() {
        return super.settings()
                .failOnDrift(failOnDrift)
                .statusJson(Optional.ofNullable(statusJson).map(File::toPath));
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        procedure(log).status();
    }
}
