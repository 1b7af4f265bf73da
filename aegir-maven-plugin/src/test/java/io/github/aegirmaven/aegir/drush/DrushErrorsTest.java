package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** drush's own error, from anywhere in its output, worded from the content rather than the exit code. */
class DrushErrorsTest {

    private static final String COMMAND = "(cd /var/aegir/hostmaster-6.x-1.0-rc2 && php /var/aegir/drush/drush.php"
            + " hostmaster-migrate aegir.example.com /var/aegir/hostmaster-6.x-1.0-rc3 -y)";

    /** What DrushOutput does with a run's lines: errors from all of them, the last KEEP_LINES kept. */
    private static DrushResult run(int exit, List<String> lines, Optional<Path> log) {
        DrushErrors errors = new DrushErrors();
        lines.forEach(errors::accept);
        List<String> last = lines.subList(Math.max(0, lines.size() - DrushRunner.KEEP_LINES), lines.size());
        return new DrushResult(exit, false, last, Duration.ofMinutes(30), COMMAND, errors.found(), log);
    }

    private static List<String> trace(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add("#" + i + " /var/aegir/.drush/provision/provision.inc(" + (100 + i) + "): provision_backend_" + i
                    + "()");
        }
        return lines;
    }

    @Test
    void anErrorLineBuriedUnder200LinesOfTraceIsInTheMessage() {
        List<String> lines = new ArrayList<>(List.of(
                "Verifying @server_master and @hostmaster (provision-verify)   [ok]",
                "Removed the crontab of aegir (crontab -r)                              [ok]",
                "hostmaster-pause failed after the crontab was removed                  [error]"));
        lines.addAll(trace(200));
        lines.add("Changes for the queue were reverted                                    [ok]");

        DrushResult r =
                run(1, lines, Optional.of(Path.of("/p/target/aegir/drush-20261204-120000-hostmaster-migrate.log")));

        assertThat(r.lastLines()).noneMatch(l -> l.contains("[error]"));
        assertThat(r.errorLines())
                .containsExactly("hostmaster-pause failed after the crontab was removed                  [error]");
        assertThat(r.phpFatal()).isFalse();
        String message = r.failureMessage("drush hostmaster-migrate aegir.example.com");
        assertThat(message)
                .startsWith("drush hostmaster-migrate aegir.example.com failed: drush reported an error (exit code 1;"
                        + " its [error] lines are below).\nCommand: " + COMMAND + "\ndrush's errors in its output:\n"
                        + "  hostmaster-pause failed after the crontab was removed                  [error]")
                .endsWith("\nFull drush log (secrets masked):"
                        + " /p/target/aegir/drush-20261204-120000-hostmaster-migrate.log")
                .doesNotContain("#150", "Last ");
    }

    @Test
    void aPhpFatalErrorIsAPhpFailureEvenWithExitCodeOne() {
        List<String> lines = new ArrayList<>(List.of(
                "Migrating aegir.example.com to /var/aegir/hostmaster-6.x-1.0-rc3",
                "PHP Fatal error:  Uncaught Error: Call to undefined function provision_x() in"
                        + " /var/aegir/.drush/provision/migrate.hostmaster.inc:106",
                "Stack trace:"));
        lines.addAll(trace(60));
        lines.add("Fatal error: Uncaught Error: Call to undefined function provision_x() in"
                + " /var/aegir/.drush/provision/migrate.hostmaster.inc:106");
        lines.add("Drush command terminated abnormally due to an unrecoverable error.       [error]");

        DrushResult r = run(1, lines, Optional.empty());

        assertThat(r.ok()).isFalse();
        assertThat(r.phpFatal()).isTrue();
        assertThat(r.explainExitCode())
                .isEqualTo("PHP stopped with a fatal error (exit code 1; the PHP error is below)");
        // PHP prints the error on stderr (its log) and stdout (its display): once in the message
        assertThat(r.errorLines())
                .containsExactly(
                        "PHP Fatal error:  Uncaught Error: Call to undefined function provision_x() in"
                                + " /var/aegir/.drush/provision/migrate.hostmaster.inc:106",
                        "Drush command terminated abnormally due to an unrecoverable error.       [error]");
        assertThat(r.failureMessage("drush hostmaster-migrate"))
                .contains("PHP's and drush's errors in its output:")
                .doesNotContain("Full drush log");
    }

    @Test
    void aFatalErrorFailsTheRunEvenWhenPhpExitsZero() {
        DrushResult r =
                run(0, List.of("PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted"), Optional.empty());
        assertThat(r.ok()).isFalse();
        assertThat(r.explainExitCode()).startsWith("PHP stopped with a fatal error (exit code 0");
    }

    @Test
    void aParseErrorIsAPhpFailure() {
        DrushResult r = run(
                255,
                List.of(
                        "PHP Parse error:  syntax error, unexpected '}' in"
                                + " /var/aegir/drush/commands/pm/pm.drush.inc on line 1691",
                        "Parse error: syntax error, unexpected '}'"
                                + " in /var/aegir/drush/commands/pm/pm.drush.inc on line 1691"),
                Optional.empty());
        assertThat(r.phpFatal()).isTrue();
        assertThat(r.errorLines()).hasSize(1).allMatch(l -> l.startsWith("PHP Parse error:  syntax error"));
        assertThat(r.explainExitCode())
                .isEqualTo("PHP stopped with a fatal error (exit code 255; the PHP error is below)");
    }

    @Test
    void theKindOfEachLine() {
        assertThat(DrushErrors.classify("Could not find the alias @hostmaster                    [error]"))
                .isEqualTo(DrushErrors.Kind.DRUSH_ERROR);
        assertThat(DrushErrors.classify("Could not find the alias \u001B[31;40m\u001B[1m[error]\u001B[0m"))
                .isEqualTo(DrushErrors.Kind.DRUSH_ERROR);
        assertThat(DrushErrors.classify("Reverting the site                                      [failed]"))
                .isEqualTo(DrushErrors.Kind.DRUSH_ERROR);
        assertThat(DrushErrors.classify("Catchable fatal error: Object of class stdClass could not be converted"))
                .isEqualTo(DrushErrors.Kind.PHP_FATAL);
        for (String other : List.of(
                "Stopped the queue (hostmaster-pause)                   [ok]",
                "Your existing cron entry will be replaced.                             [warning]",
                "the [error] type is what drush logs errors as",
                "  'db_passwd' => '****',",
                "",
                "Fatal errors: none")) {
            assertThat(DrushErrors.classify(other)).as(other).isEqualTo(DrushErrors.Kind.OTHER);
        }
        assertThat(DrushErrors.logType("Stopped the queue   [ok]")).isEqualTo("ok");
        assertThat(DrushErrors.logType("drush version 4.4")).isNull();
    }

    @Test
    void aHugeOutputKeepsABoundedNumberOfErrorsAndSaysSo() {
        DrushErrors errors = new DrushErrors();
        for (int i = 0; i < 100_000; i++) {
            errors.accept("error number " + i + " " + "x".repeat(i == 7 ? 10_000 : 10) + " [error]");
        }
        DrushErrors.Found found = errors.found();
        assertThat(found.lines()).hasSize(DrushErrors.MAX_LINES).startsWith("error number 0 xxxxxxxxxx [error]");
        assertThat(found.lines().get(7)).hasSize(DrushErrors.MAX_LINE_CHARS + "... (cut)".length());
        assertThat(found.total()).isEqualTo(100_000);
        String message = new DrushResult(
                        1,
                        false,
                        List.of(),
                        Duration.ofMinutes(1),
                        COMMAND,
                        found,
                        Optional.of(Path.of("/t/drush.log")))
                .failureMessage("drush x");
        assertThat(message)
                .contains("drush's errors in its output (the first 50 of 100000; the full log has them all):")
                .contains("error number 49 ")
                .doesNotContain("error number 50 ");
    }

    @Test
    void withoutErrorLinesTheLastLinesAndTheExitCodeSpeak() {
        DrushResult quiet = run(1, List.of("something went wrong somewhere"), Optional.empty());
        assertThat(quiet.explainExitCode())
                .isEqualTo("drush exited with code 1, an error, without printing an" + " [error] line");
        assertThat(quiet.failureMessage("drush x")).contains("Last 1 line(s) of its output:\n  something went wrong");
        assertThat(run(255, List.of(), Optional.empty()).explainExitCode())
                .startsWith("PHP exited with code 255 without printing an error");
        assertThat(run(0, List.of("Could not do a thing [error]"), Optional.empty())
                        .ok())
                .isTrue();
    }
}
