package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks the PHP that runs drush where a file resolves on its {@code include_path}, the way PHP's
 * {@code stream_resolve_include_path} does (drush 4 looks for PEAR's {@code Console/Table.php} there). The PHP runs
 * as the aegir user exactly as {@link DrushRunner} runs drush (same fixed script, {@code HOME} the Aegir home, umask
 * 022, the home as working directory), since the include_path can come from ini files that depend on all that:
 * {@code php -r CODE}, the code a constant of this class, no shell string built from user data.
 */
public final class PhpIncludePath {

    /** Where a file resolves on the include_path of a PHP binary run as the aegir user. */
    @FunctionalInterface
    public interface Probe {
        /**
         * @throws UserFixableException when that PHP cannot run (missing binary, exit code, timeout)
         */
        Lookup find(String php, String aegirUser, String file) throws IOException, UserFixableException;
    }

    /** What the PHP said: its include_path, and where the file resolves on it (empty when it does not). */
    public record Lookup(String includePath, Optional<String> resolved) {}

    private static final String MARK = "aegir-maven-plugin-include-path:";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final AegirHome home;
    private final CurrentUser current;

    public PhpIncludePath(AegirHome home, CurrentUser current) {
        this.home = home;
        this.current = current;
    }

    /** The PHP code: two marked lines, the include_path and the resolved file (empty when not found). */
    static String code(String file) {
        return "echo '" + MARK + "', get_include_path(), \"\\n\", '" + MARK + "', "
                + "(string) stream_resolve_include_path('"
                + file.replace("\\", "").replace("'", "") + "'), \"\\n\";";
    }

    /** The argv: {@code php -r CODE}, through the same fixed script as drush, as the aegir user. */
    List<String> commandLine(String php, String aegirUser, String file) throws UserFixableException {
        DrushInvocation inv = DrushInvocation.builder(home)
                .php(php)
                .aegirUser(aegirUser)
                .workingDirectory(home.root())
                .build();
        List<String> drush = new DrushRunner(BuildLog.NONE, current).commandLine(inv);
        // DrushRunner's argv runs: ... php drush.php; here the same PHP runs code instead of drush.php.
        int at = drush.lastIndexOf(inv.drushPhp().toString());
        if (at < 0) {
            throw new IllegalStateException("DrushRunner's command line has no " + inv.drushPhp() + ": " + drush);
        }
        List<String> argv = new ArrayList<>(drush.subList(0, at));
        argv.add("-r");
        argv.add(code(file));
        return argv;
    }

    /** Runs the PHP and reads its answer; usable as a {@link Probe} ({@code new PhpIncludePath(...)::find}). */
    public Lookup find(String php, String aegirUser, String file) throws IOException, UserFixableException {
        List<String> argv = commandLine(php, aegirUser, file);
        ProcessBuilder pb =
                new ProcessBuilder(argv).directory(home.root().toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.root().toString());
        String what = "Asking the PHP that runs drush (php: " + php + ", as " + aegirUser + ") where " + file
                + " is on its include_path";
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new UserFixableException(
                    what + " failed: " + e.getMessage() + ". Set " + Setting.PHP + " to the PHP"
                            + " binary that runs drush, e.g. /usr/bin/php.",
                    e);
        }
        process.getOutputStream().close();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new UserFixableException(
                        what + " did not finish within " + TIMEOUT.toSeconds() + " s. Check" + " " + Setting.PHP + ".");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        }
        List<String> marked = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String line : output.split("\r?\n")) {
            if (line.startsWith(MARK)) {
                marked.add(line.substring(MARK.length()));
            } else if (!line.isBlank()) {
                other.add(line);
            }
        }
        if (process.exitValue() != 0 || marked.size() != 2) {
            throw new UserFixableException(what + " failed (exit code " + process.exitValue() + ")"
                    + (other.isEmpty()
                            ? ""
                            : "; it printed: " + String.join(" / ", other.subList(0, Math.min(5, other.size()))))
                    + ".\nCommand: " + php + " -r " + Preflight.shellQuote(code(file))
                    + "\nSet " + Setting.PHP + " to a PHP binary the aegir user can run.");
        }
        String resolved = marked.get(1).strip();
        return new Lookup(marked.get(0).strip(), resolved.isEmpty() ? Optional.empty() : Optional.of(resolved));
    }
}
