package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {

    @TempDir
    Path tmp;

    private AegirHome home;

    @BeforeEach
    void home() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
    }

    private static Process holder(AegirHome home, String goal, BufferedReader[] out) throws Exception {
        Process p = JavaProcess.builder(LockHolderMain.class, List.of(BuildLog.class), home.root().toString(), goal).start();
        out[0] = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out[0].readLine();
        assertThat(line).as("the holder took the lock").isEqualTo("LOCKED " + p.pid());
        return p;
    }

    @Test
    void aSecondBuildInTheSameJvmIsRefusedAndTheLockIsReusableAfterClose() throws Exception {
        long me = ProcessHandle.current().pid();
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade")) {
            assertThat(lock.holder().pid()).isEqualTo(me);
            assertThat(home.lockInfoFile()).content().contains("pid=" + me).contains("goal=backend-upgrade");
            assertThatThrownBy(() -> RunLock.acquire(home, "status"))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("Another aegir-maven-plugin build (pid " + me + ", goal backend-upgrade, started ")
                    .hasMessageContaining("is working on " + home.root())
                    .hasMessageContaining("wait for it to finish");
            // the refused attempt must not have dropped our OS lock
            assertThat(RunLock.readHolder(home)).get().extracting(RunLock.Holder::goal).isEqualTo("backend-upgrade");
        }
        assertThat(home.lockInfoFile()).doesNotExist();
        List<String> log = new ArrayList<>();
        try (RunLock again = RunLock.acquire(home, "status", BuildLog.collecting(log))) {
            assertThat(again.holder().goal()).isEqualTo("status");
        }
        assertThat(log).noneMatch(l -> l.contains("stale"));
    }

    @Test
    void anotherLiveProcessHoldingTheLockIsNamed() throws Exception {
        BufferedReader[] out = new BufferedReader[1];
        Process other = holder(home, "hostmaster-migrate", out);
        try {
            assertThatThrownBy(() -> RunLock.acquire(home, "backend-upgrade"))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("(pid " + other.pid() + ", goal hostmaster-migrate, started ")
                    .hasMessageContaining("kill " + other.pid());
            other.getOutputStream().close(); // the other build finishes
            assertThat(out[0].readLine()).isEqualTo("RELEASED");
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<String> log = new ArrayList<>();
            try (RunLock lock = RunLock.acquire(home, "backend-upgrade", BuildLog.collecting(log))) {
                assertThat(lock.holder().goal()).isEqualTo("backend-upgrade");
            }
            assertThat(log).noneMatch(l -> l.contains("stale"));
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void theLockOfASigkilledBuildIsTakenOverAndSaidSo() throws Exception {
        BufferedReader[] out = new BufferedReader[1];
        Process killed = holder(home, "upgrade", out);
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(home.lockInfoFile()).exists(); // it had no chance to clean up

        List<String> log = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade", BuildLog.collecting(log))) {
            assertThat(lock.holder().pid()).isEqualTo(ProcessHandle.current().pid());
        }
        assertThat(log).anyMatch(l -> l.startsWith("WARN Taking over the stale lock")
                && l.contains("pid " + killed.pid()) && l.contains("goal upgrade"));
    }

    @Test
    void aBuildLeavesNoTraceOfTheLockInAHomeThePluginHadNotTouched() throws Exception {
        assertThat(home.stateDir()).doesNotExist();
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade")) {
            assertThat(home.lockFile()).exists();
            assertThat(home.lockInfoFile()).exists();
        }
        assertThat(home.stateDir()).as("an empty state directory is removed with the lock").doesNotExist();
    }

    @Test
    void theStateDirectoryStaysWhenItHoldsMoreThanTheLock() throws Exception {
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade")) {
            InstallRecord.empty().with(new InstallRecord.Entry("drush", "7.x-4.4", "ab", Instant.EPOCH)).write(home);
        }
        try (Stream<Path> s = Files.list(home.stateDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("installed.properties");
        }
    }

    @Test
    void buildsInSeveralProcessesNeverHoldTheLockTogether() throws Exception {
        // Each holder deletes the lock file on release, so another may have opened the file just deleted:
        // the token check must send it round again instead of letting two builds in.
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(JavaProcess.builder(LockStressMain.class, List.of(BuildLog.class),
                    home.root().toString(), "200").start());
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).doesNotContain("OVERLAP").startsWith("DONE 200 ");
        }
        assertThat(home.stateDir()).doesNotExist();
        assertThat(home.root().resolve("holder-marker")).doesNotExist();
    }

    @Test
    void aLockedFileThatWasDeletedOrReplacedIsNoLongerNamedByItsPath() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")),
                "needs /proc/self/fd (Linux) to tell which file an open channel is on");
        Path file = tmp.resolve("lock");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertThat(RunLock.stillNamedByPath(file)).isTrue();
            Files.delete(file);
            assertThat(RunLock.stillNamedByPath(file)).isFalse();
            Files.createFile(file); // another build's new lock file under the same name
            assertThat(RunLock.stillNamedByPath(file)).isFalse();
        }
    }
}
