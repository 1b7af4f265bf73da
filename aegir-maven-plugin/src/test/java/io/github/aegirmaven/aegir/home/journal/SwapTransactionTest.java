package io.github.aegirmaven.aegir.home.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.JavaProcess;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SwapTransactionTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private Map<String, String> before;
    private final List<String> log = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);

    @BeforeEach
    void rc2() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        before = Fixtures.snapshot(home.root());
    }

    /**
     * A staging dir beside {@code live} holding the new tree as {@code <staging>/<name>/}, as the extractor
     * leaves it.
     */
    private Path stage(Path live, String file, String content) throws IOException {
        Path staging = SwapTransaction.newStagingDir(live);
        Path tree = staging.resolve(live.getFileName().toString());
        Fixtures.write(tree.resolve(file), content);
        return tree;
    }

    private List<Path> stagingDirs() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path dir : List.of(home.root(), home.dotDrush())) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.getFileName().toString().startsWith(".staging-"))
                        .forEach(out::add);
            }
        }
        return out;
    }

    @Test
    void commitReplacesLiveDirectoriesAndKeepsTheOldOnesInTheBackupSet() throws Exception {
        Path drush = stage(home.drushDir(), "drush.info", "drush_version=4.5\n");
        Path provision = stage(home.provisionDir(), "provision.info", "version = \"6.x-1.0-rc3\"\n");
        Path make = stage(
                home.drushMakeDir(), "drush_make.drush.inc", "<?php function drush_make_version() { return '2.3'; }");
        Files.move(home.drushMakeDir(), tmp.resolve("elsewhere")); // drush_make not installed yet
        BackupSet set = BackupSets.create(home, clock);

        SwapTransaction tx = SwapTransaction.begin(home, set, BuildLog.collecting(log));
        tx.replace(home.drushDir(), drush)
                .replace(home.provisionDir(), provision)
                .replace(home.drushMakeDir(), make);
        assertThat(tx.plan())
                .extracting(Journal.Step::role)
                .containsExactly(
                        Journal.Role.RETIRE,
                        Journal.Role.INSTALL,
                        Journal.Role.RETIRE,
                        Journal.Role.INSTALL,
                        Journal.Role.INSTALL);
        tx.commit();

        InstalledVersions.Installed now = InstalledVersions.read(home);
        assertThat(now.drush()).contains("4.5");
        assertThat(now.provision()).contains("6.x-1.0-rc3");
        assertThat(now.drushMake()).contains("2.3");
        assertThat(set.dir().resolve("drush/drush.info")).content().contains("drush_version=4.4");
        assertThat(set.dir().resolve("provision/provision.info")).content().contains("6.x-1.0-rc2");
        BackupManifest m = set.manifest();
        assertThat(m.state()).isEqualTo(BackupManifest.State.COMPLETE);
        assertThat(m.entries())
                .containsExactly(
                        new BackupManifest.Entry("drush", home.drushDir()),
                        new BackupManifest.Entry("provision", home.provisionDir()));
        assertThat(m.added()).containsExactly(home.drushMakeDir());
        assertThat(home.journalFile()).doesNotExist();
        assertThat(stagingDirs()).isEmpty();
        assertThat(set.isRestorable()).isTrue();
    }

    @Test
    void aFailedRenameUndoesTheStepsAlreadyDone() throws Exception {
        Path drush = stage(home.drushDir(), "drush.info", "drush_version=4.5\n");
        Path provision = stage(home.provisionDir(), "provision.info", "version = \"6.x-1.0-rc3\"\n");
        BackupSet set = BackupSets.create(home, clock);
        SwapTransaction tx = SwapTransaction.begin(home, set, BuildLog.collecting(log));
        tx.replace(home.drushDir(), drush).replace(home.provisionDir(), provision);
        // Something else takes the provision backup name after planning: step 3 must fail.
        Files.createDirectories(set.dir().resolve("provision"));

        assertThatThrownBy(tx::apply).isInstanceOf(IOException.class).hasMessageContaining("already exists");

        Files.delete(set.dir().resolve("provision"));
        Map<String, String> after = Fixtures.snapshot(home.root());
        after.keySet().removeIf(k -> k.startsWith(set.name()) || k.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        assertThat(home.journalFile()).doesNotExist();
        assertThat(stagingDirs()).isEmpty();
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThat(log).anyMatch(l -> l.startsWith("ERROR Swap step 3 of 4 failed"));
    }

    @Test
    void rollbackAfterApplyPutsTheOldTreesBack() throws Exception {
        Path drush = stage(home.drushDir(), "drush.info", "drush_version=4.5\n");
        BackupSet set = BackupSets.create(home, clock);
        SwapTransaction tx = SwapTransaction.begin(home, set, BuildLog.collecting(log));
        tx.replace(home.drushDir(), drush);
        tx.apply();
        assertThat(InstalledVersions.read(home).drush()).contains("4.5");
        assertThat(home.journalFile()).exists();
        tx.rollback();
        assertThat(InstalledVersions.read(home).drush()).contains("4.4");
        assertThat(home.journalFile()).doesNotExist();
        assertThat(stagingDirs()).isEmpty();
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThatThrownBy(tx::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stagedTreesMustBeBesideTheirTarget() throws Exception {
        Path wrong = Files.createDirectories(tmp.resolve("somewhere/drush"));
        SwapTransaction tx = SwapTransaction.begin(home, BackupSets.create(home, clock), BuildLog.NONE);
        assertThatThrownBy(() -> tx.replace(home.drushDir(), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("newStagingDir");
        assertThatThrownBy(() -> tx.replace(tmp.resolve("outside"), wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not inside the Aegir home");
    }

    @Test
    void differentFileSystemsAreRefusedBeforeAnythingMoves() throws Exception {
        Path shm = Path.of("/dev/shm");
        org.junit.jupiter.api.Assumptions.assumeTrue(
                Files.isDirectory(shm) && !Trees.sameFileSystem(shm, tmp),
                "needs /dev/shm on another file system than the temp dir");
        Path otherHomeRoot = Files.createTempDirectory(shm, "aegir-home-");
        try {
            // The home is on tmpfs but its backup set lives on the temp dir's file system (a misconfigured mount).
            AegirHome other = Fixtures.rc2Home(otherHomeRoot);
            BackupSet foreignSet = BackupSets.create(home, clock);
            Path staged = stage(other.drushDir(), "drush.info", "drush_version=4.5\n");
            SwapTransaction tx = SwapTransaction.begin(other, foreignSet, BuildLog.NONE);
            assertThatThrownBy(() -> tx.replace(other.drushDir(), staged))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("different file system")
                    .hasMessageContaining("atomic renames");
            assertThat(other.drushInfo()).content().contains("drush_version=4.4");
        } finally {
            Trees.deleteRecursively(otherHomeRoot);
        }
    }

    @Test
    void restorePutsABackupSetBackAndKeepsTheCurrentTreesInAPreRollbackSet() throws Exception {
        Path drush = stage(home.drushDir(), "drush.info", "drush_version=4.5\n");
        Path make = stage(home.drushMakeDir().resolveSibling("new_ext"), "new_ext.drush.inc", "<?php\n");
        BackupSet set = BackupSets.create(home, clock);
        set.saveCrontab(java.util.Optional.of("* * * * * old\n"));
        SwapTransaction.begin(home, set, BuildLog.NONE)
                .replace(home.drushDir(), drush)
                .replace(home.dotDrush().resolve("new_ext"), make)
                .commit();

        SwapTransaction.RestoreResult result = SwapTransaction.restore(home, set, clock, BuildLog.collecting(log));

        Map<String, String> after = Fixtures.snapshot(home.root());
        after.keySet().removeIf(k -> k.startsWith("pre-") || k.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        BackupSet pre = result.preRollback();
        assertThat(pre.name()).isEqualTo("pre-rollback-2011-04-07-102030");
        assertThat(pre.dir().resolve("drush/drush.info")).content().contains("4.5");
        assertThat(pre.dir().resolve("new_ext/new_ext.drush.inc")).exists();
        assertThat(pre.manifest().state()).isEqualTo(BackupManifest.State.COMPLETE);
        assertThat(pre.manifest().restoredFrom()).contains(set.name());
        assertThat(pre.manifest().added()).containsExactly();
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.RESTORED);
        assertThat(set.savedCrontab())
                .get()
                .extracting(BackupSet.SavedCrontab::content)
                .isEqualTo(java.util.Optional.of("* * * * * old\n"));
        assertThat(home.journalFile()).doesNotExist();
        assertThat(BackupSets.newestRestorable(home)).contains(pre);

        assertThatThrownBy(() -> SwapTransaction.restore(home, set, clock, BuildLog.NONE))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("restored")
                .hasMessageContaining(pre.name());
    }

    @Test
    void recoverWithNothingToDoSaysSo() throws Exception {
        SwapTransaction.RecoveryResult r = SwapTransaction.recover(home, BuildLog.collecting(log));
        assertThat(r.changedAnything()).isFalse();
        assertThat(r.summary()).startsWith("Nothing to recover");
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }

    @Test
    void recoverRemovesLeftoverStagingAndAbandonsOpenSets() throws Exception {
        stage(home.drushDir(), "drush.info", "x");
        stage(home.provisionDir(), "provision.info", "x");
        BackupSet open = BackupSets.create(home, clock);
        BackupSet empty = BackupSets.create(home, clock);
        BackupSet ours = BackupSets.create(home, clock);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        for (BackupSet set : List.of(open, empty)) {
            BackupManifest m = set.manifest();
            m.pid(gone.pid()); // made by a run that has died since
            set.writeManifest(m);
        }
        Files.createDirectory(open.dir().resolve("leftover-hostmaster-6.x-1.0-rc3")); // something in it
        empty.saveCrontab(Optional.of("*/1 * * * * true\n")); // only the crontab: nothing

        SwapTransaction.RecoveryResult r = SwapTransaction.recover(home, BuildLog.collecting(log));

        assertThat(r.removedStaging()).hasSize(2);
        assertThat(r.abandonedSets()).containsExactlyInAnyOrder(open, empty);
        assertThat(open.manifest().state()).isEqualTo(BackupManifest.State.ABANDONED);
        assertThat(empty.dir())
                .as("an empty set left by a killed run is removed")
                .doesNotExist();
        assertThat(ours.manifest().state()).as("this run's own set").isEqualTo(BackupManifest.State.OPEN);
        assertThat(ours.manifest().pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(stagingDirs()).isEmpty();
    }

    /** A real second JVM swaps drush and provision and is SIGKILLed at a chosen point; recovery restores rc2. */
    @ParameterizedTest
    @ValueSource(strings = {"rename:1", "rename:3", "rename:4", "applied"})
    void aBuildKilledMidSwapIsUndoneByTheNextRun(String freezeAt) throws Exception {
        Path drush = stage(home.drushDir(), "drush.info", "drush_version=4.5\n");
        Path provision = stage(home.provisionDir(), "provision.info", "version = \"6.x-1.0-rc3\"\n");
        Path marker = tmp.resolve("frozen");
        Process child = JavaProcess.builder(
                        SwapCrashMain.class,
                        List.of(BuildLog.class),
                        home.root().toString(),
                        drush.toString(),
                        provision.toString(),
                        marker.toString(),
                        freezeAt)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(marker).as("the child reached " + freezeAt).exists();
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(home.journalFile()).exists();

        SwapTransaction.RecoveryResult r = SwapTransaction.recover(home, BuildLog.collecting(log));

        assertThat(r.undidUnfinishedSwap()).isTrue();
        assertThat(r.journal().get().pid()).isEqualTo(child.pid());
        int renamesDone = freezeAt.equals("applied") ? 4 : Integer.parseInt(freezeAt.substring("rename:".length()));
        assertThat(r.actions()).hasSize(renamesDone);
        Map<String, String> after = Fixtures.snapshot(home.root());
        after.keySet().removeIf(k -> k.startsWith("pre-upgrade-") || k.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        assertThat(InstalledVersions.read(home).provision()).contains("6.x-1.0-rc2");
        assertThat(home.journalFile()).doesNotExist();
        assertThat(stagingDirs()).isEmpty();
        // everything in the killed run's backup set went back: the empty set is not left behind
        assertThat(BackupSets.list(home)).isEmpty();
        assertThat(log).anyMatch(l -> l.startsWith("WARN Found the journal of an unfinished upgrade swap"));
    }
}
