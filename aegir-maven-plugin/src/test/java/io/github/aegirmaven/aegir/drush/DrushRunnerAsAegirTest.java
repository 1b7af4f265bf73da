package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.Unix;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner as root, acting as the aegir user through su. Skipped unless root with an aegir user. */
class DrushRunnerAsAegirTest {

    @TempDir
    Path tmp;

    private UnixUser aegir;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void rootAndAegir() throws Exception {
        aegir = Unix.assumeRootAndAegir();
    }

    private AegirHome home(String php) throws Exception {
        AegirHome home = Stand.home(tmp.resolve("aegir"), php);
        Fixtures.drupalRoot(home.root().resolve("hostmaster 6.x-1.0-rc2"));
        Unix.handTo(home.root(), aegir, tmp);
        return home;
    }

    @Test
    void runsAsAegirWithItsHomeUmaskAndVerbatimArguments() throws Exception {
        AegirHome home = home(DrushRunnerTest.REPORT
                + "touch('written-by-drush.txt');\n"
                + "echo 'USER=' . (function_exists('posix_geteuid') ?"
                + " posix_getpwuid(posix_geteuid())['name'] : '?') . \"\\n\";");
        Path old = home.root().resolve("hostmaster 6.x-1.0-rc2");
        List<String> args = List.of("hostmaster-migrate", "aegir.example.com", "a b", "it's", "$(id)", "-y", "--", "");
        DrushResult r = new DrushRunner(BuildLog.collecting(log))
                .run(DrushInvocation.builder(home)
                        .aegirUser("aegir")
                        .workingDirectory(old)
                        .args(args)
                        .env("FOO", "passed through su")
                        .timeout(Duration.ofSeconds(30))
                        .build());
        assertThat(r.ok()).as(String.join("\n", r.lastLines())).isTrue();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            expected.add("ARG" + i + "=[" + args.get(i) + "]");
        }
        assertThat(r.lastLines()).containsSubsequence(expected);
        assertThat(r.lastLines()).contains("HOME=" + home.root(), "CWD=" + old, "UMASK=0022", "FOO=passed through su");
        if (!r.lastLines().contains("USER=?")) {
            assertThat(r.lastLines()).contains("USER=aegir");
        }
        Path written = old.resolve("written-by-drush.txt");
        assertThat(Ownership.ownerOf(written)).isEqualTo("aegir");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
                .isEqualTo("rw-r--r--");
        // the command shown to the user, to run it again by hand
        assertThat(log)
                .anyMatch(l ->
                        l.startsWith("INFO Running (cd '" + old + "' && php ") && l.endsWith(" as aegir (through su)"));
    }

    /**
     * su keeps some of root's environment and sets some of its own (MAIL, and whatever PAM reads from
     * /etc/environment): drush gets exactly the aegir user's, with an absolute php first on its PATH.
     */
    @Test
    void throughSuDrushGetsExactlyTheAegirUsersEnvironment() throws Exception {
        Path php = DrushRunnerTest.realPhp(); // not a shell script, which would add PWD
        AegirHome home = home(DrushRunnerTest.PRINT_ENV);
        DrushResult r = new DrushRunner(BuildLog.collecting(log))
                .run(DrushInvocation.builder(home)
                        .aegirUser("aegir")
                        .php(php.toString())
                        .timeout(Duration.ofSeconds(30))
                        .build());
        assertThat(r.ok()).as(String.join("\n", r.lastLines())).isTrue();
        java.util.Map<String, String> env = DrushRunnerTest.printedEnvironment(r);
        assertThat(env.keySet()).containsExactlyElementsOf(DrushRunnerTest.expectedNames());
        assertThat(env)
                .containsEntry("HOME", home.root().toString())
                .containsEntry("USER", "aegir")
                .containsEntry("LOGNAME", "aegir")
                .containsEntry("PATH", DrushEnvironment.path(php.toString()))
                .containsEntry("LANG", "C.UTF-8");
        assertThat(env.get("PATH")).startsWith(php.getParent() + ":");
        assertThat(r.lastLines()).contains("PHPOPT=--php=" + php);
    }

    @Test
    void timeoutKillsPhpBehindSu() throws Exception {
        Path pidFile = tmp.resolve("aegir/php.pid");
        AegirHome home = home("file_put_contents('" + pidFile + "', getmypid()); echo \"sleeping\\n\"; sleep(60);");
        long start = System.nanoTime();
        DrushResult r = new DrushRunner(BuildLog.collecting(log))
                .run(DrushInvocation.builder(home)
                        .aegirUser("aegir")
                        .timeout(Duration.ofSeconds(1))
                        .build());
        assertThat(r.timedOut()).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(30);
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessTrees.isRunning(pid)).as("php " + pid + " is gone").isFalse();
    }

    @Test
    void stoppingTheBuildsJvmKillsPhpBehindSu() throws Exception {
        Path pidFile = tmp.resolve("aegir/php.pid");
        AegirHome home = home("file_put_contents('" + pidFile + "', getmypid()); echo \"hanging\\n\"; sleep(120);");
        DrushRunnerTest.assertDrushDiesWithItsJvm(home, "aegir", pidFile);
    }

    @Test
    void aWorkingDirectoryAegirCannotEnterIsReported() throws Exception {
        AegirHome home = home("echo 'ran';");
        Path closed = Files.createDirectories(home.root().resolve("root-only"));
        Ownership.chownTree(closed, UnixUser.lookup("root"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        DrushResult r = new DrushRunner(BuildLog.collecting(log))
                .run(DrushInvocation.builder(home)
                        .aegirUser("aegir")
                        .workingDirectory(closed)
                        .timeout(Duration.ofSeconds(30))
                        .build());
        assertThat(r.ok()).isFalse();
        assertThat(r.lastLines())
                .anyMatch(l -> l.contains("cannot change into the directory " + closed + " as user aegir"));
        assertThat(r.lastLines()).doesNotContain("ran");
    }
}
