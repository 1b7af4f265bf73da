package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.backend.BackendStatus;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.FrontendStatus;
import io.github.aegirmaven.aegir.home.AegirHome;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** Shows installed against pinned versions and the newest backup sets; can fail the build on drift. */
@Mojo(name = "status", threadSafe = true)
public class StatusMojo extends AbstractAegirMojo {

    /** Fail the build when an installed version differs from its pin. */
    @Parameter(property = "aegir.failOnDrift", defaultValue = "false")
    private boolean failOnDrift;

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
        BackendUpgrade.Plan plan = backendUpgrade(home, log).plan(pins(log));
        FrontendStatus.Row frontend = FrontendStatus.of(home, aegirDomain, aegirVersion,
                Optional.ofNullable(newHostmasterDir));
        BackendStatus.Report report = BackendStatus.of(home, plan, List.of(frontend.line()),
                frontend.drift().stream().toList(), 5);
        report.lines().forEach(log::info);
        if (report.drifted()) {
            String message = "Installed versions differ from the pins: " + String.join("; ", report.drift())
                    + (frontend.interrupted() ? ". aegir:upgrade and aegir:hostmaster-migrate refuse to run until the"
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
