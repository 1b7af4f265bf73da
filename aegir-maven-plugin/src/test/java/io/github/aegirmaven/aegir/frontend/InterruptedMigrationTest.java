package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HostmasterAlias;
import io.github.aegirmaven.aegir.home.Unix;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the next build does after a build was killed while drush hostmaster-migrate ran, and what a failed drush
 * run leaves: against a real home on disk and the real crontab of the aegir user (as root only; its crontab is
 * put back afterwards).
 */
class InterruptedMigrationTest {

    private static final String DOMAIN = "aegir.example.com";
    private static final String AEGIR_CRONTAB = "SHELL=/bin/bash\nPATH=/usr/bin:/bin\n"
            + "*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch \n"
            + "30 2 * * * /usr/local/bin/backup-aegir-databases\n";

    @TempDir
    Path temp;

    private UnixUser aegir;
    private Crontab crontab;
    private Optional<String> aegirCrontabBefore;
    private AegirHome home;
    private Path oldDir;
    private Path newDir;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void homeAfterTheBackendUpgrade() throws Exception {
        aegir = Unix.assumeRootAndAegir();
        crontab = new Crontab("aegir", CurrentUser.detect(), BuildLog.collecting(log));
        aegirCrontabBefore = crontab.read();
        home = AegirHome.at(Files.createDirectories(temp.resolve("aegir")));
        write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc3\"\n");
        oldDir = home.root().resolve("hostmaster-6.x-1.0-rc2");
        newDir = home.root().resolve("hostmaster-6.x-1.0-rc3");
        platform(oldDir);
        write(oldDir.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n");
        write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => '" + oldDir + "');\n");
    }

    @AfterEach
    void putTheCrontabBack() throws Exception {
        if (crontab != null) {
            crontab.restore(aegirCrontabBefore);
        }
    }

    /** What a build killed while drush ran leaves: the set with the saved crontab, and the marker. */
    private BackupSet killedWhileDrushRan(boolean ownSet, boolean newDirExisted) throws Exception {
        BackupSet set = BackupSets.create(home, Clock.systemUTC());
        set.saveCrontab(Optional.of(AEGIR_CRONTAB));
        new MigrationMarker(DOMAIN, oldDir, newDir, newDirExisted, set.dir(), ownSet, Instant.now(), 4242).write(home);
        return set;
    }

    @Test
    void killedAfterCrontabRemovalWhileMakeCopiedThePlatform() throws Exception {
        BackupSet set = killedWhileDrushRan(true, false);
        crontab.remove(); // drush had run crontab -r ...
        write(newDir.resolve("index.php"), "<?php\n"); // ... and drush make had copied part of the build

        Optional<InterruptedMigration.Result> result =
                InterruptedMigration.recover(home, crontab, BuildLog.collecting(log));

        assertThat(result)
                .get()
                .extracting(InterruptedMigration.Result::siteMoved)
                .isEqualTo(false);
        assertThat(crontab.read()).contains(AEGIR_CRONTAB);
        assertThat(newDir).doesNotExist();
        assertThat(set.dir().resolve("leftover-hostmaster-6.x-1.0-rc3/index.php"))
                .isRegularFile();
        assertThat(set.manifest().notes()).containsEntry("leftover.leftover-hostmaster-6.x-1.0-rc3", newDir.toString());
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThat(oldDir.resolve("sites/" + DOMAIN + "/settings.php")).isRegularFile();
        assertThat(MigrationMarker.file(home)).doesNotExist();
        // what the user must see: a warning that names the interrupted migration and the build that ran it
        assertThat(log).anyMatch(l -> l.startsWith("WARN A hostmaster-migrate of " + DOMAIN) && l.contains("pid 4242"));
        // and the next hostmaster-migrate finds nothing in its way
        assertThat(Files.exists(newDir)).isFalse();
    }

    @Test
    void killedAfterTheSiteMovedBeforeTheNewCrontab() throws Exception {
        BackupSet set = killedWhileDrushRan(true, false);
        crontab.remove();
        platform(newDir);
        Files.move(oldDir.resolve("sites/" + DOMAIN), newDir.resolve("sites/" + DOMAIN));
        write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => '" + newDir + "');\n");

        InterruptedMigration.Result result = InterruptedMigration.recover(home, crontab, BuildLog.collecting(log))
                .orElseThrow();

        assertThat(result.siteMoved()).isTrue();
        assertThat(crontab.read()).get().asString().contains("hosting-dispatch");
        assertThat(newDir.resolve("sites/" + DOMAIN + "/settings.php")).isRegularFile();
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.COMPLETE);
        assertThat(MigrationMarker.file(home)).doesNotExist();
        assertThat(HostmasterAlias.read(home).pointsAt(newDir))
                .as("nothing left for the user to fix by hand")
                .isTrue();
    }

    /**
     * Killed between provision-deploy and the delete of the old copy: the site in both platforms, the alias already on
     * the new one. The old platform still has the whole site, so the copy is undone: the alias saved before drush ran
     * comes back byte for byte, the copy goes into the backup set, the crontab comes back.
     */
    @Test
    void killedBetweenDeployAndDeleteIsUndoneAndTheAliasPutBack() throws Exception {
        BackupSet set = killedWhileDrushRan(true, true);
        platform(newDir); // the platform existed before drush ran
        String aliasBefore = Files.readString(home.hostmasterAlias());
        set.saveHostmasterAlias(home.hostmasterAlias());
        crontab.remove();
        write(newDir.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n// deployed copy\n");
        write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => '" + newDir + "');\n");

        InterruptedMigration.Result result = InterruptedMigration.recover(home, crontab, BuildLog.collecting(log))
                .orElseThrow();

        assertThat(result.siteMoved()).isFalse();
        assertThat(Files.readString(home.hostmasterAlias())).isEqualTo(aliasBefore);
        assertThat(newDir.resolve("sites/" + DOMAIN)).doesNotExist();
        assertThat(newDir.resolve("index.php")).as("the platform itself stays").isRegularFile();
        assertThat(set.dir().resolve("leftover-site-" + DOMAIN + "/settings.php"))
                .content()
                .contains("deployed copy");
        assertThat(oldDir.resolve("sites/" + DOMAIN + "/settings.php")).isRegularFile();
        assertThat(crontab.read()).contains(AEGIR_CRONTAB);
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThat(MigrationMarker.file(home)).doesNotExist();
        assertThat(result.actions()).anyMatch(a -> a.startsWith("moved the hostmaster alias back to " + oldDir));
        assertThat(io.github.aegirmaven.aegir.home.MigrationState.of(home, DOMAIN, newDir, List.of())
                        .kind())
                .isEqualTo(io.github.aegirmaven.aegir.home.MigrationState.Kind.NOT_STARTED);
    }

    @Test
    void undoingSaysWhatItDidByKindNotByItsWords() throws Exception {
        BackupSet set = killedWhileDrushRan(true, true);
        platform(newDir);
        set.saveHostmasterAlias(home.hostmasterAlias());
        crontab.remove();
        write(newDir.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n// deployed copy\n");
        write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => '" + newDir + "');\n");

        List<InterruptedMigration.Undone> undone = InterruptedMigration.undoUnmoved(
                home, MigrationMarker.read(home).orElseThrow(), Optional.of(set), crontab, BuildLog.collecting(log));

        assertThat(undone)
                .extracting(InterruptedMigration.Undone::kind)
                .containsExactly(
                        InterruptedMigration.Undone.Kind.CRONTAB_PUT_BACK,
                        InterruptedMigration.Undone.Kind.MOVED_ASIDE,
                        InterruptedMigration.Undone.Kind.ALIAS_MOVED_BACK);
        // what a failed drush run's message names: what moved in the home, whatever the words say
        assertThat(undone.stream().filter(InterruptedMigration.Undone::movedInTheHome))
                .extracting(InterruptedMigration.Undone::kind)
                .containsExactly(
                        InterruptedMigration.Undone.Kind.MOVED_ASIDE,
                        InterruptedMigration.Undone.Kind.ALIAS_MOVED_BACK);
        assertThat(new InterruptedMigration.Undone(InterruptedMigration.Undone.Kind.CRONTAB_PUT_BACK, "moved x")
                        .movedInTheHome())
                .as("decided by the kind, not by the text")
                .isFalse();
        assertThat(new InterruptedMigration.Undone(InterruptedMigration.Undone.Kind.MOVED_ASIDE, "put x aside")
                        .movedInTheHome())
                .isTrue();
    }

    @Test
    void anAliasOnTheNewPlatformWithoutASavedOneIsLeftToAPerson() throws Exception {
        killedWhileDrushRan(true, false);
        crontab.remove();
        platform(newDir);
        write(newDir.resolve("sites/" + DOMAIN + "/settings.php"), "<?php\n");
        write(home.hostmasterAlias(), "<?php\n$aliases['hostmaster'] = array('root' => '" + newDir + "');\n");

        assertThatThrownBy(() -> InterruptedMigration.recover(home, crontab, BuildLog.collecting(log)))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("was interrupted")
                .hasMessageContaining("points at " + newDir)
                .hasMessageContaining("No copy of the alias from before the migration is saved");
        assertThat(MigrationMarker.file(home)).isRegularFile();
        assertThat(newDir.resolve("sites/" + DOMAIN + "/settings.php")).isRegularFile();
        assertThat(crontab.read()).as("nothing changed").isEmpty();
    }

    @Test
    void aSharedSetKeepsItsStateAndAPlatformThatExistedBeforeStays() throws Exception {
        BackupSet set = killedWhileDrushRan(false, true);
        set.state(BackupManifest.State.COMPLETE); // the backend's set: restorable
        platform(newDir); // complete before drush ran: provision reused it

        assertThat(InterruptedMigration.recover(home, crontab, BuildLog.collecting(log)))
                .isPresent();

        assertThat(newDir.resolve("index.php")).isRegularFile();
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.COMPLETE);
        assertThat(crontab.read()).contains(AEGIR_CRONTAB);
    }

    @Test
    void aSiteInNeitherPlatformNeedsAPersonAndKeepsTheMarker() throws Exception {
        killedWhileDrushRan(true, false);
        Files.move(oldDir.resolve("sites/" + DOMAIN), temp.resolve("elsewhere"));

        assertThatThrownBy(() -> InterruptedMigration.recover(home, crontab, BuildLog.collecting(log)))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("in neither " + oldDir + " nor " + newDir)
                .hasMessageContaining("delete " + MigrationMarker.file(home));
        assertThat(MigrationMarker.file(home)).isRegularFile();
    }

    @Test
    void withoutAMarkerNothingHappens() throws Exception {
        write(newDir.resolve("index.php"), "<?php\n");
        log.clear();
        assertThat(InterruptedMigration.recover(home, crontab, BuildLog.collecting(log)))
                .isEmpty();
        assertThat(newDir.resolve("index.php")).isRegularFile();
    }

    /**
     * drush fails after crontab -r with a half-built platform (as drush make does when a download fails while it
     * copies): the crontab comes back, the half-built platform goes into the backup set, and nothing is in the way
     * of the next run.
     */
    @Test
    void aFailedDrushRunLeavesNothingInTheWayOfTheNext() throws Exception {
        assumeTrue(
                Files.isExecutable(Paths.get("/usr/bin/php")) || Files.isExecutable(Paths.get("/usr/local/bin/php")),
                "needs php (Debian php-cli)");
        write(
                home.drushPhp(),
                "<?php\n"
                        + "exec('crontab -r');\n"
                        + "@mkdir($argv[4], 0755);\n"
                        + "file_put_contents($argv[4] . '/index.php', \"<?php\\n\");\n"
                        + "fwrite(STDERR, \"Could not download drupal [error]\\n\");\n"
                        + "exit(1);\n");
        Unix.handTo(home.root(), aegir, temp);
        crontab.write(AEGIR_CRONTAB);

        HostmasterMigration m = new HostmasterMigration(
                home,
                new DrushRunner(BuildLog.collecting(log)),
                crontab,
                CurrentUser.detect(),
                mf -> List.of(),
                Clock.systemUTC(),
                BuildLog.collecting(log));
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser("aegir")
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
                .mavenCommand("mvn aegir:upgrade")
                .build();
        assertThatThrownBy(() -> m.migrate(r, Optional.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drush hostmaster-migrate " + DOMAIN + " " + newDir + " failed")
                .hasMessageContaining("The old platform " + oldDir + " still holds the site")
                .hasMessageContaining("It moved " + newDir + ", which that drush had started to build, to ");

        assertThat(crontab.read()).contains(AEGIR_CRONTAB);
        assertThat(newDir).doesNotExist();
        assertThat(MigrationMarker.file(home)).doesNotExist();
        BackupSet set = BackupSets.list(home).get(0);
        assertThat(set.manifest().state()).isEqualTo(BackupManifest.State.ROLLED_BACK);
        assertThat(set.dir().resolve("leftover-hostmaster-6.x-1.0-rc3/index.php"))
                .isRegularFile();
        // the next check finds the way clear
        assertThat(m.check(r).newDirState()).isEqualTo(HostmasterMigration.NewDir.ABSENT);
    }

    private static void platform(Path dir) throws IOException {
        for (String f : List.of(
                "index.php",
                "includes/bootstrap.inc",
                "includes/common.inc",
                "modules/system/system.module",
                "misc/drupal.js",
                "sites/default/default.settings.php")) {
            write(dir.resolve(f), "<?php\n");
        }
        Files.createDirectories(dir.resolve("profiles/hostmaster"));
        Files.createDirectories(dir.resolve("sites/all"));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
