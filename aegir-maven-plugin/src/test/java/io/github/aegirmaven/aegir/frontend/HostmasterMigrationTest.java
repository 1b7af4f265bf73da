package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushInvocation;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.StdinMode;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks hostmaster-migrate makes before drush runs, against a real Aegir home on disk. (Running drush itself,
 * with a real crontab, is shown by the migrate-* integration tests.)
 */
class HostmasterMigrationTest {

    private static final String DOMAIN = "aegir.example.com";

    @TempDir
    Path temp;

    private AegirHome home;
    private Path oldDir;
    private final String me = System.getProperty("user.name");
    private final List<Path> makefilesChecked = new ArrayList<>();
    private List<String> makefileErrors = List.of();

    @BeforeEach
    void homeWithUpgradedBackend() throws Exception {
        home = AegirHome.at(Files.createDirectories(temp.resolve("aegir")));
        write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc3\"\n");
        oldDir = home.root().resolve("hostmaster-6.x-1.0-rc2");
        platform(oldDir);
        write(
                oldDir.resolve("sites/" + DOMAIN + "/settings.php"),
                "<?php\n$db_url = 'mysqli://u:secret@localhost/db';\n");
    }

    @Test
    void findsTheOldPlatformAndDefaultsTheNewOne() throws Exception {
        HostmasterMigration.Checked c = migration().check(request());
        assertThat(c.oldDir()).isEqualTo(oldDir);
        assertThat(c.newDir()).isEqualTo(home.root().resolve("hostmaster-6.x-1.0-rc3"));
        assertThat(c.newDirState()).isEqualTo(HostmasterMigration.NewDir.ABSENT);
    }

    @Test
    void theCommandIsTheManualsWithEveryArgumentSeparate() throws Exception {
        HostmasterMigration m = migration();
        HostmasterMigration.Request r = request();
        DrushInvocation inv = m.invocation(r, m.check(r));
        assertThat(inv.args())
                .containsExactly(
                        "hostmaster-migrate",
                        DOMAIN,
                        home.root().resolve("hostmaster-6.x-1.0-rc3").toString(),
                        "-y");
        assertThat(inv.workingDirectory()).isEqualTo(oldDir);
        assertThat(inv.stdin()).isEqualTo(StdinMode.ASSUME_YES);
    }

    @Test
    void refusesBeforeTheBackendIsUpgraded() throws Exception {
        write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc2\"\n");
        assertThatThrownBy(() -> migration().check(request()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("installed provision is 6.x-1.0-rc2")
                .hasMessageContaining("mvn aegir:backend-upgrade");
    }

    @Test
    void reportsEveryProblemTogether() {
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php -d x=1")
                .domain("aegir example.com; rm -rf /")
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.of("hostmaster-new"))
                .makefile(Optional.empty())
                .assumeYes(false)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
        assertThatThrownBy(() -> migration().check(r))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirDomain (-Daegir.domain)")
                .hasMessageContaining("php (-Daegir.php) is 'php -d x=1', which drush cannot run")
                .hasMessageContaining(
                        "newHostmasterDir (-Daegir.newHostmasterDir) is the relative path 'hostmaster-new'")
                .hasMessageContaining(home.root().resolve("hostmaster-new").toString())
                .hasMessageContaining("batch mode (-B)")
                .hasMessageContaining("-Daegir.yes=true");
    }

    @Test
    void aHalfBuiltNewPlatformIsRefusedOrMovedAsideWhenAsked() throws Exception {
        Path leftover = home.root().resolve("hostmaster-6.x-1.0-rc3");
        write(leftover.resolve("index.php"), "<?php\n");
        assertThatThrownBy(() -> migration().check(request()))
                .hasMessageContaining(leftover + " exists but is not a complete platform")
                .hasMessageContaining("includes/bootstrap.inc")
                .hasMessageContaining("-Daegir.moveAsideLeftover=true");

        HostmasterMigration.Request moveAside = HostmasterMigration.Request.builder()
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
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(true)
                .mavenCommand("mvn aegir:upgrade")
                .build();
        assertThat(migration().check(moveAside).newDirState()).isEqualTo(HostmasterMigration.NewDir.LEFTOVER_TO_MOVE);
    }

    @Test
    void aCompleteNewPlatformIsReused() throws Exception {
        platform(home.root().resolve("hostmaster-6.x-1.0-rc3"));
        assertThat(migration().check(request()).newDirState()).isEqualTo(HostmasterMigration.NewDir.COMPLETE);
    }

    @Test
    void aSiteAlreadyInTheNewPlatformMeansNothingToDo() throws Exception {
        Path newDir = home.root().resolve("hostmaster-6.x-1.0-rc3");
        platform(newDir);
        Files.createDirectories(newDir.resolve("sites"));
        Files.move(oldDir.resolve("sites/" + DOMAIN), newDir.resolve("sites/" + DOMAIN));
        HostmasterMigration.Outcome outcome = migration().migrate(request(), Optional.empty());
        assertThat(outcome.migrated()).isFalse();
        assertThat(outcome.newDir()).isEqualTo(newDir);
    }

    @Test
    void aMissingSiteNamesWhereItLooked() {
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain("other.example.com")
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.empty())
                .makefile(Optional.empty())
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
        assertThatThrownBy(() -> migration().check(r))
                .hasMessageContaining("sites/other.example.com/settings.php")
                .hasMessageContaining(oldDir.toString());
    }

    @Test
    void theMakeFileIsValidatedFirst() throws Exception {
        Path makefile = write(temp.resolve("custom.make"), "core = 6.x\n");
        makefileErrors = List.of(makefile + ":1: error: The 'api' attribute ... [api-version]");
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain(DOMAIN)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.empty())
                .makefile(Optional.of(makefile))
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
        assertThatThrownBy(() -> migration().check(r))
                .hasMessageContaining("does not pass makefile-validate")
                .hasMessageContaining("[api-version]");
        assertThat(makefilesChecked).containsExactly(makefile);
    }

    private HostmasterMigration.Request request() {
        return HostmasterMigration.Request.builder()
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
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
    }

    private HostmasterMigration migration() {
        CurrentUser current = new CurrentUser(me, false);
        return new HostmasterMigration(
                home,
                new DrushRunner(BuildLog.NONE, current),
                new Crontab(me, current, BuildLog.NONE),
                current,
                mf -> {
                    makefilesChecked.add(mf);
                    return makefileErrors;
                },
                Clock.systemUTC(),
                BuildLog.NONE);
    }

    /** A complete Drupal 6 platform, as Platforms recognises one. */
    private static void platform(Path dir) throws IOException {
        for (String f : List.of(
                "index.php",
                "includes/bootstrap.inc",
                "includes/common.inc",
                "modules/system/system.module",
                "misc/drupal.js")) {
            write(dir.resolve(f), "<?php\n");
        }
        Files.createDirectories(dir.resolve("profiles/hostmaster"));
        Files.createDirectories(dir.resolve("sites/all"));
        write(dir.resolve("sites/default/default.settings.php"), "<?php\n");
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
