package io.github.aegirmaven.aegir.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each part of aegir:status, on homes made in a temporary directory; times in a zone that is not UTC. */
class HomeStatusTest {

    @TempDir
    Path tmp;

    private final ZoneId paris = ZoneId.of("Europe/Paris");
    private final Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), paris);
    private AegirHome home;

    @BeforeEach
    void rc2Home() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
    }

    private StatusReport status() throws Exception {
        BackendPins pins = BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE);
        InstalledVersions.Installed now = InstalledVersions.read(home);
        Map<Component, Optional<String>> installed = new LinkedHashMap<>();
        for (Component c : pins.components()) {
            installed.put(c, now.of(c));
        }
        return HomeStatus.of(
                home,
                new BackendUpgrade.Plan(installed, pins),
                new HomeStatus.Frontend(Fixtures.DOMAIN, "6.x-1.0-rc3", Optional.empty()),
                clock);
    }

    private static long deadPid() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid();
    }

    @Test
    void aMissingHomeIsAnErrorNotDrift() throws Exception {
        home = AegirHome.at(tmp.resolve("no-such-home"));

        assertThatThrownBy(this::status)
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirHome (-Daegir.home) " + tmp.resolve("no-such-home") + " does not exist")
                .hasMessageContaining("Set aegirHome to it.");
        assertThat(tmp.resolve("no-such-home")).doesNotExist();
    }

    @Test
    void versionsAreInDrupalOrgsOneForm() throws Exception {
        Files.writeString(home.drushInfo(), "drush_version=4.2\n");

        StatusReport r = status();

        assertThat(r.components())
                .extracting(StatusReport.Component::installed)
                .containsExactly(Optional.of("7.x-4.2"), Optional.of("6.x-1.0-rc2"), Optional.of("6.x-2.2"));
        assertThat(r.drift())
                .contains("drush is 7.x-4.2, pinned 7.x-4.4", "provision is 6.x-1.0-rc2, pinned 6.x-1.0-rc3");
        assertThat(HomeStatus.oneForm("4.4", Optional.of("7.x-4.4"), "7.x-5.0")).isEqualTo("7.x-4.4");
        assertThat(HomeStatus.oneForm("2.0-dev", Optional.empty(), "6.x-2.2")).isEqualTo("6.x-2.0-dev");
        assertThat(HomeStatus.oneForm("8.4.12", Optional.empty(), "8.4.12")).isEqualTo("8.4.12");
    }

    @Test
    void aBuildInProgressIsShownWithItsHolderAndLocalStartTime() throws Exception {
        try (RunLock lock = RunLock.acquire(home, "upgrade")) {
            StatusReport r = status();

            assertThat(r.buildInProgress()).isPresent();
            StatusReport.Build b = r.buildInProgress().get();
            assertThat(b.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(b.goal()).isEqualTo("upgrade");
            assertThat(r.lines())
                    .anyMatch(l -> l.startsWith("  BUILD IN PROGRESS: pid " + b.pid() + ", goal upgrade," + " started "
                            + r.local(lock.holder().started())));
            assertThat(r.toJson()).contains("\"buildInProgress\": {", "\"pid\": " + b.pid());
        }
        assertThat(status().buildInProgress()).as("once the build ends").isEmpty();
    }

    @Test
    void theLockRecordOfAKilledBuildIsALeftoverNotABuildInProgress() throws Exception {
        Fixtures.write(home.lockInfoFile(), "pid=" + deadPid() + "\ngoal=upgrade\nstarted=2011-04-07T09:00:00Z\n");

        StatusReport r = status();

        assertThat(r.buildInProgress()).isEmpty();
        assertThat(r.leftovers()).extracting(StatusReport.Leftover::kind).containsExactly("stale-lock");
        assertThat(r.leftovers().get(0).detail()).contains("was killed or crashed");
    }

    @Test
    void anInterruptedMigrationIsShown() throws Exception {
        long pid = deadPid();
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        Path now = home.root().resolve("hostmaster-6.x-1.0-rc3");
        Fixtures.write(
                home.stateDir().resolve("migration"),
                "domain=" + Fixtures.DOMAIN + "\noldDir=" + old
                        + "\nnewDir=" + now + "\nnewDirExisted=false\nbackupSet="
                        + home.root().resolve("pre-upgrade-x")
                        + "\nownSet=true\nstarted=2011-04-07T09:00:00Z\npid=" + pid + "\n");

        StatusReport r = status();

        assertThat(r.interruptedMigration()).isPresent();
        assertThat(r.lines())
                .anyMatch(l -> l.startsWith("  INTERRUPTED MIGRATION: hostmaster-migrate of "
                        + Fixtures.DOMAIN + " from " + old + " to " + now
                        + ", started 2011-04-07 11:00:00 by the build with"
                        + " pid " + pid));
        assertThat(r.toJson()).contains("\"interruptedMigration\": {", "\"startedAt\": \"2011-04-07T11:00:00+02:00\"");
    }

    @Test
    void leftoversOfFailedRunsAreListed() throws Exception {
        Path staging = Files.createDirectories(home.root().resolve(".staging-drush-20110407-102030-abcdef"));
        Path stagingDrush = Files.createDirectories(home.dotDrush().resolve(".staging-provision-20110407-1-abcdef"));
        Path halfBuilt = Fixtures.write(home.root().resolve("hostmaster-6.x-1.0-rc3/index.php"), "<?php\n")
                .getParent();
        BackupSet set = BackupSets.create(home, clock);
        Path aside = Files.createDirectories(set.dir().resolve("leftover-hostmaster-6.x-1.0-rc3"));
        // the old platform, a Drupal root serving the site, is no leftover even when it lacks parts of a new one
        Files.delete(home.root().resolve("hostmaster-6.x-1.0-rc2/misc/drupal.js"));

        StatusReport r = status();

        assertThat(r.leftovers())
                .extracting(StatusReport.Leftover::kind, StatusReport.Leftover::path)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("staging-directory", staging.toString()),
                        org.assertj.core.groups.Tuple.tuple("staging-directory", stagingDrush.toString()),
                        org.assertj.core.groups.Tuple.tuple("half-built-platform", halfBuilt.toString()),
                        org.assertj.core.groups.Tuple.tuple("half-built-platform", aside.toString()));
        assertThat(r.leftovers()).hasSize(4);
        assertThat(r.leftovers().stream()
                        .filter(l -> l.path().equals(halfBuilt.toString()))
                        .findFirst()
                        .orElseThrow()
                        .detail())
                .contains("lacks includes/bootstrap.inc");
        assertThat(r.lines())
                .contains("    staging-directory " + staging
                        + ": left by a run that failed or was killed while staging a release");
    }

    @Test
    void backupSetsAreListedWithLocalTimesAndTheirRollbackLinks() throws Exception {
        BackupSet set = Fixtures.upgradedWithMigrationNoted(home, clock);

        StatusReport r = status();

        assertThat(r.backupSets()).hasSize(1);
        StatusReport.BackupSetView v = r.backupSets().get(0);
        assertThat(v.name()).isEqualTo(set.name());
        assertThat(v.entries()).containsExactly(home.provisionDir().toString());
        assertThat(r.lines())
                .contains("    " + set.dir() + " [COMPLETE, 1 entries] pre-upgrade, made 2011-04-07"
                        + " 12:20:30, migration " + Fixtures.DOMAIN + " "
                        + home.root().resolve("hostmaster-6.x-1.0-rc2")
                        + " -> " + home.root().resolve("hostmaster-6.x-1.0-rc3"));
    }

    @Test
    void theJsonFormHasItsSchemaVersionAndEveryPart() throws Exception {
        Fixtures.upgradedWithMigrationNoted(home, clock);

        String json = status().toJson();

        assertThat(json)
                .startsWith("{\n  \"schemaVersion\": 1,\n  \"home\": \"" + home.root() + "\",")
                .contains(
                        "\"generatedAt\": \"2011-04-07T12:20:30+02:00\"",
                        "\"timeZone\": \"Europe/Paris\"",
                        "\"drift\": true",
                        "\"name\": \"drush\"",
                        "\"installed\": \"7.x-4.4\"",
                        "\"pinned\": \"6.x-1.0-rc3\"",
                        "\"status\": \"drift\"",
                        "\"hostmaster\": {",
                        "\"buildInProgress\": null",
                        "\"interruptedMigration\": null",
                        "\"leftovers\": []",
                        "\"kind\": \"pre-upgrade\"",
                        "\"state\": \"complete\"",
                        "\"createdAt\": \"2011-04-07T12:20:30+02:00\"",
                        "\"rolledBackInto\": null");
    }
}
