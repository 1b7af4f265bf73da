package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only "already migrated" answers of hostmaster-migrate, which a run may give without the run lock. */
class HostmasterAlreadyMigratedTest {

    private static final String DOMAIN = Fixtures.DOMAIN;

    @TempDir
    Path tmp;

    private final String me = System.getProperty("user.name");
    private final List<String> log = new ArrayList<>();
    private final List<Path> makefilesChecked = new ArrayList<>();
    private AegirHome home;
    private HostmasterMigration migration;

    @BeforeEach
    void migratedHome() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc3\"\n");
        Path newDir = Fixtures.drupalRoot(home.hostmasterDir("6.x-1.0-rc3"));
        Files.move(home.root().resolve("hostmaster-6.x-1.0-rc2/sites/" + DOMAIN), newDir.resolve("sites/" + DOMAIN));
        Fixtures.pointAlias(home, newDir);
        CurrentUser current = new CurrentUser(me, false);
        BuildLog buildLog = BuildLog.collecting(log);
        migration = new HostmasterMigration(
                home,
                new DrushRunner(buildLog, current),
                new Crontab(me, current, buildLog),
                current,
                makefile -> {
                    makefilesChecked.add(makefile);
                    return List.of();
                },
                Clock.systemUTC(),
                buildLog);
    }

    private HostmasterMigration.Request request(Optional<String> newDir, Optional<Path> makefile) {
        return HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain(DOMAIN)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(newDir)
                .makefile(makefile)
                .assumeYes(false)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(1))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:hostmaster-migrate")
                .build();
    }

    @Test
    void aSiteInTheNewPlatformIsAlreadyMigratedAndNothingIsWritten() throws Exception {
        Map<String, String> before = Fixtures.snapshot(home.root());
        HostmasterMigration.Request r = request(Optional.empty(), Optional.empty());

        assertThat(migration.alreadyMigrated(r)).isTrue();
        Optional<HostmasterMigration.Outcome> outcome = migration.ifAlreadyMigrated(r);

        assertThat(outcome).isPresent();
        assertThat(outcome.get().migrated()).isFalse();
        assertThat(outcome.get().newDir()).isEqualTo(home.hostmasterDir("6.x-1.0-rc3"));
        assertThat(outcome.get().backupSet()).isEmpty();
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }

    @Test
    void aSiteStillInTheOldPlatformIsNotAlreadyMigrated() throws Exception {
        Path newSite = home.hostmasterDir("6.x-1.0-rc3").resolve("sites/" + DOMAIN);
        Files.move(newSite, home.root().resolve("hostmaster-6.x-1.0-rc2/sites/" + DOMAIN));
        Fixtures.pointAlias(home, home.root().resolve("hostmaster-6.x-1.0-rc2"));
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain(DOMAIN)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.empty())
                .makefile(Optional.empty())
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(1))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:hostmaster-migrate")
                .build();

        assertThat(migration.alreadyMigrated(r)).isFalse();
        assertThat(migration.ifAlreadyMigrated(r)).isEmpty();
    }

    /**
     * The site in the new platform AND still in the old one (provision-migrate stopped between deploy and delete):
     * not "already migrated" (no skip), and refused before anything changes (no second migration).
     */
    @Test
    void aSiteStillAlsoInTheOldPlatformIsNeitherSkippedNorMigratedAgain() throws Exception {
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        Fixtures.write(old.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n");
        Map<String, String> before = Fixtures.snapshot(home.root());
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain(DOMAIN)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.empty())
                .makefile(Optional.empty())
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(1))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:hostmaster-migrate")
                .build();

        assertThat(migration.alreadyMigrated(r)).isFalse();
        assertThatThrownBy(() -> migration.ifAlreadyMigrated(r))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("A migration of the hostmaster site " + DOMAIN + " to "
                        + home.hostmasterDir("6.x-1.0-rc3") + " was interrupted")
                .hasMessageContaining("To finish it instead");
        assertThatThrownBy(() -> migration.migrate(r, Optional.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("was interrupted")
                .hasMessageContaining("Nothing was changed: a second hostmaster-migrate now would deploy over a copy");
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }

    @Test
    void theNewDirectoryIsTheOneConfiguredAndARelativeOneNeverCounts() throws Exception {
        Path elsewhere = tmp.resolve("elsewhere");
        Files.createDirectories(elsewhere.resolve("sites"));
        Files.move(home.hostmasterDir("6.x-1.0-rc3").resolve("sites/" + DOMAIN), elsewhere.resolve("sites/" + DOMAIN));
        Fixtures.pointAlias(home, elsewhere);

        assertThat(migration.alreadyMigrated(request(Optional.of(elsewhere.toString()), Optional.empty())))
                .isTrue();
        assertThat(migration.alreadyMigrated(
                        request(Optional.of(tmp.resolve("none").toString()), Optional.empty())))
                .isFalse();
        assertThat(migration.alreadyMigrated(request(Optional.of("aegir/hostmaster-6.x-1.0-rc3"), Optional.empty())))
                .isFalse();
        assertThat(migration.alreadyMigrated(HostmasterMigration.Request.builder()
                        .aegirUser(me)
                        .php("php")
                        .domain("not a host")
                        .aegirVersion("6.x-1.0-rc3")
                        .oldDir(Optional.empty())
                        .newDir(Optional.empty())
                        .makefile(Optional.empty())
                        .assumeYes(true)
                        .batchMode(true)
                        .console(false)
                        .dryRun(false)
                        .timeout(Duration.ofMinutes(1))
                        .moveAsideLeftover(false)
                        .mavenCommand("mvn aegir:hostmaster-migrate")
                        .build()))
                .isFalse();
    }

    @Test
    void theAnswerMakesEveryCheckOfTheMigrationIncludingTheMakeFile() throws Exception {
        Path makefile = Fixtures.write(tmp.resolve("hostmaster.make"), "core = 6.x\napi = 2\n");
        assertThat(migration.ifAlreadyMigrated(request(Optional.empty(), Optional.of(makefile))))
                .isPresent();
        assertThat(makefilesChecked).containsExactly(makefile);

        Fixtures.write(home.provisionInfo(), "version = \"6.x-1.0-rc2\"\n");
        assertThatThrownBy(() -> migration.ifAlreadyMigrated(request(Optional.empty(), Optional.empty())))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("installed provision is 6.x-1.0-rc2");
    }
}
