package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.JavaProcess;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Finding drush that a killed build left running, by the variable every drush run carries, and waiting for it:
 * real processes, found through the real /proc.
 */
class OrphanedDrushTest {

    @TempDir
    Path tmp;

    private final List<Process> started = new ArrayList<>();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void linux() {
        assumeTrue(
                Files.isRegularFile(Paths.get("/proc/self/environ")), "needs Linux /proc to see process environments");
    }

    @AfterEach
    void stop() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Process sleeper(String home, int seconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sleep", Integer.toString(seconds));
        if (home != null) {
            pb.environment().put(OrphanedDrush.HOME_VARIABLE, home);
            pb.environment().put(OrphanedDrush.BUILD_VARIABLE, "4242");
        }
        Process p = pb.start();
        started.add(p);
        return p;
    }

    @Test
    void findsOnlyTheProcessesMarkedForThisHome() throws Exception {
        String home = tmp.resolve("aegir").toString();
        Process mine = sleeper(home, 30);
        sleeper(home + "-other", 30);
        sleeper(null, 30);

        List<OrphanedDrush.Orphan> found = OrphanedDrush.find(Paths.get("/proc"), home, Set.of());

        assertThat(found).extracting(OrphanedDrush.Orphan::pid).containsExactly(mine.pid());
        assertThat(found.get(0).commandLine()).isEqualTo("sleep 30");
        assertThat(found.get(0).build()).contains("4242");
        // the public entry point leaves this JVM's own children alone: they are not orphans
        assertThat(OrphanedDrush.find(AegirHome.at(Paths.get(home)))).isEmpty();
    }

    @Test
    void ownChildrenAreLookedUpOnlyWhenAProcessCarriesTheHome() throws Exception {
        String home = tmp.resolve("aegir").toString();
        sleeper(home + "-other", 30);
        sleeper(null, 30);
        List<String> asked = new ArrayList<>();

        assertThat(OrphanedDrush.find(Paths.get("/proc"), home, () -> {
                    asked.add("children");
                    return Set.of();
                }))
                .isEmpty();
        assertThat(asked)
                .as("no process carries the home: this JVM's process tree is not walked")
                .isEmpty();

        Process mine = sleeper(home, 30);
        assertThat(OrphanedDrush.find(Paths.get("/proc"), home, () -> {
                    asked.add("children");
                    return Set.of(mine.pid());
                }))
                .isEmpty();
        assertThat(asked).containsExactly("children");
    }

    @Test
    void theVariableMustBeAWholeEntryOfTheEnvironment() {
        byte[] wanted = (OrphanedDrush.HOME_VARIABLE + "=/var/aegir").getBytes(StandardCharsets.UTF_8);
        String var = OrphanedDrush.HOME_VARIABLE;

        assertThat(OrphanedDrush.holdsVariable(environ("A=1", var + "=/var/aegir", "B=2"), wanted))
                .isTrue();
        assertThat(OrphanedDrush.holdsVariable(environ(var + "=/var/aegir"), wanted))
                .isTrue();
        assertThat(OrphanedDrush.holdsVariable(environ(var + "=/var/aegir2"), wanted))
                .isFalse();
        assertThat(OrphanedDrush.holdsVariable(environ("X" + var + "=/var/aegir"), wanted))
                .isFalse();
        assertThat(OrphanedDrush.holdsVariable(new byte[0], wanted)).isFalse();
    }

    private static byte[] environ(String... variables) {
        return (String.join("\0", variables) + "\0").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void waitsUntilTheOrphansHaveEnded() throws Exception {
        String home = tmp.resolve("aegir").toString();
        Process orphan = sleeper(home, 1);
        long start = System.nanoTime();

        List<OrphanedDrush.Orphan> first = OrphanedDrush.awaitGone(
                () -> OrphanedDrush.find(Paths.get("/proc"), home, Set.of()),
                home,
                Duration.ofMinutes(1),
                BuildLog.collecting(log));

        assertThat(first).extracting(OrphanedDrush.Orphan::pid).containsExactly(orphan.pid());
        assertThat(first.get(0).build()).as("the killed build that started it").contains("4242");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(700));
        assertThat(orphan.isAlive()).isFalse();
        // what the user must see: why the build waits, and for which process
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN A build that was killed left drush running on " + home))
                .anyMatch(l -> l.contains("pid " + orphan.pid()));
    }

    @Test
    void stopsWhatStillRunsAtTheTimeout() throws Exception {
        String home = tmp.resolve("aegir").toString();
        Process orphan = sleeper(home, 600);

        List<OrphanedDrush.Orphan> first = OrphanedDrush.awaitGone(
                () -> OrphanedDrush.find(Paths.get("/proc"), home, Set.of()),
                home,
                Duration.ofSeconds(1),
                BuildLog.collecting(log));

        assertThat(first).extracting(OrphanedDrush.Orphan::pid).containsExactly(orphan.pid());
        assertThat(orphan.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(orphan.exitValue()).as("killed, not ended on its own").isNotZero();
        // an error the user must see: the build killed a process it did not start
        assertThat(log)
                .anyMatch(l -> l.startsWith("ERROR drush of the killed build still runs after 1.0 s; stopping it")
                        && l.contains(Long.toString(orphan.pid())));
    }

    @Test
    void nothingToWaitForReturnsAtOnce() throws Exception {
        long start = System.nanoTime();
        List<OrphanedDrush.Orphan> none = OrphanedDrush.awaitGone(
                AegirHome.at(tmp.resolve("aegir")), Duration.ofSeconds(5), BuildLog.collecting(log));
        assertThat(none).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /**
     * The real case: a JVM runs drush through the runner and is killed with SIGKILL; its drush runs on, no longer
     * anybody's child, and is found by the home it carries.
     */
    @Test
    void drushOfAKilledJvmIsFoundAndAwaited() throws Exception {
        assumeTrue(
                Files.isExecutable(Paths.get("/usr/bin/php")) || Files.isExecutable(Paths.get("/usr/local/bin/php")),
                "needs php (Debian php-cli)");
        AegirHome home = Stand.home(tmp.resolve("aegir"), "echo \"started\\n\"; sleep(2); echo \"done\\n\";");
        ProcessBuilder pb = JavaProcess.builder(
                RunDrushMain.class,
                List.of(BuildLog.class, CommandLine.class),
                home.root().toString(),
                CurrentUser.detect().name());
        Process jvm = pb.start();
        started.add(jvm);
        java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(jvm.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.contains("[drush] started")) {
            // wait until drush runs
        }
        assertThat(line).as("drush started").isNotNull();
        List<ProcessHandle> children = jvm.descendants().toList();
        jvm.destroyForcibly();
        jvm.waitFor(10, TimeUnit.SECONDS);
        assertThat(children).anyMatch(ProcessHandle::isAlive);

        List<OrphanedDrush.Orphan> found = OrphanedDrush.find(home);
        assertThat(found).isNotEmpty();
        assertThat(found)
                .anyMatch(o -> o.commandLine().contains(home.drushPhp().toString())
                        && o.build().equals(java.util.Optional.of(Long.toString(jvm.pid()))));

        OrphanedDrush.awaitGone(home, Duration.ofMinutes(1), BuildLog.collecting(log));
        assertThat(OrphanedDrush.find(home)).isEmpty();
        assertThat(children).noneMatch(h -> ProcessTrees.isRunning(h.pid()));
    }

    /** Runs the stand-in drush of the home given through the runner, printing its lines. Test support. */
    public static final class RunDrushMain {
        public static void main(String[] args) throws Exception {
            AegirHome home = AegirHome.at(Paths.get(args[0]));
            new DrushRunner(new StdoutLog())
                    .run(DrushInvocation.builder(home)
                            .aegirUser(args[1])
                            .timeout(Duration.ofMinutes(1))
                            .build());
        }
    }
}
