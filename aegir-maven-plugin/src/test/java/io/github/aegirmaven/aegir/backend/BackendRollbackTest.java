package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aegir:rollback after an upgrade that also migrated the hostmaster site: the old backend must not be put back
 * under a frontend that still runs on the new platform, unless asked. No crontab is saved in these sets, so the
 * real crontab is never touched.
 */
class BackendRollbackTest {

    @TempDir
    Path tmp;

    private final String me = System.getProperty("user.name");
    private final Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);
    private final List<String> log = new ArrayList<>();
    private AegirHome home;
    private Path oldPlatform;
    private Path newPlatform;
    private BackupSet set;

    @BeforeEach
    void upgradeAndMigrate() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        oldPlatform = home.root().resolve("hostmaster-6.x-1.0-rc2");
        newPlatform = home.root().resolve("hostmaster-6.x-1.0-rc3");
        set = Fixtures.upgradedWithMigrationNoted(home, clock);
        // the migration done, as drush leaves the site
        Fixtures.drupalRoot(newPlatform);
        Files.move(oldPlatform.resolve("sites/" + Fixtures.DOMAIN), newPlatform.resolve("sites/" + Fixtures.DOMAIN));
        Fixtures.pointAlias(home, newPlatform);
    }

    private BackendRollback rollback() {
        return new BackendRollback(home, new CurrentUser(me, false), clock, BuildLog.collecting(log));
    }

    @Test
    void theBackendAloneIsNotPutBackUnderAFrontendThatStillRunsOnTheNewPlatform() throws Exception {
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback().rollback(me, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("The newest backup set " + set.dir())
                .hasMessageContaining("migrated the hostmaster site aegir.example.com from " + oldPlatform + " to "
                        + newPlatform + ", and the site still lives there")
                .hasMessageContaining("-Daegir.backendOnly=true");
        assertThat(Fixtures.snapshot(home.root())).as("nothing changed").isEqualTo(before);

        assertThatThrownBy(() -> rollback().rollback(me, true, false, "mvn aegir:rollback"))
                .as("a dry run says the same")
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("migrated the hostmaster site");
    }

    @Test
    void withoutProvisionsBackupOfTheSiteNoProvisionCommandsAreAdvised() throws Exception {
        migratedAliases();
        // a backup of the site older than the upgrade is not the one the migration made
        Path stale = Fixtures.write(home.root().resolve("backups/" + Fixtures.DOMAIN + "-20100101.000000.tar.gz"), "x");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.parse("2010-01-01T00:00:00Z")));

        assertThatThrownBy(() -> rollback().rollback(me, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("the backup provision makes while migrating, but there is none: "
                        + home.root().resolve("backups") + " has no " + Fixtures.DOMAIN + "-*.tar.gz newer than "
                        + set.dir())
                .hasMessageContaining("Put the site back on " + oldPlatform + " from a backup of your own")
                .message()
                .doesNotContain("provision-delete")
                .doesNotContain("provision-deploy");
    }

    @Test
    void withProvisionsBackupTheAdviceNamesItAndEveryAliasEntryItDependsOn() throws Exception {
        migratedAliases();
        Path backup =
                Fixtures.write(home.root().resolve("backups/" + Fixtures.DOMAIN + "-20110407.103000.tar.gz"), "x");
        String drush = "php " + home.drushPhp();

        assertThatThrownBy(() -> rollback().rollback(me, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("`" + drush + " @hostmaster provision-delete`")
                .hasMessageContaining("set 'root' in " + home.hostmasterAlias() + " back to " + oldPlatform
                        + ", 'site_path' back to " + oldPlatform.resolve("sites/" + Fixtures.DOMAIN)
                        + " and 'platform' back to '@platform_hostmaster' (the old platform's alias, "
                        + home.dotDrush().resolve("platform_hostmaster.alias.drushrc.php") + ", whose 'root' is "
                        + oldPlatform + ")")
                .hasMessageContaining("they are now 'root' => '" + newPlatform + "'")
                .hasMessageContaining("'platform' => '@platform_hostmaster6x10rc3'")
                .hasMessageContaining("`" + drush + " @hostmaster provision-deploy " + backup + "`");
    }

    @Test
    void withoutTheOldPlatformsAliasTheAdviceSaysItIsMissing() throws Exception {
        migratedAliases();
        Files.delete(home.dotDrush().resolve("platform_hostmaster.alias.drushrc.php"));
        Fixtures.write(home.root().resolve("backups/" + Fixtures.DOMAIN + "-20110407.103000.tar.gz"), "x");

        assertThatThrownBy(() -> rollback().rollback(me, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("no platform_*.alias.drushrc.php in " + home.dotDrush() + " has 'root' => '"
                        + oldPlatform + "'")
                .message()
                .doesNotContain("provision-delete");
    }

    /** The aliases as provision leaves them after migrating the site: @hostmaster on the new platform. */
    private void migratedAliases() throws Exception {
        Fixtures.write(
                home.dotDrush().resolve("platform_hostmaster.alias.drushrc.php"),
                "<?php \n$aliases['"
                        + "platform_hostmaster'] = array (\n  'context_type' => 'platform',\n  'root' => '"
                        + oldPlatform
                        + "',\n);\n");
        Fixtures.write(
                home.dotDrush().resolve("platform_hostmaster6x10rc3.alias.drushrc.php"),
                "<?php \n$aliases['"
                        + "platform_hostmaster6x10rc3'] = array (\n  'context_type' => 'platform',\n  'root' => '"
                        + newPlatform + "',\n);\n");
        Fixtures.write(
                home.hostmasterAlias(),
                "<?php \n$aliases['hostmaster'] = array (\n  'context_type' => 'site',\n"
                        + "  'platform' => '@platform_hostmaster6x10rc3',\n  'uri' => '" + Fixtures.DOMAIN
                        + "',\n  'root' => '"
                        + newPlatform + "',\n  'site_path' => '" + newPlatform.resolve("sites/" + Fixtures.DOMAIN)
                        + "',\n);\n");
    }

    /** The migration stopped between deploy and delete: advice about the interrupted copy, not provision-delete. */
    @Test
    void anInterruptedMigrationGetsAdviceThatMatchesIt() throws Exception {
        Fixtures.write(oldPlatform.resolve("sites/" + Fixtures.DOMAIN + "/settings.php"), "<?php\n"); // both copies
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThatThrownBy(() -> rollback().rollback(me, false, "mvn aegir:rollback"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("did not finish")
                .hasMessageContaining("was interrupted")
                .hasMessageContaining("is in " + oldPlatform + " and " + newPlatform)
                .hasMessageContaining("To undo it")
                .hasMessageContaining("-Daegir.backendOnly=true")
                .hasMessageNotContaining("provision-delete");
        assertThat(Fixtures.snapshot(home.root())).as("nothing changed").isEqualTo(before);
    }

    @Test
    void backendOnlyRestoresTheBackendAndSaysWhatItLeaves() throws Exception {
        SwapTransaction.RestoreResult result = rollback().rollback(me, false, true, "mvn aegir:rollback");

        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
        assertThat(result.preRollback().dir().resolve("provision/provision.info"))
                .content()
                .contains("6.x-1.0-rc3");
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN backendOnly (-Daegir.backendOnly) is set")
                        && l.contains(Fixtures.DOMAIN + " still lives in " + newPlatform));
        assertThat(newPlatform.resolve("sites/" + Fixtures.DOMAIN + "/settings.php"))
                .exists();
    }

    @Test
    void onceTheFrontendIsBackOnTheOldPlatformTheRollbackGoesAhead() throws Exception {
        Files.move(newPlatform.resolve("sites/" + Fixtures.DOMAIN), oldPlatform.resolve("sites/" + Fixtures.DOMAIN));
        Fixtures.pointAlias(home, oldPlatform);

        SwapTransaction.RestoreResult result = rollback().rollback(me, false, "mvn aegir:rollback");

        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
        assertThat(result.restored().dir()).isEqualTo(set.dir());
        assertThat(log).as("nothing to warn about").noneMatch(l -> l.startsWith("WARN"));
    }
}
