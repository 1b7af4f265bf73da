package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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

    /**
     * Where the hostmaster site runs against where the pinned release's platform is: {@code state} is {@code ok},
     * {@code drift}, {@code interrupted} (a migration stopped half-way: {@code reason} says what to do) or
     * {@code not-checked} (then {@code reason} says why).
     */
    public record Hostmaster(
            String state,
            String domain,
            Optional<Path> expected,
            List<Path> runsOn,
            Optional<String> reason,
            Row row) {}

    /**
     * The marker of a hostmaster-migrate that has not been dealt with: drush runs now (its build is alive), or
     * the build was killed while drush ran and the next build puts right what it left.
     */
    public record Migration(String domain, Path from, Path to, Instant started, long pid, Path backupSet) {}

    private FrontendStatus() {}

    public static Row of(AegirHome home, String domain, String aegirVersion, Optional<String> newDir)
            throws IOException {
        return check(home, domain, aegirVersion, newDir).row();
    }

    /** {@link #of}, with what it found as data. */
    public static Hostmaster check(AegirHome home, String domain, String aegirVersion, Optional<String> newDir)
            throws IOException {
        if (domain == null || domain.isBlank()) {
            return notChecked("", Optional.empty(), Setting.DOMAIN + " is not set");
        }
        if (aegirVersion == null || !DrupalVersion.isValid(aegirVersion.trim())) {
            return notChecked(domain, Optional.empty(), "aegirVersion is not a release version");
        }
        Path expected =
                MigrationChecks.newDir(home, newDir, aegirVersion).orElse(home.hostmasterDir(aegirVersion.trim()));
        String pinned = String.format("%-14s", aegirVersion.trim());
        MigrationState state;
        try {
            state = MigrationState.of(home, domain, expected, List.of());
        } catch (UserFixableException badDomain) {
            return notChecked(domain, Optional.of(expected), badDomain.getMessage());
        }
        if (state.done()) {
            return new Hostmaster(
                    "ok",
                    domain,
                    Optional.of(expected),
                    List.of(expected),
                    Optional.empty(),
                    new Row(
                            String.format("  %-11s on %s   pinned %s OK", "hostmaster", expected, pinned),
                            Optional.empty()));
        }
        if (state.interrupted()) {
            return interrupted(home, domain, expected, pinned, state);
        }
        return drift(home, domain, expected, pinned, state.holding());
    }

    private static Hostmaster notChecked(String domain, Optional<Path> expected, String why) {
        return new Hostmaster(
                "not-checked",
                domain,
                expected,
                List.of(),
                Optional.of(why),
                new Row("  hostmaster  not checked: " + why, Optional.empty()));
    }

    private static Hostmaster interrupted(
            AegirHome home, String domain, Path expected, String pinned, MigrationState state) {
        return new Hostmaster(
                "interrupted",
                domain,
                Optional.of(expected),
                state.holding(),
                Optional.of(state.advice("php " + home.drushPhp())),
                new Row(
                        String.format(
                                        "  %-11s INTERRUPTED migration to %s   pinned %s DRIFT",
                                        "hostmaster", expected, pinned)
                                + "\n    " + state.advice("php " + home.drushPhp()),
                        Optional.of("the migration of the hostmaster site " + domain + " to " + expected
                                + " was interrupted: finish or undo it as shown above before anything else"),
                        true));
    }

    private static Hostmaster drift(AegirHome home, String domain, Path expected, String pinned, List<Path> found) {
        String where = found.isEmpty()
                ? "(site not found under " + home.root() + ")"
                : found.stream().map(Path::toString).collect(Collectors.joining(", "));
        return new Hostmaster(
                "drift",
                domain,
                Optional.of(expected),
                found,
                Optional.empty(),
                new Row(
                        String.format(
                                "  %-11s on %s   pinned %s DRIFT (expected on %s)",
                                "hostmaster", where, pinned, expected),
                        Optional.of("the hostmaster site " + domain + " runs on " + where + ", not on " + expected)));
    }

    /**
     * The hostmaster-migrate the home's marker records (running, or interrupted), if any. Reads only.
     *
     * @throws IOException when the marker exists but is damaged (its message says what to check)
     */
    public static Optional<Migration> migrationMarker(AegirHome home) throws IOException {
        return MigrationMarker.read(home)
                .map(m -> new Migration(m.domain(), m.oldDir(), m.newDir(), m.started(), m.pid(), m.backupSet()));
    }
}
