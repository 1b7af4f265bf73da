package io.github.aegirmaven.aegir.home.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.journal.Journal;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupSetsTest {

    @TempDir
    Path tmp;

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneId.of("Europe/Paris"));
    }

    @Test
    void namedAfterLocalTimeWithSecondsAndNeverReused() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Clock clock = at("2011-04-07T10:20:30Z");
        BackupSet first = BackupSets.create(home, clock);
        BackupSet second = BackupSets.create(home, clock);
        BackupSet third = BackupSets.create(home, clock);
        assertThat(first.name()).isEqualTo("pre-upgrade-2011-04-07-122030");
        assertThat(second.name()).isEqualTo("pre-upgrade-2011-04-07-122030-2");
        assertThat(third.name()).isEqualTo("pre-upgrade-2011-04-07-122030-3");
        assertThat(first.dir()).isDirectory().hasParent(home.root());
        BackupManifest m = first.manifest();
        assertThat(m.state()).isEqualTo(BackupManifest.State.OPEN);
        assertThat(m.kind()).isEqualTo("pre-upgrade");
        assertThat(m.created()).isEqualTo(Instant.parse("2011-04-07T10:20:30Z"));
        assertThat(m.pluginVersion()).isNotBlank();
        assertThat(first.created()).isEqualTo(Instant.parse("2011-04-07T10:20:30Z"));
    }

    @Test
    void aRunThatTakesOverAKilledRunsLockResumesItsBackupSetInsteadOfMakingASecond() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunLock.Holder killed = new RunLock.Holder(
                gone.pid(), "upgrade", Instant.parse("2011-04-07T10:20:00Z"), RunLock.hostName(), "aegir");
        BackupSet older = BackupSets.create(home, at("2011-04-07T09:00:00Z")); // an earlier upgrade's
        older.state(BackupManifest.State.COMPLETE);
        BackupSet backend = BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        BackupManifest m = backend.manifest();
        m.pid(gone.pid()); // made by the killed run, which had upgraded the backend
        m.state(BackupManifest.State.COMPLETE);
        backend.writeManifest(m);
        List<String> log = new ArrayList<>();

        assertThat(BackupSets.resume(home, Optional.of(killed), "hostmaster-migrate", BuildLog.collecting(log)))
                .as("another goal resumes nothing")
                .isEmpty();
        assertThat(BackupSets.resume(home, Optional.empty(), "upgrade", BuildLog.collecting(log)))
                .isEmpty();
        assertThat(BackupSets.resume(home, Optional.of(killed), "upgrade", BuildLog.collecting(log)))
                .contains(backend);
        assertThat(backend.manifest().pid())
                .as("a run resuming this one finds it too")
                .isEqualTo(ProcessHandle.current().pid());
        assertThat(backend.manifest().state())
                .as("still the restorable set of the old backend")
                .isEqualTo(BackupManifest.State.COMPLETE);

        assertThat(older.manifest().state())
                .as("not the killed run's: untouched")
                .isEqualTo(BackupManifest.State.COMPLETE);
    }

    @Test
    void aSetOfTheKilledRunThatRecoveryRolledBackIsNotResumed() throws Exception {
        // Recovery put the home back from it, but it still holds something (here what recovery moved aside), so it
        // was kept. Resumed, it would be open again while this run's backend upgrade makes a set of its own, and
        // nothing would ever complete or prune it: it stays rolled back, for prune to remove.
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        RunLock.Holder killed = new RunLock.Holder(
                gone.pid(), "upgrade", Instant.parse("2011-04-07T10:20:00Z"), RunLock.hostName(), "aegir");
        BackupSet rolledBack = BackupSets.create(home, at("2011-04-07T10:21:00Z"));
        Files.createDirectories(rolledBack.dir().resolve("leftover-hostmaster-6.x-1.0-rc3"));
        BackupManifest m = rolledBack.manifest();
        m.pid(gone.pid());
        m.state(BackupManifest.State.ROLLED_BACK);
        rolledBack.writeManifest(m);

        assertThat(BackupSets.leftBy(home, killed)).isEmpty();
        assertThat(BackupSets.resume(home, Optional.of(killed), "upgrade", BuildLog.NONE))
                .isEmpty();
        assertThat(rolledBack.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThat(rolledBack.manifest().pid()).isEqualTo(gone.pid());
    }

    @Test
    void listedNewestFirstOnlyMatchingNames() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        BackupSets.create(home, at("2012-01-01T00:00:00Z"));
        BackupSets.create(home, at("2011-01-01T00:00:00Z"), BackupSet.Kind.PRE_ROLLBACK);
        Files.createDirectories(home.root().resolve("pre-upgrade-2011-04-07-1220")); // Aegir's own, by hand
        Files.createDirectories(home.root().resolve("pre-upgrade-notadate"));
        assertThat(BackupSets.list(home))
                .extracting(BackupSet::name)
                .containsExactly(
                        "pre-upgrade-2012-01-01-010000",
                        "pre-upgrade-2011-04-07-122030-2",
                        "pre-upgrade-2011-04-07-122030",
                        "pre-rollback-2011-01-01-010000");
    }

    @Test
    void crontabAndNotesAreKeptInTheManifest() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        BackupSet set = BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        assertThat(set.savedCrontab()).isEmpty();
        set.saveCrontab(Optional.of("*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch \n"));
        set.note("drush.release", "7.x-4.4");
        assertThat(set.savedCrontab())
                .get()
                .extracting(BackupSet.SavedCrontab::content)
                .isEqualTo(Optional.of("*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch \n"));
        assertThat(set.manifest().notes()).containsEntry("drush.release", "7.x-4.4");
        assertThat(set.manifest().crontab()).contains("crontab");

        BackupSet none = BackupSets.create(home, at("2011-04-07T10:20:31Z"));
        none.saveCrontab(Optional.empty());
        assertThat(none.savedCrontab())
                .get()
                .extracting(BackupSet.SavedCrontab::content)
                .isEqualTo(Optional.empty());
    }

    @Test
    void pruneKeepsTheNewestCompleteSetsAndThoseAJournalNeeds() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        List<BackupSet> complete = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            BackupSet set = BackupSets.create(home, at("2011-04-0" + (i + 1) + "T10:00:00Z"));
            Fixtures.write(set.dir().resolve("drush/drush.php"), "old " + i);
            BackupManifest m = set.manifest();
            m.entries(List.of(new BackupManifest.Entry("drush", home.drushDir())), List.of());
            m.state(BackupManifest.State.COMPLETE);
            set.writeManifest(m);
            complete.add(set);
        }
        BackupSet rolledBack = BackupSets.create(home, at("2011-04-08T10:00:00Z"));
        rolledBack.state(BackupManifest.State.ROLLED_BACK);
        BackupSet open = BackupSets.create(home, at("2011-04-09T10:00:00Z"));
        Path foreign = Files.createDirectories(home.root().resolve("pre-upgrade-2010-01-01-000000"));

        // an unfinished journal that refers to the oldest set
        BackupSet needed = complete.get(0);
        new Journal("upgrade", needed.dir(), Optional.empty(), Instant.now(), 1, List.of(), List.of()).write(home);

        List<String> log = new ArrayList<>();
        List<BackupSet> removed = BackupSets.prune(
                home, BackupSets.DEFAULT_KEEP, Journal.backupSetsInUse(home), BuildLog.collecting(log));

        assertThat(removed)
                .extracting(BackupSet::name)
                .containsExactlyInAnyOrder(rolledBack.name(), complete.get(1).name());
        assertThat(BackupSets.list(home))
                .extracting(BackupSet::name)
                .containsExactly(
                        open.name(),
                        complete.get(4).name(),
                        complete.get(3).name(),
                        complete.get(2).name(),
                        needed.name(),
                        foreign.getFileName().toString());
        assertThat(complete.get(1).dir()).doesNotExist();
        assertThat(BackupSets.newestRestorable(home)).contains(complete.get(4));
        assertThatThrownBy(() -> BackupSets.prune(home, -1, Set.of(), BuildLog.NONE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSetHoldingOnlyItsManifestAndCrontabIsDiscardedAnyOtherIsKept() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        BackupSet empty = BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        empty.saveCrontab(Optional.of("*/1 * * * * php drush.php '@hostmaster' hosting-dispatch\n"));
        assertThat(empty.discardIfEmpty()).isTrue();
        assertThat(empty.dir()).doesNotExist();
        assertThat(empty.discardIfEmpty()).as("already gone").isFalse();

        BackupSet full = BackupSets.create(home, at("2011-04-07T10:20:31Z"));
        Files.createDirectories(full.dir().resolve("drush"));
        assertThat(full.discardIfEmpty()).isFalse();
        assertThat(full.dir().resolve(BackupManifest.FILE)).isRegularFile();
        assertThat(full.dir().resolve("drush")).isDirectory();
    }

    @Test
    void aSetWhoseManifestWriteWasKilledHalfWayIsStillEmpty() throws Exception {
        // A build killed while it rewrote the manifest (after every swap step was undone by the next run's recovery)
        // leaves AtomicFiles' temporary file: the set holds nothing of the home, so it is discarded, not resumed.
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        BackupSet set = BackupSets.create(home, at("2011-04-07T10:20:30Z"));
        Files.writeString(set.dir().resolve("." + BackupManifest.FILE + ".tmp-0a1b2c3d"), "state=OP");
        assertThat(set.discardIfEmpty()).isTrue();
        assertThat(set.dir()).doesNotExist();

        BackupSet other = BackupSets.create(home, at("2011-04-07T10:20:31Z"));
        Files.writeString(other.dir().resolve(".notes.tmp-backup"), "not ours");
        assertThat(other.discardIfEmpty())
                .as("only AtomicFiles' own names count as unfinished")
                .isFalse();
    }
}
