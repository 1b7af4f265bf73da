package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.Setting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a drush run ended.
 *
 * @param exitCode   the process's exit code
 * @param timedOut   whether the runner killed it at the timeout
 * @param lastLines  the last lines it printed (stdout and stderr, secrets masked)
 * @param timeout    the timeout it ran under
 * @param command    the command, as displayed (secrets masked)
 * @param errorLines drush's {@code [error]} lines and PHP's fatal or parse errors, wherever they were in the
 *                   output (the first {@value DrushErrors#MAX_LINES}, secrets masked)
 * @param errorCount how many such lines there were in all
 * @param phpFatal   whether PHP stopped with a fatal or parse error (a failure whatever the exit code)
 * @param logFile    where every line of the run was saved, secrets masked (empty when it could not be written)
 */
public record DrushResult(
        int exitCode,
        boolean timedOut,
        List<String> lastLines,
        Duration timeout,
        String command,
        List<String> errorLines,
        int errorCount,
        boolean phpFatal,
        Optional<Path> logFile) {

    public DrushResult {
        lastLines = List.copyOf(lastLines);
        errorLines = List.copyOf(errorLines);
        errorCount = Math.max(errorCount, errorLines.size());
    }

    /** A result known only by its last lines: the errors are those among them; no log file. */
    public DrushResult(int exitCode, boolean timedOut, List<String> lastLines, Duration timeout, String command) {
        this(exitCode, timedOut, lastLines, timeout, command, DrushErrors.Found.in(lastLines), Optional.empty());
    }

    public DrushResult(int exitCode, boolean timedOut, List<String> lastLines) {
        this(exitCode, timedOut, lastLines, DrushInvocation.DEFAULT_TIMEOUT, "drush");
    }

    DrushResult(
            int exitCode,
            boolean timedOut,
            List<String> lastLines,
            Duration timeout,
            String command,
            DrushErrors.Found errors,
            Optional<Path> logFile) {
        this(
                exitCode,
                timedOut,
                lastLines,
                timeout,
                command,
                errors.lines(),
                errors.total(),
                errors.phpFatal(),
                logFile);
    }

    /** Whether drush succeeded: exit code 0, not killed, and PHP did not stop with a fatal error. */
    public boolean ok() {
        return exitCode == 0 && !timedOut && !phpFatal;
    }

    /**
     * What went wrong, in words: from what drush printed first (a PHP fatal error, drush's [error] lines), from
     * the exit code when it printed neither (real drush 4 exits 1 on a PHP fatal error as on its own errors).
     */
    public String explainExitCode() {
        if (timedOut) {
            return "drush did not finish within the timeout of " + human(timeout) + " and was killed; if it was still "
                    + "working, raise " + Setting.TIMEOUT;
        }
        if (phpFatal) {
            return "PHP stopped with a fatal error (exit code " + exitCode + "; the PHP error is below)";
        }
        if (exitCode != 0 && !errorLines.isEmpty()) {
            return "drush reported an error (exit code " + exitCode + "; its [error] lines are below)";
        }
        return switch (exitCode) {
            case 0 -> "ok";
            case 1 -> "drush exited with code 1, an error, without printing an [error] line";
            case 255 ->
                "PHP exited with code 255 without printing an error: a PHP fatal error with display_errors"
                        + " and log_errors off, or a broken drush backend";
            case 126 -> "the PHP binary could not be executed (exit code 126; check php/" + Setting.PHP.flag() + ")";
            case 127 -> "the PHP binary was not found (exit code 127; set php/" + Setting.PHP.flag() + " to its path)";
            default ->
                exitCode > 128 && exitCode < 160
                        ? "drush was killed by signal " + (exitCode - 128) + " (exit code " + exitCode + ")"
                        : "drush exited with code " + exitCode;
        };
    }

    /**
     * A full failure message for {@code what} ("hostmaster-migrate"): what went wrong, the command, drush's
     * [error] lines and PHP errors from anywhere in its output (its last lines when it printed none), and where
     * the full log is.
     */
    public String failureMessage(String what) {
        StringBuilder sb = new StringBuilder();
        sb.append(what)
                .append(" failed: ")
                .append(explainExitCode())
                .append(".\nCommand: ")
                .append(command);
        if (!errorLines.isEmpty()) {
            sb.append("\n")
                    .append(phpFatal ? "PHP's and drush's errors" : "drush's errors")
                    .append(" in its output");
            if (errorCount > errorLines.size()) {
                sb.append(" (the first ")
                        .append(errorLines.size())
                        .append(" of ")
                        .append(errorCount)
                        .append("; the full log has them all)");
            }
            sb.append(':');
            for (String line : errorLines) {
                sb.append("\n  ").append(line);
            }
        } else if (!lastLines.isEmpty()) {
            sb.append("\nLast ").append(lastLines.size()).append(" line(s) of its output:");
            for (String line : lastLines) {
                sb.append("\n  ").append(line);
            }
        }
        logFile.ifPresent(f -> sb.append("\nFull drush log (secrets masked): ").append(f));
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
