package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checks hostmaster-migrate makes before drush runs; nothing here runs drush or touches a crontab. */
class HostmasterMigrationMessagesTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private HostmasterMigration migration;
    // the user running the tests, standing for the aegir user (never root: as root, it pretends not to be)
    private final CurrentUser me = new CurrentUser(System.getProperty("user.name"), false);

    @BeforeEach
    void homeWithTheBackendUpgraded() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc3\"\n");
        migration = new HostmasterMigration(
                home,
                new DrushRunner(BuildLog.NONE, me),
                new Crontab(me.name(), me, BuildLog.NONE),
                me,
                makefile -> List.of(),
                Clock.systemUTC(),
                BuildLog.NONE);
    }

    private HostmasterMigration.Request request(Optional<Path> oldDir, Optional<String> newDir) {
        return HostmasterMigration.Request.builder()
                .aegirUser(me.name())
                .php("php")
                .domain(Fixtures.DOMAIN)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(oldDir)
                .newDir(newDir)
                .makefile(Optional.empty())
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:hostmaster-migrate")
                .build();
    }

    @Test
    void theDefaultsFindTheOldPlatformAndPutTheNewOneInTheHome() throws Exception {
        HostmasterMigration.Checked c = migration.check(request(Optional.empty(), Optional.empty()));
        assertThat(c.oldDir()).isEqualTo(home.root().resolve("hostmaster-6.x-1.0-rc2"));
        assertThat(c.newDir()).isEqualTo(home.root().resolve("hostmaster-6.x-1.0-rc3"));
        assertThat(c.newDirState()).isEqualTo(HostmasterMigration.NewDir.ABSENT);
    }

    @Test
    void aRelativeNewDirectoryIsRefusedWithWhereDrushWouldPutItAndWhatWasMeant() {
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        assertThatThrownBy(() -> migration.check(request(Optional.empty(), Optional.of("hostmaster-6.x-1.0-rc3"))))
                .isInstanceOf(UserFixableException.class)
                .hasMessage(
                        "newHostmasterDir (-Daegir.newHostmasterDir) is the relative path 'hostmaster-6.x-1.0-rc3'; it"
                                + " must be absolute. drush would resolve it from the old hostmaster root ("
                                + old.resolve("hostmaster-6.x-1.0-rc3")
                                + "), building the new platform inside the old one. Did"
                                + " you mean " + home.root().resolve("hostmaster-6.x-1.0-rc3")
                                + "? Set it to an absolute path, or"
                                + " leave it unset for the default, "
                                + home.root().resolve("hostmaster-6.x-1.0-rc3") + ".")
                .hasMessageNotContaining(Path.of("").toAbsolutePath() + "/hostmaster");
    }

    @Test
    void aRelativeNewDirectoryWithDotsIsShownNormalised() {
        assertThatThrownBy(() -> migration.check(request(
                        Optional.of(home.root().resolve("hostmaster-6.x-1.0-rc2")), Optional.of("../hostmaster-new"))))
                .hasMessageContaining("drush would resolve it from the old hostmaster root ("
                        + home.root().resolve("hostmaster-new") + ")")
                .hasMessageContaining("Did you mean " + tmp.resolve("hostmaster-new") + "?");
    }

    @Test
    void aFailedDrushRunIsReportedOnceWithWhatWasPutRight() {
        Path old = home.root().resolve("hostmaster-6.x-1.0-rc2");
        Path now = home.root().resolve("hostmaster-6.x-1.0-rc3");
        HostmasterMigration.Checked checked =
                new HostmasterMigration.Checked(old, now, HostmasterMigration.NewDir.ABSENT, List.of());
        DrushResult failed = new DrushResult(
                1,
                false,
                List.of("hostmaster-pause failed [error]"),
                Duration.ofMinutes(5),
                "(cd " + old + " && php drush.php --php=php hostmaster-migrate aegir.example.com " + now + " -y)");
        Path set = home.root().resolve("pre-upgrade-2011-04-07-122030");

        String message =
                FailedMigration.message(failed, request(Optional.empty(), Optional.empty()), checked, set, true);
        assertThat(message)
                .startsWith("drush hostmaster-migrate aegir.example.com " + now
                        + " failed: drush reported an error (exit" + " code 1; its [error] lines are below).")
                .contains("hostmaster-pause failed [error]")
                .contains("The crontab of " + me.name() + " was put back from " + set + ".")
                .contains("The old platform " + old + " still holds the site.")
                .endsWith("Fix the cause shown above and run again.")
                .doesNotContain("failed failed");
        assertThat(FailedMigration.message(failed, request(Optional.empty(), Optional.empty()), checked, set, false))
                .contains("WARNING: the old platform " + old + " no longer holds sites/aegir.example.com/settings.php;"
                        + " check " + now + " before running again.");
    }

    @Test
    void theUsersOwnCronLinesDroppedByHostingSetupAreFoundWithTheirComments() {
        String before = String.join(
                "\n",
                "SHELL=/bin/bash",
                "PATH=/usr/local/bin:/usr/bin:/bin",
                "MAILTO=ops@example.com",
                // as Aegir 7.x-3.x writes it, or an administrator by hand after the manual
                "* * * * * /usr/bin/env php /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch",
                "",
                "# nightly database dumps",
                "30 2 * * * /usr/local/bin/backup-aegir-databases > /dev/null 2>&1",
                "# a comment above a blank line goes with nothing",
                "",
                "15 3 * * 0 /usr/local/bin/still-there",
                "");
        String after = String.join(
                "\n",
                "SHELL=/bin/bash",
                "PATH=/opt/php74/bin:/usr/local/bin:/usr/bin:/bin",
                // exactly as hosting-setup of 6.x-1.x writes it: drush.php's real path, bare, a trailing space
                "*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch ",
                "15 3 * * 0 /usr/local/bin/still-there",
                "");
        assertThat(MigrationVerification.ownLinesDropped(before, after))
                .containsExactly(
                        "MAILTO=ops@example.com",
                        "# nightly database dumps",
                        "30 2 * * * /usr/local/bin/backup-aegir-databases > /dev/null 2>&1");
        assertThat(MigrationVerification.ownLinesDropped(before, before)).isEmpty();
        assertThat(MigrationVerification.ownLinesDropped("", after)).isEmpty();
    }
}
