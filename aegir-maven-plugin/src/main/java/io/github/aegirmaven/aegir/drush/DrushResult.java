package io.github.aegirmaven.aegir.drush;

import java.time.Duration;
import java.util.List;

/**
 * How a drush run ended.
 *
 * @param exitCode  the process's exit code
 * @param timedOut  whether the runner killed it at the timeout
 * @param lastLines the last lines it printed (stdout and stderr, secrets masked)
 * @param timeout   the timeout it ran under
 * @param command   the command, as displayed (secrets masked)
 */
public record DrushResult(int exitCode, boolean timedOut, List<String> lastLines, Duration timeout, String command) {

    public DrushResult {
        lastLines = List.copyOf(lastLines);
    }

    public DrushResult(int exitCode, boolean timedOut, List<String> lastLines) {
        this(exitCode, timedOut, lastLines, DrushInvocation.DEFAULT_TIMEOUT, "drush");
    }

    public boolean ok() {
        return exitCode == 0 && !timedOut;
    }

    /** What the exit code means, in words. */
    public String explainExitCode() {
        if (timedOut) {
            return "drush did not finish within the timeout of " + human(timeout) + " and was killed; if it was still "
                    + "working, raise timeout (-Daegir.timeout)";
        }
        return switch (exitCode) {
            case 0 -> "ok";
            case 1 -> "drush reported an error (exit code 1; see the [error] lines)";
            case 255 -> "PHP fatal error or broken drush backend (exit code 255)";
            case 126 -> "the PHP binary could not be executed (exit code 126; check php/-Daegir.php)";
            case 127 -> "the PHP binary was not found (exit code 127; set php/-Daegir.php to its path)";
            default -> exitCode > 128 && exitCode < 160
                    ? "drush was killed by signal " + (exitCode - 128) + " (exit code " + exitCode + ")"
                    : "drush exited with code " + exitCode;
        };
    }

    /** A full failure message for {@code what} ("hostmaster-migrate"), with the last lines drush printed. */
    public String failureMessage(String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(what).append(" failed: ").append(explainExitCode()).append(".\nCommand: ").append(command);
        if (!lastLines.isEmpty()) {
            sb.append("\nLast ").append(lastLines.size()).append(" line(s) of its output:");
            for (String line : lastLines) {
                sb.append("\n  ").append(line);
            }
        }
        return sb.toString();
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (d.toMillis() < 1000) {
            return d.toMillis() + " ms";
        }
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        }
        return (s / 3600) + " h" + ((s % 3600) / 60 == 0 ? "" : " " + ((s % 3600) / 60) + " min");
    }
}
