package io.github.aegirmaven.aegir.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpgradeReportTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private BackendPins pins;

    @BeforeEach
    void setUp() throws Exception {
        home = AegirHome.at(Files.createDirectories(tmp.resolve("aegir")));
        pins = BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE);
    }

    private HostmasterMigration.Request request(Optional<String> newDir, Optional<Path> makefile, boolean yes) {
        return HostmasterMigration.Request.builder()
                .aegirUser("aegir")
                .php("php")
                .domain("aegir.example.com")
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(newDir)
                .makefile(makefile)
                .assumeYes(yes)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(30))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
    }

    @Test
    void thePlanIsTheManualPageWithThisServersVersionsAndTheExactCommand() {
        Map<Component, Optional<String>> installed = new EnumMap<>(Component.class);
        installed.put(Component.DRUSH, Optional.of("4.2"));
        installed.put(Component.PROVISION, Optional.of("6.x-1.0-rc3"));
        installed.put(Component.DRUSH_MAKE, Optional.empty());
        BackendUpgrade.Plan plan = new BackendUpgrade.Plan(installed, pins);

        assertThat(UpgradeReport.plan(home, plan, request(Optional.empty(), Optional.empty(), true)))
                .containsExactly(
                        "Aegir upgrade plan for " + home.root() + " (as aegir):",
                        "  1. backend:",
                        "       drush: 4.2 -> 7.x-4.4",
                        "       provision: 6.x-1.0-rc3 (as pinned)",
                        "       drush_make: (not installed) -> 6.x-2.2",
                        "  2. frontend: drush hostmaster-migrate aegir.example.com "
                                + home.root().resolve("hostmaster-6.x-1.0-rc3") + " -y, from the old hostmaster root");
        assertThat(UpgradeReport.plan(
                        home, plan, request(Optional.of("/srv/hm"), Optional.of(Path.of("/srv/aegir.make")), false)))
                .last()
                .isEqualTo("  2. frontend: drush hostmaster-migrate aegir.example.com /srv/hm"
                        + " --makefile=/srv/aegir.make, from the old hostmaster root");
    }

    @Test
    void thePlanListsOnlyTheStepsThatWillRunAndSaysWhyTheOthersAreSkipped() {
        Map<Component, Optional<String>> upToDate = new EnumMap<>(Component.class);
        upToDate.put(Component.DRUSH, Optional.of("4.4")); // as drush 7.x-4.4 and drush_make 6.x-2.2 report them
        upToDate.put(Component.PROVISION, Optional.of("6.x-1.0-rc3"));
        upToDate.put(Component.DRUSH_MAKE, Optional.of("2.2"));
        BackendUpgrade.Plan done = new BackendUpgrade.Plan(upToDate, pins);

        assertThat(UpgradeReport.plan(home, done, request(Optional.empty(), Optional.empty(), true), false))
                .containsExactly(
                        "Aegir upgrade plan for " + home.root() + " (as aegir):",
                        "  1. backend: skipped, already installed as pinned (drush: 4.4 (as pinned),"
                                + " provision: 6.x-1.0-rc3 (as pinned), drush_make: 2.2 (as pinned))",
                        "  2. frontend: drush hostmaster-migrate aegir.example.com "
                                + home.root().resolve("hostmaster-6.x-1.0-rc3") + " -y, from the old hostmaster root");
        assertThat(UpgradeReport.plan(home, done, request(Optional.empty(), Optional.empty(), true), true))
                .last()
                .isEqualTo("  2. frontend: skipped, aegir.example.com already lives in "
                        + home.root().resolve("hostmaster-6.x-1.0-rc3"));
    }

    @Test
    void theSummarySaysWhatChangedAndWhatTheBackupSetCanDo() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);
        BackupSet set = BackupSets.create(home, clock);
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        Path now = home.root().resolve("hostmaster-6.x-1.0-rc3");
        BackendUpgrade.Outcome installed = new BackendUpgrade.Outcome(
                List.of(new Release("drush", "7.x-4.4")), Optional.of(set), LockFile.empty(), false);
        BackendUpgrade.Outcome nothing =
                new BackendUpgrade.Outcome(List.of(), Optional.empty(), LockFile.empty(), false);

        assertThat(UpgradeReport.summary(
                        pins,
                        installed,
                        new HostmasterMigration.Outcome(true, old, now, Optional.empty()),
                        "aegir.example.com",
                        false))
                .containsExactly(
                        "Aegir upgrade summary:",
                        "  backend:  installed [drush-7.x-4.4]",
                        "  frontend: aegir.example.com migrated to " + now,
                        "  backup set: " + set.dir()
                                + " (mvn aegir:rollback restores the backend once the frontend is back on " + old
                                + "; it says how)");
        assertThat(UpgradeReport.summary(
                        pins,
                        installed,
                        new HostmasterMigration.Outcome(false, old, now, Optional.empty()),
                        "aegir.example.com",
                        false))
                .endsWith(
                        "  frontend: aegir.example.com already on " + now,
                        "  backup set: " + set.dir() + " (restore with mvn aegir:rollback)");
        assertThat(UpgradeReport.summary(
                        pins,
                        nothing,
                        new HostmasterMigration.Outcome(false, old, now, Optional.empty()),
                        "aegir.example.com",
                        true))
                .containsExactly(
                        "Aegir upgrade summary:",
                        "  backend:  not run (dry run; the plan above says what it would do)",
                        "  frontend: not run (dry run)",
                        "  nothing changed (dry run)");
        assertThat(UpgradeReport.summary(
                        pins,
                        nothing,
                        new HostmasterMigration.Outcome(false, old, now, Optional.empty()),
                        "aegir.example.com",
                        false))
                .containsExactly(
                        "Aegir upgrade summary:",
                        "  backend:  already " + pins,
                        "  frontend: aegir.example.com already on " + now,
                        "  nothing changed, no backup set made");
    }

    @Test
    void theJsonFormCarriesItsSchemaVersionThePinsAndWhatEachHalfDid() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);
        BackupSet set = BackupSets.create(home, clock);
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        Path now = home.root().resolve("hostmaster-6.x-1.0-rc3");
        BackendUpgrade.Outcome installed = new BackendUpgrade.Outcome(
                List.of(new Release("drush", "7.x-4.4")), Optional.of(set), LockFile.empty(), false);

        String json = io.github.aegirmaven.aegir.core.Json.write(UpgradeReport.json(
                home,
                pins,
                installed,
                new HostmasterMigration.Outcome(true, old, now, Optional.empty()),
                "aegir.example.com",
                false));
        assertThat(json)
                .startsWith("{\"schemaVersion\":1,\"goal\":\"upgrade\",")
                .contains("\"pins\":{\"drush\":\"7.x-4.4\",\"provision\":\"6.x-1.0-rc3\",\"drush_make\":\"6.x-2.2\"}")
                .contains(
                        "\"result\":\"upgraded\"",
                        "\"installed\":[\"drush 7.x-4.4\"]",
                        "\"backupSet\":\"" + set.dir() + "\"",
                        "\"migrated\":true",
                        "\"problems\":[]");

        String failed = io.github.aegirmaven.aegir.core.Json.write(
                UpgradeReport.failedJson(home, null, true, List.of("first", "second")));
        assertThat(failed)
                .contains(
                        "\"schemaVersion\":1",
                        "\"dryRun\":true",
                        "\"result\":\"failed\"",
                        "\"pins\":{}",
                        "\"problems\":[\"first\",\"second\"]");
    }
}
