package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
}
