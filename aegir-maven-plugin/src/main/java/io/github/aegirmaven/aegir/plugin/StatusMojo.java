package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.status.HomeStatus;
import io.github.aegirmaven.aegir.status.StatusReport;
import io.github.aegirmaven.aegir.updates.SecurityFlags;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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

    /** The release-history service the security check reads. @since 0.1.0 */
    @Parameter(property = "aegir.updateUrl", defaultValue = "https://updates.drupal.org/release-history")
    private String updateUrl;

    /** Fail when a pinned release is insecure, revoked, unsupported or lacks a security update. @since 0.1.0 */
    @Parameter(property = "aegir.failOnInsecure", defaultValue = "false")
    private boolean failOnInsecure;

    /** The locked make file whose projects the security check reads too, when it exists. @since 0.1.0 */
    @Parameter(property = "aegir.lockedMakefile", defaultValue = "${basedir}/platform.lock.make")
    private File lockedMakefile;

    @Inject
    public StatusMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goal() {
        return "status";
    }

    @Override
    protected void run(BuildLog log) throws UserFixableException, IOException {
        AegirHome home = home();
        HomeStatus.requireHome(home);
        BackendUpgrade.Plan plan = backendUpgrade(home, log).plan(pins(log));
        StatusReport report = HomeStatus.of(
                home,
                plan,
                new HomeStatus.Frontend(aegirDomain, aegirVersion, Optional.ofNullable(newHostmasterDir)),
                Clock.systemDefaultZone());
        report.lines().forEach(log::info);
        SecurityFlags.run(
                SecurityFlags.backend(plan.pins().releases()),
                lockedMakefile.toPath(),
                updateUrl,
                cacheDirectory.toPath(),
                session.isOffline(),
                proxies(),
                failOnInsecure,
                log);
        if (statusJson != null) {
            Path file = statusJson.toPath().toAbsolutePath();
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, report.toJson());
            log.info("Wrote the status as JSON (schemaVersion " + StatusReport.SCHEMA_VERSION + ") to " + file);
        }
        if (report.drifted()) {
            String message = "Installed versions differ from the pins: " + String.join("; ", report.drift())
                    + ("interrupted".equals(report.hostmaster().state())
                            ? ". aegir:upgrade and aegir:hostmaster-migrate refuse to run until the"
                                    + " interrupted migration is finished or undone (see above); then run `mvn aegir:upgrade`."
                            : ". Run `mvn aegir:upgrade` to bring the server to the pins (or aegir:backend-upgrade,"
                                    + " then aegir:hostmaster-migrate, one half at a time).");
            if (failOnDrift) {
                throw new UserFixableException(message + " (failing because -Daegir.failOnDrift is set)");
            }
            log.warn(message);
        } else {
            log.info("No drift: the server runs the pinned releases.");
        }
    }
}
