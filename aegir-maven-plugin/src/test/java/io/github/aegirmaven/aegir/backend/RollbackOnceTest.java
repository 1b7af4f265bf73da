package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollback undoes the newest upgrade once: a second one says there is nothing to roll back and changes nothing;
 * undoing a rollback, or restoring an older set, is an explicit request naming the set. No crontab is saved in these
 * sets, so the real crontab is never touched.
 */
class RollbackOnceTest {

    @TempDir
    Path tmp;

    private final String me = System.getProperty("user.name");
    private final List<String> log = new ArrayList<>();
    private AegirHome home;

    @BeforeEach
    void rc2Home() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
    }

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    /** provision replaced by {@code version}, the one before in a new pre-upgrade set, as backend-upgrade leaves it. */
    private BackupSet upgradeProvision(String version, Clock clock) throws Exception {
        Path staged = SwapTransaction.newStagingDir(home.provisionDir()).resolve("provision");
        Fixtures.write(staged.resolve("provision.info"), "version = \"" + version + "\"\nproject = \"provision\"\n");
        BackupSet set = BackupSets.create(home, clock);
        SwapTransaction.begin(home, set, BuildLog.NONE)
                .replace(home.provisionDir(), staged)
                .commit();
        return set;
    }

    private BackendRollback rollback(Clock clock) {
        return new BackendRollback(home, new CurrentUser(me, false), clock, BuildLog.collecting(log));
    }

    @Test
    void aSecondRollbackSaysThereIsNothingToRollBackAndChangesNothing() throws Exception {
        BackupSet upgrade = upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        SwapTransaction.RestoreResult first =
                rollback(at("2011-04-07T11:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
        assertThat(upgrade.manifest().state()).isEqualTo(BackupManifest.State.RESTORED);
        assertThat(upgrade.manifest().rolledBackInto())
                .contains(first.preRollback().name());
        assertThat(first.preRollback().manifest().kind()).isEqualTo("pre-rollback");
        assertThat(log)
                .anyMatch(l -> l.contains("To undo this rollback: mvn aegir:rollback -Daegir.backupSet="
                        + first.preRollback().name()));
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback(at("2011-04-07T12:00:00Z")).rollback(me, false, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Nothing to roll back: the newest upgrade, whose backup set is " + upgrade.dir()
                        + ", was already rolled back (what was live then is in "
                        + first.preRollback().dir() + ")")
                .hasMessageContaining("To undo that rollback, name its set: mvn aegir:rollback -Daegir.backupSet="
                        + first.preRollback().name());
        assertThat(Fixtures.snapshot(home.root())).as("nothing changed").isEqualTo(before);
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
    }

    @Test
    void naming_the_pre_rollback_set_undoes_the_rollback() throws Exception {
        upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        SwapTransaction.RestoreResult first =
                rollback(at("2011-04-07T11:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");

        SwapTransaction.RestoreResult undo = rollback(at("2011-04-07T12:00:00Z"))
                .rollback(me, false, false, Optional.of(first.preRollback().name()), "mvn aegir:rollback");

        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc3");
        assertThat(undo.restored()).isEqualTo(first.preRollback());
        assertThat(undo.preRollback().manifest().restoredFrom())
                .contains(first.preRollback().name());
        assertThatThrownBy(() -> rollback(at("2011-04-07T13:00:00Z"))
                        .rollback(
                                me,
                                false,
                                false,
                                Optional.of(first.preRollback().name()),
                                "mvn aegir:rollback"))
                .as("a set already restored is not restored twice")
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("backupSet (-Daegir.backupSet) names "
                        + first.preRollback().name() + ", which a rollback already restored")
                .hasMessageContaining("-Daegir.backupSet=" + undo.preRollback().name());
    }

    @Test
    void afterTwoUpgradesASecondRollbackDoesNotUndoTheOlderOneButNamesIt() throws Exception {
        BackupSet older = upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        BackupSet newer = upgradeProvision("6.x-1.0-rc4", at("2011-05-07T10:00:00Z"));
        rollback(at("2011-05-08T10:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc3");
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback(at("2011-05-09T10:00:00Z")).rollback(me, false, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("whose backup set is " + newer.dir() + ", was already rolled back")
                .hasMessageContaining("Other sets that can be restored, by naming one the same way: " + older.name()
                        + " (complete, made ");
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);

        rollback(at("2011-05-10T10:00:00Z"))
                .rollback(me, false, false, Optional.of(older.name()), "mvn aegir:rollback");
        assertThat(home.provisionInfo())
                .as("the older upgrade, undone on request")
                .content()
                .contains("6.x-1.0-rc2");
    }

    @Test
    void aNewUpgradeAfterARollbackIsRolledBackAgain() throws Exception {
        upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        rollback(at("2011-04-07T11:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");
        BackupSet again = upgradeProvision("6.x-1.0-rc3", at("2011-04-08T10:00:00Z"));

        SwapTransaction.RestoreResult r =
                rollback(at("2011-04-08T11:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");

        assertThat(r.restored()).isEqualTo(again);
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
    }

    @Test
    void aWrongSetNameIsRefusedNamingTheSetsThatCanBeRestored() throws Exception {
        BackupSet upgrade = upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback(at("2011-04-07T11:00:00Z"))
                        .rollback(me, false, false, Optional.of("pre-upgrade-1999-01-01-000000"), "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("backupSet (-Daegir.backupSet) is 'pre-upgrade-1999-01-01-000000', but "
                        + home.root() + " has no backup set of that name")
                .hasMessageContaining("Sets that can be restored: " + upgrade.name() + ".");
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }

    @Test
    void theStartOfOneSetsNameNamesIt_theStartOfSeveralIsRefused() throws Exception {
        upgradeProvision("6.x-1.0-rc3", at("2011-04-07T10:00:00Z"));
        rollback(at("2011-04-07T11:00:00Z")).rollback(me, false, false, "mvn aegir:rollback");

        SwapTransaction.RestoreResult undo = rollback(at("2011-04-07T12:00:00Z"))
                .rollback(me, false, false, Optional.of("pre-rollback-"), "mvn aegir:rollback");
        assertThat(undo.restored().name()).startsWith("pre-rollback-2011-04-07-11");
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc3");
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback(at("2011-04-07T13:00:00Z"))
                        .rollback(me, false, false, Optional.of("pre-rollback-2011"), "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("backupSet (-Daegir.backupSet) is 'pre-rollback-2011', which is the start of the"
                        + " names of 2 backup sets in " + home.root())
                .hasMessageContaining("Give the whole name of the one to restore.");
        assertThatThrownBy(() -> rollback(at("2011-04-07T13:00:00Z"))
                        .rollback(me, false, false, Optional.of("2011"), "mvn aegir:rollback"))
                .as("a start that does not name the kind is no name")
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("has no backup set of that name");
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }
}
