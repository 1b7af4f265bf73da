package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The frontend's line of {@code aegir:status}: whether the hostmaster site runs on the platform of the pinned
 * {@code aegirVersion} (by default {@code hostmaster-<aegirVersion>} in the home), and where it runs when not.
 * Reads only.
 */
public final class FrontendStatus {

    /** One status line, the drift it shows, if any, and whether that drift is an interrupted migration. */
    public record Row(String line, Optional<String> drift, boolean interrupted) {
        public Row(String line, Optional<String> drift) {
            this(line, drift, false);
        }
    }

    private FrontendStatus() {}

    public static Row of(AegirHome home, String domain, String aegirVersion, Optional<String> newDir) throws IOException {
        if (domain == null || domain.isBlank()) {
            return new Row("  hostmaster  not checked: aegirDomain (-Daegir.domain) is not set", Optional.empty());
        }
        if (aegirVersion == null || !DrupalVersion.isValid(aegirVersion.trim())) {
            return new Row("  hostmaster  not checked: aegirVersion is not a release version", Optional.empty());
        }
        Path expected = HostmasterMigration.newDir(home, newDir, aegirVersion)
                .orElse(home.hostmasterDir(aegirVersion.trim()));
        String pinned = String.format("%-14s", aegirVersion.trim());
        MigrationState state;
        try {
            state = MigrationState.of(home, domain, expected, List.of());
        } catch (UserFixableException badDomain) {
            return new Row("  hostmaster  not checked: " + badDomain.getMessage(), Optional.empty());
        }
        if (state.done()) {
            return new Row(String.format("  %-11s on %s   pinned %s OK", "hostmaster", expected, pinned),
                    Optional.empty());
        }
        if (state.interrupted()) {
            return new Row(String.format("  %-11s INTERRUPTED migration to %s   pinned %s DRIFT", "hostmaster",
                    expected, pinned) + "\n    " + state.advice("php " + home.drushPhp()),
                    Optional.of("the migration of the hostmaster site " + domain + " to " + expected
                            + " was interrupted: finish or undo it as shown above before anything else"), true);
        }
        List<Path> found = state.holding();
        String where = found.isEmpty() ? "(site not found under " + home.root() + ")"
                : found.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new Row(String.format("  %-11s on %s   pinned %s DRIFT (expected on %s)", "hostmaster", where, pinned,
                expected), Optional.of("the hostmaster site " + domain + " runs on " + where + ", not on " + expected));
    }
}
