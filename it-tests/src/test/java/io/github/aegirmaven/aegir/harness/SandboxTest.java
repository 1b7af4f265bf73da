package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {

    @TempDir
    Path temp;

    private Sandbox sandbox;

    @AfterEach
    void cleanUp() throws IOException {
        TestHomes.cleanUp(sandbox);
    }

    @Test
    void holdsTheOldReleasesAndTheOldHostmasterPlatform() throws IOException {
        sandbox = TestHomes.sandbox(temp, "layout");
        Path home = sandbox.home();

        assertThat(Files.readString(home.resolve("drush/drush.info")))
                .startsWith("drush_version=4.2\n")
                .contains("version = \"7.x-4.2\"");
        assertThat(TarballBuilderTest.lastVersion(Files.readString(home.resolve(".drush/provision/provision.info"))))
                .isEqualTo("6.x-1.0-rc2");
        assertThat(Files.readString(home.resolve(".drush/drush_make/drush_make.drush.inc")))
                .contains("return '2.0-dev';");
        // What drush 4 fetched once on a real server: no release contains it.
        assertThat(home.resolve("drush/includes/table.inc")).hasContent(Sandbox.TABLE_INC_TEXT);
        assertThat(Modes.of(home.resolve("drush/includes/table.inc"))).isEqualTo(0644);
        assertThat(home.resolve(".drush/drush_make/drush_make.info")).doesNotExist();

        Path platform = home.resolve(Sandbox.OLD_PLATFORM);
        assertThat(platform.resolve("index.php")).isRegularFile();
        assertThat(platform.resolve("includes/bootstrap.inc")).isRegularFile();
        assertThat(platform.resolve("profiles/hostmaster")).isDirectory();
        assertThat(platform.resolve("sites/all")).isDirectory();
        assertThat(platform.resolve("sites/default")).isDirectory();
        Path settings = platform.resolve("sites/aegir.example.com/settings.php");
        assertThat(Files.readString(settings)).contains(Sandbox.FAKE_DB_PASSWORD);
        assertThat(home.resolve(Sandbox.NEW_PLATFORM)).doesNotExist();

        assertThat(Files.readString(sandbox.alias("server_master"))).contains("'aegir_root' => '" + home + "'");
        String hostmaster = Files.readString(sandbox.alias("hostmaster"));
        assertThat(hostmaster)
                .contains("$aliases['hostmaster']", "'root' => '" + platform + "'", "'uri' => 'aegir.example.com'");
        assertThat(Files.readString(sandbox.alias("platform_hostmaster"))).contains("'root' => '" + platform + "'");

        assertThat(Modes.of(home)).isEqualTo(0755);
        assertThat(Modes.of(home.resolve("drush/drush.php"))).isEqualTo(0755);
        assertThat(Modes.of(home.resolve("drush/drush.info"))).isEqualTo(0644);
        assertThat(Modes.of(home.resolve(".drush/provision/platform"))).isEqualTo(0755);
        assertThat(Modes.of(settings)).isEqualTo(0440);
    }

    @Test
    void asRootItBelongsToTheAegirUserWithAegirsCrontab() throws IOException {
        assumeTrue(
                TestHomes.asAegir(), () -> "skipped: " + Host.whyNoAegirUser().orElse(""));
        sandbox = TestHomes.sandbox(temp, "owned");

        Snapshot snapshot = Sandbox.snapshot(sandbox.home());

        String group = Host.primaryGroup(Host.AEGIR_USER);
        assertThat(snapshot.entries().values()).allMatch(e -> e.owner().equals(Host.AEGIR_USER + ":" + group));
        assertThat(snapshot.crontabUser()).hasValue(Host.AEGIR_USER);
        assertThat(snapshot.crontab().orElseThrow())
                .contains(
                        "*/1 * * * * " + sandbox.home().toRealPath()
                                + "/drush/drush.php '@hostmaster' hosting-dispatch \n",
                        Sandbox.ADMIN_CRON_LINE);
    }

    @Test
    void asRootAHomeTheAegirUserCannotReachIsRefused() throws IOException {
        assumeTrue(
                TestHomes.asAegir(), () -> "skipped: " + Host.whyNoAegirUser().orElse(""));
        Path closed = Path.of(ItSupport.ROOT_HOMES, "unit-closed-" + System.nanoTime());
        Sandbox.createDirectoriesTraversable(closed);
        Modes.set(closed, 0700);
        try {
            assertThatThrownBy(() ->
                            Sandbox.create(closed.resolve("aegir"), TestReleases.dir(), Optional.of(Host.AEGIR_USER)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(closed + " is not world-traversable (mode 0700)");
        } finally {
            Sandbox.delete(closed);
        }
    }

    @Test
    void refusesAHomeThatIsNotEmpty() throws IOException {
        Path home = temp.resolve("busy");
        Files.createDirectories(home);
        Files.writeString(home.resolve("something"), "x");

        assertThatThrownBy(() -> Sandbox.create(home, TestReleases.dir(), Optional.empty()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not empty");
    }

    @Test
    void snapshotsOfAnUntouchedHomeAreEqual() throws IOException {
        sandbox = TestHomes.sandbox(temp, "stable");

        Snapshot a = Sandbox.snapshot(sandbox.home());
        Snapshot b = Sandbox.snapshot(sandbox.home());

        assertThat(Snapshot.diff(a, b)).isEmpty();
        assertThat(a.entries())
                .containsKeys(".", "drush/drush.php", Sandbox.OLD_PLATFORM + "/sites/aegir.example.com/settings.php");
        assertThat(a.entries().get("drush/drush.php").type()).isEqualTo("file");
        assertThat(a.entries().get("drush/drush.php").mode()).isEqualTo("0755");
    }

    @Test
    void snapshotDiffNamesEveryChange() throws IOException {
        Path root = temp.resolve("tree");
        Files.createDirectories(root.resolve("dir"));
        Files.writeString(root.resolve("dir/changed.txt"), "one");
        Files.writeString(root.resolve("dir/removed.txt"), "gone soon");
        Files.writeString(root.resolve("mode.txt"), "same");
        Modes.set(root.resolve("mode.txt"), 0644);
        Files.createSymbolicLink(root.resolve("link"), Path.of("dir/changed.txt"));
        Snapshot before = Snapshot.of(root);

        Files.writeString(root.resolve("dir/changed.txt"), "two!");
        Files.delete(root.resolve("dir/removed.txt"));
        Files.writeString(root.resolve("added.txt"), "new");
        Modes.set(root.resolve("mode.txt"), 0600);
        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("elsewhere"));
        Snapshot after = Snapshot.of(root);

        List<String> diff = Snapshot.diff(before, after);
        assertThat(diff).hasSize(5);
        assertThat(diff.get(0)).startsWith("added   added.txt (file 0");
        assertThat(diff.get(1)).startsWith("changed dir/changed.txt: ").contains("size 3 -> 4", "sha256 ");
        assertThat(diff.get(2)).startsWith("removed dir/removed.txt (file");
        assertThat(diff.get(3)).isEqualTo("changed link: link dir/changed.txt -> elsewhere");
        assertThat(diff.get(4)).isEqualTo("changed mode.txt: mode 0644 -> 0600");
    }

    @Test
    void snapshotDiffShowsCrontabLines() {
        Snapshot before =
                new Snapshot(Path.of("/x"), new java.util.TreeMap<>(), Optional.of("aegir"), Optional.of("a\nb\n"));
        Snapshot after = new Snapshot(Path.of("/x"), new java.util.TreeMap<>(), Optional.of("aegir"), Optional.of(""));

        assertThat(Snapshot.diff(before, after)).containsExactly("crontab of aegir changed:\n  - a\n  - b");
    }

    @Test
    void failAtWritesTheStandInSwitch() throws IOException {
        sandbox = TestHomes.sandbox(temp, "failat");

        sandbox.failAt("make");

        assertThat(sandbox.home().resolve(".drush/standin-fail-at")).hasContent("make");
        sandbox.clearFailAt();
        assertThat(sandbox.home().resolve(".drush/standin-fail-at")).doesNotExist();
    }

    @Test
    void sandboxMainMakesAHomeAndSaysHowToUseIt() throws IOException {
        Path target = checkoutTarget("target");
        Map<String, String> properties = SandboxMain.make(target);
        Path home = Path.of(properties.get("aegir.home"));
        try {
            assertThat(home.resolve(".drush/provision/provision.info")).isRegularFile();
            assertThat(properties.get("aegir.downloadUrl"))
                    .startsWith("file:/")
                    .endsWith("/aegir-releases/{project}-{version}.tar.gz");
            Path tarball = Path.of(java.net.URI.create(properties
                    .get("aegir.downloadUrl")
                    .replace("{project}", "provision")
                    .replace("{version}", "6.x-1.0-rc3")));
            assertThat(Files.readAllBytes(tarball))
                    .isEqualTo(Files.readAllBytes(TestReleases.tarball(ReleaseCatalog.PROVISION_NEW)));
            assertThat(Path.of(properties.get("aegir.lockFile"))).isRegularFile();
            assertThat(target.resolve("aegir-sandbox.properties")).content().contains("aegir.home=" + home);
            assertThat(home).isEqualTo(target.resolve("aegir").toAbsolutePath());
            if (Host.isRoot()) {
                assertThat(properties).containsEntry("aegir.user", SandboxMain.SANDBOX_USER);
                assertThat(Files.getOwner(home).getName()).isEqualTo(SandboxMain.SANDBOX_USER);
            }

            Map<String, String> again = SandboxMain.make(target);
            assertThat(again).isEqualTo(properties);
        } finally {
            cleanUpSandboxMain(target);
        }
    }

    @Test
    void twoCheckoutsGetTwoSandboxesNeitherOwnedByNorTouchingTheAegirUser() throws IOException {
        boolean aegir = Host.isRoot() && Host.userExists(Host.AEGIR_USER);
        String aegirCrontab = aegir ? Host.readCrontab(Host.AEGIR_USER) : null;
        Path first = checkoutTarget("checkout-one");
        Path second = checkoutTarget("checkout-two");
        try {
            Path one = Path.of(SandboxMain.make(first).get("aegir.home"));
            Path two = Path.of(SandboxMain.make(second).get("aegir.home"));

            assertThat(one).isNotEqualTo(two).startsWith(first);
            assertThat(two).startsWith(second);
            // the second sandbox left the first alone
            assertThat(one.resolve(".drush/provision/provision.info")).isRegularFile();
            assertThat(Files.readString(one.resolve(".drush/server_master.alias.drushrc.php")))
                    .contains("'aegir_root' => '" + one + "'");
            if (Host.isRoot()) {
                for (Path home : List.of(one, two)) {
                    assertThat(Files.getOwner(home).getName())
                            .isEqualTo(SandboxMain.SANDBOX_USER)
                            .isNotEqualTo(Host.AEGIR_USER);
                    assertThat(Files.readString(home.resolve(".drush/server_master.alias.drushrc.php")))
                            .contains("'script_user' => '" + SandboxMain.SANDBOX_USER + "'");
                }
                assertThat(Host.readCrontab(SandboxMain.SANDBOX_USER)).contains(two + "/drush/drush.php");
            }
            if (aegir) {
                assertThat(Host.readCrontab(Host.AEGIR_USER))
                        .as("the aegir user's crontab")
                        .isEqualTo(aegirCrontab);
            }
        } finally {
            cleanUpSandboxMain(first);
            cleanUpSandboxMain(second);
        }
    }

    @Test
    void asRootARealUserIsNeverTheSandboxOwner() throws IOException {
        assumeTrue(
                TestHomes.asAegir(), () -> "skipped: " + Host.whyNoAegirUser().orElse(""));
        String aegirCrontab = Host.readCrontab(Host.AEGIR_USER);
        Path target = checkoutTarget("real-user");
        try {
            assertThatThrownBy(() -> SandboxMain.make(target, Host.AEGIR_USER))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("The sandbox would belong to the user 'aegir', which exists and was not"
                            + " created by the sandbox")
                    .hasMessageContaining("default aegir-sandbox");
            assertThat(target.resolve("aegir")).doesNotExist();
            assertThat(Host.readCrontab(Host.AEGIR_USER)).isEqualTo(aegirCrontab);
        } finally {
            cleanUpSandboxMain(target);
        }
    }

    @Test
    void theSandboxKnowsItsOwnUserByTheMarkInItsPasswdEntry() {
        assertThat(SandboxMain.madeBySandbox(
                        "aegir-sandbox:x:996:993:" + SandboxMain.USER_COMMENT + ":/nonexistent:/usr/sbin/nologin"))
                .isTrue();
        assertThat(SandboxMain.madeBySandbox("aegir:x:999:995::/var/aegir:/bin/sh"))
                .isFalse();
        assertThat(SandboxMain.madeBySandbox("aegir-sandbox:x:996:993:someone else's:/nonexistent:/bin/sh"))
                .isFalse();
        assertThat(SandboxMain.madeBySandbox("garbage")).isFalse();
    }

    /**
     * A sandbox target directory of its own, as each checkout has: under the test's temporary directory, or as root
     * under a world-traversable directory (the sandbox user must reach it; a @TempDir is 0700).
     */
    private Path checkoutTarget(String name) throws IOException {
        if (!Host.isRoot()) {
            return temp.resolve(name).resolve("target/sandbox");
        }
        Path base = Path.of("/tmp/aegir-sandbox-unit-"
                + java.util.UUID.randomUUID().toString().substring(0, 8));
        sandboxTargets.add(base);
        return base.resolve(name).resolve("target/sandbox");
    }

    private final List<Path> sandboxTargets = new java.util.ArrayList<>();

    private void cleanUpSandboxMain(Path target) throws IOException {
        Sandbox.delete(target);
        for (Path base : sandboxTargets) {
            if (target.startsWith(base)) {
                Sandbox.delete(base);
            }
        }
        if (Host.isRoot() && Host.userExists(SandboxMain.SANDBOX_USER)) {
            Host.removeCrontab(SandboxMain.SANDBOX_USER);
        }
    }
}
