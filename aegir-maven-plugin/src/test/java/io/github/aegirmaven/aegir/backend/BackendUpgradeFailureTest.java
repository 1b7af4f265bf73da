package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.archive.UnsafeArchiveException;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.DrushResult;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendUpgradeFailureTest {

    @TempDir
    Path tmp;

    /** A release tarball: one top directory, the files given (name relative to the archive root, content). */
    private static void tarball(Path file, String top, Map<String, String> files) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry dir = new TarArchiveEntry(top + "/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey(), true);
                entry.setMode(0100644);
                entry.setSize(content.length);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
    }

    private static List<String> names(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }

    /**
     * backend-upgrade of the fixture home to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2 from a
     * directory.
     */
    private BackendUpgrade.Outcome upgradeFrom(Path releases, AegirHome home) throws Exception {
        return upgradeFrom(releases, home, "php");
    }

    private BackendUpgrade.Outcome upgradeFrom(Path releases, AegirHome home, String php) throws Exception {
        BuildLog buildLog = BuildLog.NONE;
        ReleaseResolver resolver = new ReleaseResolver(
                UrlTemplate.parse(releases.toUri() + "{project}-{version}.tar.gz"),
                new ReleaseCache(tmp.resolve("cache")),
                new Downloader(DownloadSettings.builder().log(buildLog).build()));
        // the user running the tests, standing for the aegir user (never root: as root, it pretends not to be)
        CurrentUser me = new CurrentUser(System.getProperty("user.name"), false);
        BackendUpgrade upgrade = new BackendUpgrade(
                home, resolver, new SafeExtractor(), new DrushRunner(buildLog, me), me, Clock.systemUTC(), buildLog);
        BackendPins pins = BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", buildLog);
        BackendUpgrade.Options options = new BackendUpgrade.Options(
                me.name(), php, Duration.ofMinutes(1), false, false, 3, "mvn aegir:backend-upgrade");
        return upgrade.upgrade(pins, LockFile.empty(), options, Optional.empty());
    }

    @Test
    void aHostileArchiveIsRefusedBeforeAnythingMovesAndLeavesNoBackupSetOrStagingBehind() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Path releases = Files.createDirectories(tmp.resolve("releases"));
        tarball(
                releases.resolve("drush-7.x-4.4.tar.gz"),
                "drush",
                Map.of("drush/drush.info", "drush_version=4.4\n", "drush/drush.php", "<?php\n"));
        tarball(
                releases.resolve("provision-6.x-1.0-rc3.tar.gz"),
                "provision",
                Map.of(
                        "provision/provision.info", "version = \"6.x-1.0-rc3\"\n",
                        "provision/../../escaped.txt", "out of the tree\n"));
        // The fixture home has drush 4.4 and drush_make 2.2; make drush old too, so that drush is staged
        // before provision is refused.
        Fixtures.write(home.drushInfo(), "drush_version=4.2\n");
        List<String> before = names(home.root());
        List<String> dotDrushBefore = names(home.dotDrush());

        assertThatThrownBy(() -> upgradeFrom(releases, home))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("provision-6.x-1.0-rc3.tar.gz")
                .hasMessageContaining("provision/../../escaped.txt");

        // drush was staged before provision was refused: its staging went, and so did the backup set made for
        // the swap that never happened.
        assertThat(names(home.root())).containsExactlyInAnyOrderElementsOf(before);
        assertThat(names(home.dotDrush())).containsExactlyInAnyOrderElementsOf(dotDrushBefore);
        assertThat(Files.readString(home.drushInfo())).isEqualTo("drush_version=4.2\n");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void aPhpDrushCannotRunIsRefusedBeforeAnythingIsDownloadedOrMoved() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.drushInfo(), "drush_version=4.2\n");
        Path releases = Files.createDirectories(tmp.resolve("releases")); // would fail later: nothing to download
        List<String> before = names(home.root());

        assertThatThrownBy(() -> upgradeFrom(releases, home, "/usr/bin/php; id"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("php (-Daegir.php) is '/usr/bin/php; id', which drush cannot run")
                .hasMessageNotContaining("drush-7.x-4.4.tar.gz");
        assertThat(names(home.root())).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void everyReleaseThatCannotBeResolvedIsReportedTogetherBeforeAnythingMoves() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.drushInfo(), "drush_version=4.2\n");
        Path releases = Files.createDirectories(tmp.resolve("releases")); // holds neither drush nor provision
        List<String> before = names(home.root());

        assertThatThrownBy(() -> upgradeFrom(releases, home))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("2 problems must be fixed before anything is changed:")
                .hasMessageContaining("1. ")
                .hasMessageContaining("drush-7.x-4.4.tar.gz")
                .hasMessageContaining("2. ")
                .hasMessageContaining("provision-6.x-1.0-rc3.tar.gz");
        assertThat(names(home.root())).containsExactlyInAnyOrderElementsOf(before);
        assertThat(Files.readString(home.drushInfo())).isEqualTo("drush_version=4.2\n");
    }

    @Test
    void aServerThatRefusesTheConnectionFailsOnceNamingItNotOncePerRelease() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.drushInfo(), "drush_version=4.2\n"); // drush and provision to download
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // closed again: nothing listens there
        }
        List<String> log = new ArrayList<>();
        BuildLog buildLog = BuildLog.collecting(log);
        ReleaseResolver resolver = new ReleaseResolver(
                UrlTemplate.parse("http://127.0.0.1:" + port + "/files/projects/{project}-{version}.tar.gz"),
                new ReleaseCache(tmp.resolve("cache")),
                new Downloader(DownloadSettings.builder()
                        .log(buildLog)
                        .retryDelay(Duration.ofMillis(300))
                        .build()));
        CurrentUser me = CurrentUser.detect();
        BackendUpgrade upgrade = new BackendUpgrade(
                home, resolver, new SafeExtractor(), new DrushRunner(buildLog), me, Clock.systemUTC(), buildLog);
        BackendUpgrade.Options options = new BackendUpgrade.Options(
                me.name(), "php", Duration.ofMinutes(1), false, false, 3, "mvn aegir:backend-upgrade");
        List<String> before = names(home.root());

        long started = System.nanoTime();
        // resolve(): the releases alone (the user and home checks, which refuse root as the aegir user, come first in
        // upgrade()); the same one problem reaches upgrade()'s message and the dry run's list
        BackendUpgrade.Resolved resolved = upgrade.resolve(
                BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", buildLog), LockFile.empty(), options);
        List<String> problems = resolved.problems();
        assertThat(problems)
                .as("one problem for the server, not one per release")
                .hasSize(1);
        assertThat(problems.get(0))
                .startsWith("Cannot connect to 127.0.0.1:" + port + " (connection refused)")
                .contains("the other releases were not tried")
                .contains("downloadUrl (-Daegir.downloadUrl)")
                .doesNotContain("provision-6.x-1.0-rc3");
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("no retries")
                .isLessThan(Duration.ofMillis(1500));
        assertThat(resolved.archives()).isEmpty();
        assertThat(resolved.lockChanged()).isFalse();
        ReleaseCache cache = new ReleaseCache(tmp.resolve("cache"));
        assertThat(cache.pathFor(new Release("drush", "7.x-4.4")).getParent())
                .as("drush was tried")
                .isDirectory();
        assertThat(cache.pathFor(new Release("provision", "6.x-1.0-rc3")).getParent())
                .as("the other releases were not tried")
                .doesNotExist();
        assertThat(names(home.root())).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void theVersionCheckSaysWhatFailedWhatWasExpectedAndWhatToDo() {
        Release drush = new Release("drush", "7.x-4.4");
        Path dir = Path.of("/var/aegir/drush");
        String command = "(cd /var/aegir && php /var/aegir/drush/drush.php --php=php --version)";

        assertThat(BackendUpgrade.versionCheckProblem(
                        new DrushResult(0, false, List.of("drush version 4.4"), Duration.ofMinutes(1), command),
                        drush,
                        "4.4",
                        dir))
                .isEmpty();

        assertThat(BackendUpgrade.versionCheckProblem(
                        new DrushResult(
                                255,
                                false,
                                List.of("PHP Fatal error:  Uncaught Error: Call to undefined function f()"),
                                Duration.ofMinutes(1),
                                command),
                        drush,
                        "4.4",
                        dir))
                .get()
                .asString()
                .startsWith("Checking the new drush (drush 7.x-4.4 in /var/aegir/drush) with drush --version failed:"
                        + " PHP stopped with a fatal error (exit code 255; the PHP error is below).")
                .contains("Command: " + command, "Call to undefined function f()")
                .contains("The old backend was put back; nothing else was changed.")
                .contains("php or -Daegir.php", "drushVersion, -Daegir.drushVersion")
                .doesNotContain("failed: ok");

        assertThat(BackendUpgrade.versionCheckProblem(
                        new DrushResult(0, false, List.of(), Duration.ofMinutes(1), command), drush, "4.4", dir))
                .get()
                .asString()
                .startsWith("The new drush (drush 7.x-4.4 in /var/aegir/drush) ran, but drush --version did not print"
                        + " \"drush version 4.4\" (version 4.4, which its drush.info declares); it printed nothing.")
                .contains("Command: " + command, "The old backend was put back", "downloadUrl (-Daegir.downloadUrl)")
                .doesNotContain("failed: ok");
        assertThat(BackendUpgrade.versionCheckProblem(
                        new DrushResult(0, false, List.of("drush version 5.1"), Duration.ofMinutes(1), command),
                        drush,
                        "4.4",
                        dir))
                .get()
                .asString()
                .contains("it printed \"drush version 5.1\"");
        for (String loose : List.of(
                "drush version 4.45",
                "drush version 4.4.0",
                "drush version 7.x-4.4",
                "Drush Version   :  4.4",
                "mydrush version 4.4")) {
            assertThat(BackendUpgrade.versionCheckProblem(
                            new DrushResult(0, false, List.of(loose), Duration.ofMinutes(1), command),
                            drush,
                            "4.4",
                            dir))
                    .as(loose)
                    .isPresent();
        }
    }
}
