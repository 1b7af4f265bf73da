package io.github.aegirmaven.aegir.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopNoticeTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);

    @Test
    void aHomeAtRestIsSaidToHaveNothingHalfDone() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        List<String> lines = StopNotice.describe(home, "mvn aegir:upgrade", 0);
        assertThat(lines).first().isEqualTo("The build was stopped before it ended.");
        assertThat(lines)
                .anyMatch(l -> l.contains("Installed now in " + home.root() + ": drush 4.4,"
                        + " provision 6.x-1.0-rc2, drush_make 2.2."));
        assertThat(lines)
                .last()
                .asString()
                .contains("Nothing was left half-done")
                .contains("`mvn aegir:upgrade` again");
    }

    @Test
    void aSwapUnderWayIsNamedWithItsJournalAndTheCommandThatPutsItRight() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        BackupSet set = BackupSets.create(home, clock);
        Path staged = SwapTransaction.newStagingDir(home.provisionDir()).resolve("provision");
        Fixtures.write(staged.resolve("provision.info"), "version = \"6.x-1.0-rc3\"\n");
        SwapTransaction swap = SwapTransaction.begin(home, set, BuildLog.NONE);
        swap.replace(home.provisionDir(), staged);
        swap.apply(); // stopped here: applied, not committed

        List<String> lines = StopNotice.describe(home, "mvn aegir:upgrade", 2);
        assertThat(lines).first().asString().contains("the 2 process(es) it had started");
        assertThat(lines)
                .anyMatch(l -> l.contains("was under way, recorded step by step in the journal in " + home.stateDir())
                        && l.contains(set.dir().toString()));
        assertThat(lines)
                .last()
                .asString()
                .contains("run `mvn aegir:upgrade` again: it first puts right")
                .contains("mvn aegir:rollback");
    }

    @Test
    void everyDescendantIsStoppedChildrenOfChildrenToo() throws Exception {
        Process sh = new ProcessBuilder("/bin/sh", "-c", "sleep 60 & sleep 60 & wait").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (sh.toHandle().descendants().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> sleeps = sh.toHandle().descendants().toList();
            assertThat(sleeps).hasSize(2);

            assertThat(StopNotice.stopChildren(sh.toHandle(), Duration.ofSeconds(3)))
                    .isEqualTo(2);
            assertThat(sleeps).noneMatch(ProcessHandle::isAlive);
        } finally {
            sh.destroyForcibly();
        }
    }
}
