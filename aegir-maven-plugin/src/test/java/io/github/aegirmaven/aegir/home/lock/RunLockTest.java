package io.github.aegirmaven.aegir.home.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.JavaProcess;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
        Process p = JavaProcess.builder(
                        LockHolderMain.class,
                        List.of(BuildLog.class),
                        home.root().toString(),
                        goal)
                .start();
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
                    .hasMessageContaining(
                            "Another aegir-maven-plugin build (pid " + me + ", goal backend-upgrade, started ")
                    .hasMessageContaining("is working on " + home.root())
                    .hasMessageContaining("wait for it to finish");
            // the refused attempt must not have dropped our OS lock
            assertThat(RunLock.readHolder(home))
                    .get()
                    .extracting(RunLock.Holder::goal)
                    .isEqualTo("backend-upgrade");
        }
        assertThat(home.lockInfoFile()).doesNotExist();
        List<String> log = new ArrayList<>();
        try (RunLock again = RunLock.acquire(home, "status", BuildLog.collecting(log))) {
            assertThat(again.holder().goal()).isEqualTo("status");
            assertThat(again.takenOverFrom())
                    .as("a lock released cleanly is not stale")
                    .isEmpty();
        }
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
                assertThat(lock.takenOverFrom()).isEmpty();
            }
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
            assertThat(lock.takenOverFrom()).hasValueSatisfying(gone -> {
                assertThat(gone.pid()).isEqualTo(killed.pid());
                assertThat(gone.goal()).isEqualTo("upgrade");
            });
        }
        // what the user must see: a warning that names the build whose lock was taken over
        assertThat(log).anyMatch(l -> l.startsWith("WARN Taking over the stale lock") && l.contains("" + killed.pid()));
    }

    @Test
    void aBuildThatEndsLeavesNeitherLockFileNorEmptyStateDirectory() throws Exception {
        assertThat(home.stateDir()).doesNotExist();
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(home.lockFile()).isRegularFile();
            assertThat(home.lockInfoFile()).isRegularFile();
        }
        assertThat(home.stateDir())
                .as("a refused or no-op build leaves the home as it was")
                .doesNotExist();

        home.ensureStateDir();
        Files.writeString(home.installRecordFile(), "drush=7.x-4.4\n");
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(lock.holder().goal()).isEqualTo("upgrade");
        }
        assertThat(home.stateDir()).isDirectory();
        assertThat(home.lockFile()).doesNotExist();
        assertThat(home.installRecordFile()).hasContent("drush=7.x-4.4");
    }

    @Test
    void aMissingHomeIsNeitherLockedNorCreated() throws Exception {
        AegirHome missing = AegirHome.at(tmp.resolve("no-such-home"));
        assertThatThrownBy(() -> RunLock.acquire(missing, "upgrade"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirHome (-Daegir.home) " + missing.root() + " does not exist");
        assertThat(missing.root()).doesNotExist();
        assertThatThrownBy(missing::ensureStateDir).isInstanceOf(java.nio.file.NoSuchFileException.class);
        assertThat(missing.root()).doesNotExist();
    }

    @Test
    void aLockInfoEditedIntoNonsenseIsReportedAndReplaced() throws Exception {
        home.ensureStateDir();
        Files.writeString(home.lockInfoFile(), "this is not\nwhat the plugin = writes\n");
        assertThat(RunLock.readHolderInfo(home).problem())
                .get()
                .asString()
                .contains("is not what this plugin writes")
                .contains("edited by hand");

        BufferedReader[] out = new BufferedReader[1];
        // a live holder whose lock.info was then damaged: the message says so instead of inventing a holder
        Process other = holder(home, "upgrade", out);
        try {
            Files.writeString(home.lockInfoFile(), "pid=not-a-number\ngoal=\n");
            assertThatThrownBy(() -> RunLock.acquire(home, "backend-upgrade"))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("details unknown: " + home.lockInfoFile() + " is not what this plugin writes")
                    .hasMessageContaining("is working on " + home.root());
        } finally {
            other.destroyForcibly();
            other.waitFor(10, TimeUnit.SECONDS);
        }

        List<String> log = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade", BuildLog.collecting(log))) {
            assertThat(RunLock.readHolder(home))
                    .get()
                    .extracting(RunLock.Holder::goal)
                    .isEqualTo("backend-upgrade");
        }
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN The record of the run lock's last holder")
                        && l.contains("is not what this plugin writes")
                        && l.contains("it is replaced"));
    }

    @Test
    void aLockFileThatCannotBeOpenedIsNamed() throws Exception {
        Files.createDirectories(home.lockFile()); // e.g. made a directory by mistake
        assertThatThrownBy(() -> RunLock.acquire(home, "upgrade"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Cannot open the run lock " + home.lockFile())
                .hasMessageContaining("remove " + home.lockFile());
        // the refused attempt did not keep it held in this JVM
        Files.delete(home.lockFile());
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(lock.holder().goal()).isEqualTo("upgrade");
        }
    }

    @Test
    void theHolderOfAStaleLockIsReported() throws Exception {
        BufferedReader[] out = new BufferedReader[1];
        Process killed = holder(home, "upgrade", out);
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(lock.takenOverFrom())
                    .get()
                    .extracting(RunLock.Holder::pid)
                    .isEqualTo(killed.pid());
        }
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(lock.takenOverFrom()).isEmpty();
        }
    }

    @Test
    void theStateDirectoryStaysWhenItHoldsMoreThanTheLock() throws Exception {
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade")) {
            InstallRecord.empty()
                    .with(new InstallRecord.Entry("drush", "7.x-4.4", "ab", Instant.EPOCH))
                    .write(home);
        }
        try (Stream<Path> s = Files.list(home.stateDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("installed.properties");
        }
    }

    @Test
    void aBuildRefusedWhileTheHolderIsBetweenLockingAndWritingItsDetailsIsToldWhoItIs() throws Exception {
        // the record of a build killed earlier is still there: it must not be named as the holder either
        BufferedReader[] out = new BufferedReader[1];
        Process killed = holder(home, "backend-upgrade", out);
        killed.destroyForcibly();
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();

        Process window = JavaProcess.builder(
                        WindowHolderMain.class,
                        List.of(BuildLog.class),
                        home.root().toString(),
                        "700")
                .start();
        try {
            BufferedReader w =
                    new BufferedReader(new InputStreamReader(window.getInputStream(), StandardCharsets.UTF_8));
            assertThat(w.readLine()).isEqualTo("LOCKED " + window.pid());
            assertThatThrownBy(() -> RunLock.acquire(home, "backend-upgrade"))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("(pid " + window.pid() + ", goal upgrade, started ")
                    .hasMessageContaining("kill " + window.pid())
                    .hasMessageNotContaining("details unknown")
                    .hasMessageNotContaining("pid " + killed.pid());
        } finally {
            window.destroyForcibly();
            window.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDetailsAreInPlaceTheMomentTheLockIsTaken() throws Exception {
        // Taking and releasing the lock as fast as they can, three processes refuse each other many times: every
        // refusal names the holder.
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(JavaProcess.builder(
                            LockStressMain.class,
                            List.of(BuildLog.class),
                            home.root().toString(),
                            "40")
                    .redirectErrorStream(true)
                    .start());
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out).startsWith("DONE 40 ").doesNotContain("UNKNOWN");
        }
    }

    @Test
    void temporaryFilesOfAKilledBuildAreRemovedByTheNextOne() throws Exception {
        home.ensureStateDir();
        Path lockInfoTmp = Files.writeString(home.stateDir().resolve(".lock.info.tmp-3f2a9c1e"), "pid=1\n");
        Path journalTmp = Files.writeString(home.stateDir().resolve(".journal.tmp-77aa01bc"), "format=1\n");
        Path deadPending = Files.writeString(home.stateDir().resolve(".lock.info.tmp-pid999999999-0a1b2c3d"), "");
        Process waiting = new ProcessBuilder("sleep", "30").start(); // a build still trying to take the lock
        try {
            Path livePending =
                    Files.writeString(home.stateDir().resolve(".lock.info.tmp-pid" + waiting.pid() + "-4d5e6f70"), "");
            List<String> log = new ArrayList<>();
            try (RunLock lock = RunLock.acquire(home, "upgrade", BuildLog.collecting(log))) {
                assertThat(lockInfoTmp).doesNotExist();
                assertThat(journalTmp).doesNotExist();
                assertThat(deadPending).doesNotExist();
                assertThat(livePending).exists();
                assertThat(home.lockInfoFile()).content().contains("goal=upgrade");
            }
            Files.delete(livePending);
        } finally {
            waiting.destroyForcibly();
        }
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            assertThat(lock.holder().goal()).isEqualTo("upgrade");
        }
        assertThat(home.stateDir())
                .as("nothing left: the state directory goes too")
                .doesNotExist();
    }

    @Test
    void buildsInSeveralProcessesNeverHoldTheLockTogether() throws Exception {
        // Each holder deletes the lock file on release, so another may have opened the file just deleted:
        // the token check must send it round again instead of letting two builds in.
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // stderr too: when a process dies, its stack trace is the assertion's message
            processes.add(JavaProcess.builder(
                            LockStressMain.class,
                            List.of(BuildLog.class),
                            home.root().toString(),
                            "60")
                    .redirectErrorStream(true)
                    .start());
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out).doesNotContain("OVERLAP").startsWith("DONE 60 ");
        }
        assertThat(home.stateDir()).doesNotExist();
        assertThat(home.root().resolve("holder-marker")).doesNotExist();
    }
}
