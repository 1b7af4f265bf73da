package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.JavaProcess;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.exec.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner for real, as the user running the tests (the "aegir user is the current user" path). */
class DrushRunnerTest {

    static final String REPORT = "echo 'PHPOPT=' . $argv[1] . \"\\n\";\n"
            + "foreach (array_slice($argv, 2) as $i => $a) { echo \"ARG$i=[$a]\\n\"; }\n"
            + "echo 'HOME=' . getenv('HOME') . \"\\n\";\n"
            + "echo 'CWD=' . getcwd() . \"\\n\";\n"
            + "echo 'UMASK=' . sprintf('%04o', umask()) . \"\\n\";\n"
            + "echo 'FOO=' . getenv('FOO') . \"\\n\";\n";

    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final String me = CurrentUser.detect().name();

    private DrushRunner runner() {
        return new DrushRunner(BuildLog.collecting(log));
    }

    private DrushInvocation.Builder invocation(AegirHome home) {
        return DrushInvocation.builder(home).aegirUser(me).timeout(Duration.ofSeconds(30));
    }

    private List<String> drushLines() {
        synchronized (log) {
            return log.stream().filter(l -> l.contains("[drush] ")).collect(Collectors.toList());
        }
    }

    @Test
    void everyArgumentArrivesVerbatimAsItsOwnArgvEntry() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), REPORT);
        Path pwned = tmp.resolve("pwned");
        List<String> args = List.of(
                "hostmaster-migrate",
                "a b",
                "it's",
                "\"double\"",
                "$(touch " + pwned + ")",
                "`touch " + pwned + "`",
                "; touch " + pwned,
                "${HOME}",
                "$HOME",
                "-y",
                "--makefile=/x y/aegir.make",
                "",
                "*",
                "back\\slash",
                "line\nbreak",
                "-c",
                "--");
        DrushResult r = runner().run(invocation(home).args(args).build());
        assertThat(r.ok()).isTrue();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            out.add("ARG" + i + "=[" + args.get(i).replace("\nbreak", "")
                    + (args.get(i).contains("\n") ? "" : "]"));
        }
        assertThat(r.lastLines()).containsSubsequence(out);
        assertThat(r.lastLines()).contains("break]");
        assertThat(pwned).doesNotExist();
    }

    @Test
    void homeWorkingDirectoryUmaskAndEnvironment() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), REPORT);
        Path old = Files.createDirectories(home.root().resolve("hostmaster 6.x-1.0-rc2"));
        DrushResult r = runner().run(invocation(home)
                .workingDirectory(old)
                .env("FOO", "bar baz")
                .build());
        assertThat(r.exitCode()).isZero();
        assertThat(r.lastLines()).contains("HOME=" + home.root(), "CWD=" + old, "UMASK=0022", "FOO=bar baz");
        // the command shown to the user, to run it again by hand
        assertThat(log)
                .anyMatch(
                        l -> l.startsWith("INFO Running (cd '" + old + "' && php " + home.drushPhp() + " --php=php)"));
    }

    /** Prints every environment variable drush.php gets, one {@code ENV NAME=VALUE} line each. */
    static final String PRINT_ENV =
            "foreach (getenv() as $k => $v) { echo \"ENV $k=$v\\n\"; }\n" + "echo 'PHPOPT=' . $argv[1] . \"\\n\";\n";

    /** The {@code ENV NAME=VALUE} lines drush printed (among its last lines), as a map. */
    static Map<String, String> printedEnvironment(DrushResult result) {
        Map<String, String> env = new TreeMap<>();
        result.lastLines().stream()
                .filter(l -> l.startsWith("ENV "))
                .map(l -> l.substring("ENV ".length()))
                .forEach(kv -> env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1)));
        return env;
    }

    /** The names drush's environment has, and no others (TERM only when the build has one). */
    static Set<String> expectedNames() {
        Set<String> names = new TreeSet<>(Set.of(
                "HOME",
                "USER",
                "LOGNAME",
                "SHELL",
                "PATH",
                "LANG",
                OrphanedDrush.HOME_VARIABLE,
                OrphanedDrush.BUILD_VARIABLE));
        if (System.getenv("TERM") != null && !System.getenv("TERM").isEmpty()) {
            names.add("TERM");
        }
        return names;
    }

    @Test
    void drushGetsTheAegirUsersEnvironmentAndNothingOfTheBuilds() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), PRINT_ENV);
        DrushResult r = runner().run(invocation(home).build());
        assertThat(r.ok()).as(String.join("\n", r.lastLines())).isTrue();
        Map<String, String> env = printedEnvironment(r);
        assertThat(env.keySet()).containsExactlyElementsOf(expectedNames());
        assertThat(env)
                .containsEntry("HOME", home.root().toString())
                .containsEntry("USER", me)
                .containsEntry("LOGNAME", me)
                .containsEntry("SHELL", "/bin/sh")
                .containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin")
                .containsEntry("LANG", "C.UTF-8")
                .containsEntry(OrphanedDrush.HOME_VARIABLE, home.root().toString())
                .containsEntry(
                        OrphanedDrush.BUILD_VARIABLE,
                        Long.toString(ProcessHandle.current().pid()));
        // the build's own variables (surefire's JVM has PATH, JAVA_HOME, MAVEN_*... of the build) stay out
        System.getenv().keySet().stream()
                .filter(n -> !expectedNames().contains(n))
                .forEach(n -> assertThat(env).doesNotContainKey(n));
        assertThat(r.lastLines()).contains("PHPOPT=--php=php");
        // what the user is shown of drush's environment
        assertThat(log)
                .contains("INFO   with HOME=" + home.root() + " USER=" + me
                        + " PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 (none of this build's environment)");
    }

    /** The real php on this JVM's PATH. */
    static Path realPhp() {
        return Stream.of(System.getenv("PATH").split(":"))
                .map(d -> Paths.get(d, "php"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new AssertionError("php (Debian php-cli) is not on the PATH"));
    }

    /** A php in a directory of its own that notes each start in {@code <dir>/started} and execs the real one. */
    static Path phpWrapper(Path dir) throws Exception {
        Path php = Files.createDirectories(dir).resolve("php");
        Files.writeString(
                php, "#!/bin/sh\necho \"$0 $*\" >> \"$(dirname \"$0\")/started\"\nexec " + realPhp() + " \"$@\"\n");
        Files.setPosixFilePermissions(php, PosixFilePermissions.fromString("rwxr-xr-x"));
        return php;
    }

    @Test
    void anAbsolutePhpRunsDrushComesFirstOnItsPathAndIsGivenToItAsPhpOption() throws Exception {
        assertThat(DrushEnvironment.phpProblem(
                        phpWrapper(tmp.resolve("php 8/bin")).toString()))
                .as("a space")
                .isPresent();
        Path php = phpWrapper(tmp.resolve("php8/bin"));
        AegirHome home = Stand.home(tmp.resolve("aegir"), PRINT_ENV);
        DrushResult r = runner().run(invocation(home)
                .php(php.toString())
                .args("hostmaster-migrate")
                .build());
        assertThat(r.ok()).as(String.join("\n", r.lastLines())).isTrue();
        assertThat(Files.readString(php.resolveSibling("started")))
                .isEqualTo(php + " " + home.drushPhp() + " --php=" + php + " hostmaster-migrate\n");
        assertThat(printedEnvironment(r)).containsEntry("PATH", php.getParent() + ":/usr/local/bin:/usr/bin:/bin");
        assertThat(r.lastLines()).contains("PHPOPT=--php=" + php);
        // the command shown to the user, to run it again by hand
        assertThat(log)
                .anyMatch(l -> l.startsWith("INFO Running (cd " + home.root() + " && " + php + " " + home.drushPhp()
                        + " --php=" + php + " hostmaster-migrate)"));
    }

    @Test
    void aPhpDrushCannotPutIntoItsCommandLinesIsRefusedBeforeAnythingRuns() throws Exception {
        Path ran = tmp.resolve("ran");
        AegirHome home = Stand.home(tmp.resolve("aegir"), "touch('" + ran + "');");
        for (String php : List.of("php; id", "bin/php", "/opt/my php/php", "-c/etc/php.ini", "php=1")) {
            assertThatThrownBy(() -> runner().run(invocation(home).php(php).build()))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageStartingWith("php (-Daegir.php) is '" + php + "', which drush cannot run")
                    .hasMessageContaining("/usr/local/bin:/usr/bin:/bin");
        }
        assertThat(ran).as("drush did not run").doesNotExist();
    }

    @Test
    void umaskIs022EvenWhenTheJvmsIs077() throws Exception {
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "touch('made-by-drush.txt'); mkdir('made-dir'); echo 'UMASK=' . sprintf('%04o', umask()) . \"\\n\";");
        Path dir = Files.createDirectories(home.root().resolve("work"));
        List<String> java = JavaProcess.command(
                UmaskMain.class,
                List.of(BuildLog.class, CommandLine.class),
                home.root().toString(),
                me,
                dir.toString());
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077; exec \"$@\"", "sh"));
        cmd.addAll(java);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("JVM-FILE-MODE=rw-------", "EXIT=0");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("made-by-drush.txt"))))
                .isEqualTo("rw-r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("made-dir"))))
                .isEqualTo("rwxr-xr-x");
    }

    @Test
    void exitCodesAreReportedAndExplained() throws Exception {
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "if ($argv[2] === 'fatal') { no_such_function(); }\n"
                        + "fwrite(STDERR, \"exiting $argv[2]\\n\"); exit((int) $argv[2]);");
        DrushRunner runner = runner();
        assertThat(runner.run(invocation(home).args("0").build()).explainExitCode())
                .isEqualTo("ok");
        DrushResult one = runner.run(invocation(home).args("1").build());
        assertThat(one.exitCode()).isEqualTo(1);
        assertThat(one.ok()).isFalse();
        assertThat(one.explainExitCode()).contains("drush exited with code 1, an error");
        DrushResult fatal = runner.run(invocation(home).args("fatal").build());
        assertThat(fatal.exitCode()).isEqualTo(255);
        assertThat(fatal.explainExitCode()).contains("PHP stopped with a fatal error (exit code 255");
        assertThat(fatal.lastLines()).anyMatch(l -> l.contains("no_such_function"));
        assertThat(runner.run(invocation(home).args("3").build()).explainExitCode())
                .isEqualTo("drush exited with code 3");
        assertThat(log).contains("WARN [drush] exiting 1");

        DrushResult failed = runner.run(
                invocation(home).args("1", "--db-url=mysql://u:pw12@h/d").build());
        assertThat(failed.failureMessage("drush hostmaster-migrate"))
                .startsWith("drush hostmaster-migrate failed: drush exited with code 1, an error")
                .contains("exiting 1")
                .contains("--db-url=mysql://u:****@h/d")
                .doesNotContain("pw12");
    }

    @Test
    void aMissingPhpIsExplained() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), "echo 'hi';");
        DrushResult r = runner().run(invocation(home).php("/no/such/php").build());
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.explainExitCode()).contains("-Daegir.php");
    }

    @Test
    void timeoutKillsPhpAndSaysWhichParameterToRaise() throws Exception {
        Path pidFile = tmp.resolve("php.pid");
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "file_put_contents('" + pidFile + "', getmypid()); echo \"sleeping\\n\"; sleep(30); echo \"woke\\n\";");
        long start = System.nanoTime();
        DrushResult r =
                runner().run(invocation(home).timeout(Duration.ofSeconds(1)).build());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(seconds).as("killed, not waited for").isLessThan(20);
        assertThat(r.explainExitCode()).contains("timeout of 1 s").contains("timeout (-Daegir.timeout)");
        assertThat(r.lastLines()).containsExactly("sleeping");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessTrees.isRunning(pid)).as("php " + pid + " is gone").isFalse();
    }

    @Test
    void outputIsStreamedAsItComes() throws Exception {
        Path seen = tmp.resolve("seen");
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "fwrite(STDOUT, \"first\\n\");\n"
                        + "for ($i = 0; $i < 200 && !file_exists('" + seen
                        + "'); $i++) { usleep(50000); clearstatcache(); }\n"
                        + "fwrite(STDOUT, file_exists('" + seen
                        + "') ? \"second: the log had the first line\\n\" : \"second: too late\\n\");");
        BuildLog watching = new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {
                log.add("INFO " + message);
                if (message.equals("[drush] first")) {
                    try {
                        Files.writeString(seen, "yes");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }

            @Override
            public void warn(String message) {}

            @Override
            public void error(String message) {}
        };
        DrushResult r = new DrushRunner(watching).run(invocation(home).build());
        assertThat(r.ok()).isTrue();
        assertThat(drushLines())
                .containsExactly("INFO [drush] first", "INFO [drush] second: the log had the first line");
    }

    @Test
    void stdinIsAtEndOfFileUnlessInherited() throws Exception {
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "echo 'Do you really want to proceed with the upgrade? (y/n): ';\n$l ="
                        + " fgets(STDIN);\necho $l === false ? \"EOF\\n\" : \"GOT $l\\n\";");
        DrushResult closed =
                runner().run(invocation(home).stdin(StdinMode.CLOSED).build());
        DrushResult yes = runner().run(invocation(home)
                .stdin(StdinMode.ASSUME_YES)
                .args("hostmaster-migrate", "-y")
                .build());
        assertThat(String.join("\n", closed.lastLines())).endsWith("(y/n): EOF");
        assertThat(String.join("\n", yes.lastLines())).endsWith("(y/n): EOF");
        assertThatThrownBy(() -> invocation(home)
                        .stdin(StdinMode.ASSUME_YES)
                        .args("hostmaster-migrate")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-y");
    }

    @Test
    void secretsAreMaskedInTheLogAndInTheLastLines() throws Exception {
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "echo \"  'db_passwd' => 'hunter22',\\n\";\n"
                        + "fwrite(STDERR, \"Could not connect with"
                        + " --db-url=mysql://aegir:pw9999@localhost/site\\n\");\n"
                        + "echo \"known secret Zebra-123 here\\n\"; exit(1);");
        DrushResult r = runner().run(invocation(home)
                .secret("Zebra-123")
                .args("--aegir_db_pass=Zebra-123")
                .build());
        // stdout and stderr are pumped by two threads: their relative order is not guaranteed
        assertThat(drushLines())
                .containsExactlyInAnyOrder(
                        "INFO [drush]   'db_passwd' => '****',",
                        "WARN [drush] Could not connect with --db-url=mysql://aegir:****@localhost/site",
                        "INFO [drush] known secret **** here");
        assertThat(String.join("\n", r.lastLines())).doesNotContain("hunter22", "pw9999", "Zebra-123");
        assertThat(r.command()).contains("--aegir_db_pass=****").doesNotContain("Zebra-123");
        synchronized (log) {
            assertThat(String.join("\n", log)).doesNotContain("hunter22", "pw9999", "Zebra-123");
        }
    }

    @Test
    void drushsOwnErrorFromAnywhereInItsOutputAndTheFullLogMasked() throws Exception {
        // as drush 4 prints: its log on stderr, the [error] line early, then a child's output and a long trace
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "fwrite(STDERR, sprintf(\"%-70s [ok]\\n\", 'Removed the crontab of aegir (crontab -r)'));\n"
                        + "fwrite(STDERR, \"  'db_passwd' => 'Sekr1t-A',\\n\");\n"
                        + "fwrite(STDERR, \"  db_passwd => 'Sekr1t-B'\\n\");\n"
                        + "fwrite(STDERR, \"\\$options['db_passwd'] = 'Sekr1t-C';\\n\");\n"
                        + "echo '{\"db_passwd\":\"Sekr1t-D\","
                        + "\"master_db\":\"mysql:\\\\/\\\\/root:Sekr1t-E@localhost\"}', \"\\n\";\n"
                        + "fwrite(STDERR, \"  'master_db' => 'mysql://aegir_root:Sekr1t-F@localhost',\\n\");\n"
                        + "fwrite(STDERR, sprintf(\"%-70s [error]\\n\", 'hostmaster-pause failed (Sekr1t-G)'));\n"
                        + "for ($i = 0; $i < 200; $i++) { fwrite(STDERR, \"#$i provision_rollback()"
                        + " trace line\\n\"); }\n"
                        + "fwrite(STDERR, sprintf(\"%-70s [warning]\\n\", 'Rolled back'));\n"
                        + "exit(1);");
        Path logs = tmp.resolve("project/target/aegir");
        java.time.Instant at = java.time.Instant.parse("2026-12-04T12:34:56Z");
        DrushRunner runner = runner().logTo(logs).withClock(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));

        DrushResult r = runner.run(invocation(home)
                .secret("Sekr1t-G")
                .args("hostmaster-migrate", "aegir.example.com", "/var/aegir/new", "-y")
                .build());

        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(at.atZone(java.time.ZoneId.systemDefault()));
        Path file = logs.resolve("drush-" + stamp + "-hostmaster-migrate.log").toAbsolutePath();
        assertThat(r.logFile()).contains(file);
        assertThat(r.lastLines()).noneMatch(l -> l.contains("[error]"));
        String error = String.format("%-70s [error]", "hostmaster-pause failed (Sekr1t-G)")
                .replace("Sekr1t-G", "****");
        assertThat(r.errorLines()).containsExactly(error);
        String message = r.failureMessage("drush hostmaster-migrate");
        assertThat(message)
                .startsWith("drush hostmaster-migrate failed: drush reported an error (exit code 1;")
                .contains("\n  hostmaster-pause failed (****)", "\nFull drush log (secrets masked): " + file);

        List<String> saved = Files.readAllLines(file);
        assertThat(saved).hasSize(3 + 6 + 1 + 200 + 1 + 1);
        assertThat(saved.get(1)).isEqualTo("# command: " + r.command());
        assertThat(saved)
                .contains(
                        "  'db_passwd' => '****',",
                        "  db_passwd => '****'",
                        "$options['db_passwd'] = '****';",
                        "{\"db_passwd\":\"****\",\"master_db\":\"mysql:\\/\\/root:****@localhost\"}",
                        "  'master_db' => 'mysql://aegir_root:****@localhost',",
                        "#199 provision_rollback() trace line",
                        "# exit code 1");
        assertThat(String.join("\n", saved)).doesNotContain("Sekr1t");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        synchronized (log) {
            assertThat(String.join("\n", log)).doesNotContain("Sekr1t");
        }
        // levels by content: drush logs everything to stderr
        assertThat(drushLines())
                .contains(
                        String.format("INFO [drush] %-70s [ok]", "Removed the crontab of aegir (crontab -r)"),
                        "ERROR [drush] " + error,
                        String.format("WARN [drush] %-70s [warning]", "Rolled back"),
                        "WARN [drush] #0 provision_rollback() trace line");

        // a second run in the same second gets its own file
        DrushResult again =
                runner.run(invocation(home).args("hostmaster-migrate").build());
        assertThat(again.logFile())
                .contains(logs.resolve("drush-" + stamp + "-hostmaster-migrate-2.log")
                        .toAbsolutePath());
    }

    @Test
    void theLogFileIsNamedAfterTheDrushCommand() {
        java.time.Instant at = java.time.Instant.parse("2026-12-04T12:34:56Z");
        String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .format(at.atZone(java.time.ZoneId.systemDefault()));
        assertThat(DrushOutput.fileName(List.of("--version"), at)).isEqualTo("drush-" + stamp + "-version.log");
        assertThat(DrushOutput.fileName(List.of("-y", "@hostmaster", "hosting-setup"), at))
                .isEqualTo("drush-" + stamp + "-hosting-setup.log");
        assertThat(DrushOutput.fileName(List.of("../../x y"), at)).isEqualTo("drush-" + stamp + "-drush.._.._x_y.log");
        assertThat(DrushOutput.fileName(List.of(), at)).isEqualTo("drush-" + stamp + "-drush.log");
    }

    @Test
    void aLogDirectoryThatCannotBeWrittenOnlyCostsTheLogFile() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), "echo \"fine\\n\";");
        Path blocker = Files.writeString(tmp.resolve("not-a-dir"), "x");
        DrushResult r =
                runner().logTo(blocker.resolve("aegir")).run(invocation(home).build());
        assertThat(r.ok()).isTrue();
        assertThat(r.logFile()).isEmpty();
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN Could not write the full drush log in " + blocker.resolve("aegir")));
    }

    @Test
    void keepsTheLast40Lines() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), "for ($i = 0; $i < 100; $i++) { echo \"line $i\\n\"; }");
        DrushResult r = runner().run(invocation(home).build());
        assertThat(r.lastLines())
                .hasSize(DrushRunner.KEEP_LINES)
                .startsWith("line 60")
                .endsWith("line 99");
        assertThat(drushLines()).hasSize(100);
    }

    @Test
    void anyOtherUserIsRefusedWithTheCommandToBecomeAegir() throws Exception {
        Path ran = tmp.resolve("ran");
        AegirHome home = Stand.home(tmp.resolve("aegir"), "touch('" + ran + "');");
        DrushRunner alice = new DrushRunner(BuildLog.collecting(log), new CurrentUser("alice", false));
        assertThatThrownBy(() -> alice.run(
                        DrushInvocation.builder(home).aegirUser("aegir").build()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("runs as alice")
                .hasMessageContaining("aegirUser/-Daegir.user")
                .hasMessageContaining("su -s /bin/sh aegir -c 'mvn ...'");
        assertThat(ran).as("drush did not run").doesNotExist();
    }

    @Test
    void theCommandLinesForDirectAndSu() throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), "");
        DrushInvocation inv = DrushInvocation.builder(home)
                .aegirUser("aegir")
                .args("status", "-y")
                .build();
        DrushRunner asAegir = new DrushRunner(BuildLog.NONE, new CurrentUser("aegir", false));
        List<String> direct = asAegir.commandLine(inv);
        List<String> expected = new ArrayList<>(List.of(
                "/bin/sh",
                "-c",
                DrushRunner.SCRIPT,
                "sh",
                home.root().toString(),
                home.root().toString(),
                "/usr/bin/env",
                "-i"));
        asAegir.environment(inv).forEach((name, value) -> expected.add(name + "=" + value));
        expected.addAll(List.of("php", home.drushPhp().toString(), "--php=php", "status", "-y"));
        assertThat(direct).containsExactlyElementsOf(expected);
        List<String> su = new DrushRunner(BuildLog.NONE, new CurrentUser("root", true)).commandLine(inv);
        assertThat(su.subList(1, 8)).containsExactly("-s", "/bin/sh", "-c", DrushRunner.SCRIPT, "--", "aegir", "sh");
        assertThat(su.subList(8, su.size())).containsExactlyElementsOf(expected.subList(4, expected.size()));
        assertThat(su.get(0)).endsWith("su");
        assertThatThrownBy(() -> new DrushRunner(BuildLog.NONE, new CurrentUser("root", true))
                        .commandLine(DrushInvocation.builder(home)
                                .aegirUser("-aegir")
                                .build()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirUser");
    }

    @Test
    void missingDrushNamesTheHome() throws Exception {
        AegirHome home = AegirHome.at(Files.createDirectories(tmp.resolve("aegir")));
        assertThatThrownBy(() -> runner().run(invocation(home).build()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(home.drushPhp().toString())
                .hasMessageContaining("-Daegir.home");
    }

    @Test
    void stoppingTheBuildsJvmKillsDrush() throws Exception {
        Path pidFile = tmp.resolve("aegir/php.pid");
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                "file_put_contents('" + pidFile + "', getmypid()); echo \"hanging\\n\"; sleep(120);");
        assertDrushDiesWithItsJvm(home, me, pidFile);
    }

    /** Starts {@link HangMain} in a second JVM, SIGTERMs that JVM (Ctrl-C), and checks php is gone. */
    static void assertDrushDiesWithItsJvm(AegirHome home, String user, Path pidFile) throws Exception {
        Process jvm = JavaProcess.builder(
                        HangMain.class,
                        List.of(BuildLog.class, CommandLine.class),
                        home.root().toString(),
                        user)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("INFO [drush] hanging")) {
                // wait until drush runs
            }
            assertThat(line).as("drush started in the child JVM").isEqualTo("INFO [drush] hanging");
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            assertThat(ProcessTrees.isRunning(pid)).isTrue();

            jvm.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (ProcessTrees.isRunning(pid) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(ProcessTrees.isRunning(pid))
                    .as("php " + pid + " is gone")
                    .isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }
}
