package io.github.aegirmaven.aegir.home.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeAtRestTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private final Clock clock = Clock.fixed(Instant.parse("2011-04-01T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void home() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        home.ensureStateDir();
        InstallRecord.empty()
                .with(new InstallRecord.Entry("drush", "7.x-4.4", "ab", Instant.EPOCH))
                .write(home);
    }

    @Test
    void aHomeNobodyWorksOnIsAtRestAndAskingWritesNothing() throws Exception {
        Map<String, String> before = withTimes(home.root());

        assertThat(HomeAtRest.check(home)).isTrue();
        assertThat(SwapTransaction.needsRecovery(home)).isFalse();

        assertThat(withTimes(home.root()))
                .as("names, contents and modification times")
                .isEqualTo(before);
    }

    @Test
    void aBuildHoldingTheLockMeansNotAtRestUntilItIsDone() throws Exception {
        try (RunLock lock = RunLock.acquire(home, "backend-upgrade")) {
            assertThat(HomeAtRest.check(home)).isFalse();
        }
        assertThat(HomeAtRest.check(home)).isTrue();
    }

    @Test
    void theLockInfoOfAKilledBuildMeansNotAtRest() throws Exception {
        Fixtures.write(home.lockInfoFile(), "pid=999999999\ngoal=upgrade\n");

        assertThat(HomeAtRest.check(home)).isFalse();
    }

    @Test
    void anUnfinishedJournalNeedsRecovery() throws Exception {
        Fixtures.write(home.journalFile(), "format=1\n");

        assertThat(SwapTransaction.needsRecovery(home)).isTrue();
        assertThat(HomeAtRest.check(home)).isFalse();
    }

    @Test
    void leftoverStagingInTheHomeOrInDotDrushNeedsRecoveryAndRecoveryPutsItRight() throws Exception {
        Path staging = Files.createDirectory(home.dotDrush().resolve(".staging-provision-20110401-100000-abcdef"));
        assertThat(HomeAtRest.check(home)).isFalse();

        Files.delete(staging);
        Path inHome = Files.createDirectory(home.root().resolve(".staging-drush-20110401-100000-abcdef"));
        assertThat(HomeAtRest.check(home)).isFalse();

        SwapTransaction.recover(home, BuildLog.NONE);
        assertThat(inHome).doesNotExist();
        assertThat(HomeAtRest.check(home)).isTrue();
    }

    @Test
    void aBackupSetLeftOpenByADeadRunNeedsRecoveryButOneOfALiveRunDoesNot() throws Exception {
        BackupSet ours = BackupSets.create(home, clock);
        assertThat(HomeAtRest.check(home))
                .as("a set this (live) process is filling")
                .isTrue();

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        BackupManifest m = ours.manifest();
        m.pid(gone.pid());
        ours.writeManifest(m);
        assertThat(SwapTransaction.needsRecovery(home)).isTrue();
        assertThat(ours.manifest().state()).as("asking changed nothing").isEqualTo(BackupManifest.State.OPEN);

        SwapTransaction.recover(home, BuildLog.NONE);
        assertThat(ours.dir()).as("nothing was moved into it: removed").doesNotExist();
        assertThat(HomeAtRest.check(home)).isTrue();
    }

    /** Every entry with its modification time and, for files, its content. */
    static Map<String, String> withTimes(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                out.put(root.relativize(dir) + "/", attrs.lastModifiedTime().toString());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws java.io.IOException {
                out.put(
                        root.relativize(file).toString(),
                        attrs.lastModifiedTime() + " "
                                + Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }
}
