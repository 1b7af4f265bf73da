package io.github.aegirmaven.aegir.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.aegirmaven.aegir.archive.UnsafeArchiveException;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformBuilderTest {

    @TempDir
    Path tmp;

    private final List<String> lines = new ArrayList<>();

    /** The platforms directory exists, as /var/aegir/platforms does: platform-build creates only the platform. */
    @BeforeEach
    void platforms() throws IOException {
        Files.createDirectories(tmp.resolve("platforms"));
    }

    private PlatformBuilder builder(boolean offline) {
        BuildLog log = BuildLog.collecting(lines);
        Downloader downloader = new Downloader(
                DownloadSettings.builder().offline(offline).retries(0).log(log).build());
        return new PlatformBuilder(tmp.resolve("cache"), downloader, Optional.empty(), log);
    }

    private LockedMakefile lock(String text) throws Exception {
        Path file = tmp.resolve("platform.lock.make");
        Files.writeString(file, text);
        return LockedMakefile.read(file);
    }

    private LockedMakefile standardLock() throws Exception {
        return lock(PlatformFixture.lockedMakefile(
                PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME)));
    }

    private List<String> platformsDir() throws IOException {
        try (Stream<Path> list = Files.list(tmp.resolve("platforms"))) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void laysOutThePlatformAsDrushMakeDoesAndRecordsItsDigestBesideIt() throws Exception {
        Path platform = tmp.resolve("platforms/drupal-6.38");

        PlatformBuilder.Outcome outcome = builder(false).build(standardLock(), platform);

        assertThat(outcome.built()).isTrue();
        assertThat(platform.resolve("index.php")).hasContent("<?php // front controller");
        assertThat(platform.resolve("sites/default/default.settings.php")).exists();
        assertThat(platform.resolve("sites/all/modules/contrib/views/views.module"))
                .exists();
        assertThat(platform.resolve("sites/all/themes/zenith/zen.info")).exists();
        assertThat(platform.resolve("profiles/hostmaster/hostmaster.profile")).exists();
        assertThat(platform.resolve("profiles/default/default.profile")).exists();
        assertThat(platform.resolve("sites/all/libraries/jquery_ui/ui/ui.core.js"))
                .exists();
        assertThat(mode(platform)).isEqualTo("rwxr-xr-x");
        assertThat(mode(platform.resolve("sites/all/modules"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(platform.resolve("sites/all/modules/contrib"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(platform.resolve("index.php"))).isEqualTo("rw-r--r--");
        assertThat(mode(platform.resolve("scripts/run-tests.sh"))).isEqualTo("rwxr-xr-x");
        // Only the platform and its record: no staging directory is left.
        assertThat(platformsDir()).containsExactly("drupal-6.38", "drupal-6.38.digest");
        String record = Files.readString(PlatformBuilder.recordFor(platform));
        assertThat(record)
                .contains("tree-sha256=" + TreeDigest.of(platform))
                .contains("lock-sha256=" + Sha256.of(tmp.resolve("platform.lock.make")));
        assertThat(outcome.digest()).isEqualTo(TreeDigest.of(platform));
    }

    @Test
    void theSameLockGivesTheSameTreeWhateverTheArchivesTimes() throws Exception {
        Path a = tmp.resolve("platforms/a");
        Path b = tmp.resolve("platforms/b");
        String text = PlatformFixture.lockedMakefile(PlatformFixture.releases(tmp.resolve("r1"), PlatformFixture.TIME));
        String first = builder(false).build(lock(text), a).digest();
        String second = builder(false).build(lock(text), b).digest();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aSecondRunWithTheSameLockDoesNothing() throws Exception {
        LockedMakefile lock = standardLock();
        Path platform = tmp.resolve("platforms/drupal-6.38");
        String digest = builder(false).build(lock, platform).digest();
        // No download is used again: the cache may even be gone.
        Files.delete(new ArchiveStore(tmp.resolve("cache"), null, BuildLog.NONE)
                .pathFor(lock.entries().get(1).download()));

        PlatformBuilder.Outcome again = builder(false).build(lock, platform);

        assertThat(again.built()).isFalse();
        assertThat(again.digest()).isEqualTo(digest);
        assertThat(again.platform()).isEqualTo(platform);
    }

    @Test
    void anExistingDirectoryNotBuiltFromTheLockIsRefused() throws Exception {
        Path platform = Files.createDirectories(tmp.resolve("platforms/drupal-6.38"));
        Files.writeString(platform.resolve("index.php"), "mine");

        assertThatThrownBy(() -> builder(false).build(standardLock(), platform))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("platformDir (-Daegir.platformDir) " + platform + " already exists")
                .hasMessageContaining("did not build it");
        assertThat(platform.resolve("index.php")).hasContent("mine");
        assertThat(platformsDir()).containsExactly("drupal-6.38");
    }

    @Test
    void aBuiltPlatformThatChangedIsRefusedButItsSitesMayChange() throws Exception {
        LockedMakefile lock = standardLock();
        Path platform = tmp.resolve("platforms/drupal-6.38");
        builder(false).build(lock, platform);
        // Aegir adds sites: not part of the platform's digest.
        Files.createDirectories(platform.resolve("sites/aegir.example.com"));
        Files.writeString(platform.resolve("sites/aegir.example.com/settings.php"), "<?php\n");
        assertThat(builder(false).build(lock, platform).built()).isFalse();

        Files.writeString(platform.resolve("sites/all/modules/contrib/views/views.module"), "<?php // hacked\n");
        assertThatThrownBy(() -> builder(false).build(lock, platform))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("its tree changed since");
    }

    @Test
    void aPlatformBuiltFromAnotherLockIsRefused() throws Exception {
        Path platform = tmp.resolve("platforms/drupal-6.38");
        builder(false).build(standardLock(), platform);
        String other = Files.readString(tmp.resolve("platform.lock.make")) + "\n; changed\n";

        assertThatThrownBy(() -> builder(false).build(lock(other), platform))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("built from another locked make file");
    }

    @Test
    void aChecksumMismatchFailsAndLeavesNothingBehind() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        String text = PlatformFixture.lockedMakefile(tarballs);
        String views = Sha256.of(tarballs.get("views"));
        String wrong = views.substring(0, 63) + (views.endsWith("0") ? "1" : "0");
        Path platform = tmp.resolve("platforms/drupal-6.38");
        Files.createDirectories(platform.getParent());

        assertThatThrownBy(() -> builder(false).build(lock(text.replace(views, wrong)), platform))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Checksum sha256 verification failed for "
                        + tarballs.get("views").toUri())
                .hasMessageContaining("expected " + wrong + ", received " + views)
                .hasMessageContaining("Nothing was built");
        assertThat(platformsDir()).isEmpty();
        try (Stream<Path> cached = Files.walk(tmp.resolve("cache"))) {
            assertThat(cached.filter(Files::isRegularFile).map(Path::toString)).noneMatch(p -> p.contains("views"));
        }
    }

    @Test
    void anMd5InTheLockIsCheckedToo() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        String text = PlatformFixture.lockedMakefile(tarballs)
                + "projects[zen][download][md5] = 0123456789abcdef0123456789abcdef\n";
        Path platform = tmp.resolve("platforms/drupal-6.38");

        assertThatThrownBy(() -> builder(false).build(lock(text), platform))
                .hasMessageContaining("Checksum md5 verification failed")
                .hasMessageContaining("expected 0123456789abcdef0123456789abcdef");
        assertThat(platformsDir()).isEmpty();
    }

    @Test
    void aHostileArchiveIsRefusedAndNothingIsLeft() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        PlatformFixture.tarball(
                tarballs.get("views"),
                PlatformFixture.TIME,
                List.of(
                        PlatformFixture.Item.dir("views"),
                        PlatformFixture.Item.link("views/escape", "../../../../../../../../tmp"),
                        PlatformFixture.Item.file("views/escape/platform-hostile.txt", "x")));
        Path platform = tmp.resolve("platforms/drupal-6.38");

        assertThatThrownBy(() -> builder(false).build(lock(PlatformFixture.lockedMakefile(tarballs)), platform))
                .isInstanceOf(UnsafeArchiveException.class);
        assertThat(platformsDir()).isEmpty();
        assertThat(Path.of("/tmp/platform-hostile.txt")).doesNotExist();
    }

    @Test
    void twoProjectsInOnePlaceAreRefused() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        String text = PlatformFixture.lockedMakefile(tarballs)
                        .replace("directory_name] = zenith", "subdir] = contrib")
                        .replace("projects[zen][type] = theme", "projects[zen][type] = module")
                + "projects[views][directory_name] = zen\n";
        Path platform = tmp.resolve("platforms/drupal-6.38");

        assertThatThrownBy(() -> builder(false).build(lock(text), platform))
                .hasMessageContaining("goes to sites/all/modules/contrib/zen")
                .hasMessageContaining("already fills");
        assertThat(platformsDir()).isEmpty();
    }

    @Test
    void offlineItBuildsFromTheCacheAfterTheFirstRun() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/files/", exchange -> {
            requests.incrementAndGet();
            Path file = tmp.resolve("releases")
                    .resolve(Path.of(exchange.getRequestURI().getPath()).getFileName());
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";
        String text = PlatformFixture.lockedMakefile(tarballs);
        for (Path tarball : tarballs.values()) {
            text = text.replace(tarball.toUri().toString(), base + tarball.getFileName());
        }
        try {
            String finalText = text;
            assertThatThrownBy(() -> builder(true).build(lock(finalText), tmp.resolve("platforms/offline")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("Maven is offline (-o)");
            builder(false).build(lock(text), tmp.resolve("platforms/first"));
            assertThat(requests.get()).isEqualTo(5);
        } finally {
            server.stop(0);
        }

        PlatformBuilder.Outcome offline = builder(true).build(lock(text), tmp.resolve("platforms/second"));

        assertThat(offline.built()).isTrue();
        assertThat(offline.digest()).isEqualTo(TreeDigest.of(tmp.resolve("platforms/first")));
        assertThat(requests.get()).isEqualTo(5);
    }

    @Test
    void aTamperedCacheIsDetectedAndItsCopyDeleted() throws Exception {
        LockedMakefile lock = standardLock();
        builder(false).build(lock, tmp.resolve("platforms/first"));
        Path cached = new ArchiveStore(tmp.resolve("cache"), null, BuildLog.NONE)
                .pathFor(lock.entries().get(0).download());
        Files.writeString(cached, "tampered");

        assertThatThrownBy(() -> builder(true).build(lock, tmp.resolve("platforms/second")))
                .hasMessageContaining("cached as " + cached)
                .hasMessageContaining("the cached copy was deleted");
        assertThat(cached).doesNotExist();
        assertThat(tmp.resolve("platforms/second")).doesNotExist();
    }

    @Test
    void patchesAreAppliedAndListedInPatchesTxt() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        Path patch = Files.writeString(
                tmp.resolve("releases/views-fix.patch"),
                "--- a/views.info\n+++ b/views.info\n@@ -1 +1,2 @@\n name = Views\n+description = patched\n");
        String text = PlatformFixture.lockedMakefile(tarballs)
                + "projects[views][patch][0][url] = " + patch.toUri() + "\n"
                + "projects[views][patch][0][sha256] = " + Sha256.of(patch) + "\n";
        Path platform = tmp.resolve("platforms/drupal-6.38");

        builder(false).build(lock(text), platform);

        Path views = platform.resolve("sites/all/modules/contrib/views");
        assertThat(views.resolve("views.info")).hasContent("name = Views\ndescription = patched");
        assertThat(mode(views.resolve("views.info"))).isEqualTo("rw-r--r--");
        assertThat(views.resolve("PATCHES.txt"))
                .content()
                .startsWith("The following patches have been applied to this project:\n- " + patch.toUri() + "\n");
    }

    @Test
    void aPatchThatDoesNotApplyFailsAndLeavesNothing() throws Exception {
        Map<String, Path> tarballs = PlatformFixture.releases(tmp.resolve("releases"), PlatformFixture.TIME);
        Path patch = Files.writeString(
                tmp.resolve("releases/bad.patch"),
                "--- a/views.info\n+++ b/views.info\n@@ -1 +1 @@\n-name = Other\n+name = Patched\n");
        String text = PlatformFixture.lockedMakefile(tarballs)
                + "projects[views][patch][0][url] = " + patch.toUri() + "\n"
                + "projects[views][patch][0][sha256] = " + Sha256.of(patch) + "\n";

        assertThatThrownBy(() -> builder(false).build(lock(text), tmp.resolve("platforms/p")))
                .hasMessageContaining("does not apply to project views with patch -p1 or -p0");
        assertThat(platformsDir()).isEmpty();
    }

    @Test
    void aStagingDirectoryLeftByAKilledBuildIsRemoved() throws Exception {
        Path left = Files.createDirectories(tmp.resolve("platforms/.platform-build-drupal-6.38-0badc0de/platform"));
        Files.writeString(left.resolve("index.php"), "half");

        builder(false).build(standardLock(), tmp.resolve("platforms/drupal-6.38"));

        assertThat(platformsDir())
                .as("the staging directory is gone")
                .containsExactly("drupal-6.38", "drupal-6.38.digest");
    }

    @Test
    void aMissingParentDirectoryIsRefusedBeforeAnythingIsDownloadedOrWritten() throws Exception {
        LockedMakefile lock = standardLock();
        Path platform = tmp.resolve("nosuchdir/y/pe");

        assertThatThrownBy(() -> builder(false).build(lock, platform))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("platformDir (-Daegir.platformDir) " + platform + " cannot be built: its"
                        + " parent " + platform.getParent() + " does not exist.")
                .hasMessageContaining("Fix the path, or create the parent first (e.g. /var/aegir/platforms");
        assertThat(tmp.resolve("nosuchdir")).as("no stray tree").doesNotExist();
        assertThat(tmp.resolve("cache")).as("nothing downloaded").doesNotExist();
    }

    @Test
    void aParentThatIsAFileIsRefused() throws Exception {
        LockedMakefile lock = standardLock();
        Path file = Files.writeString(tmp.resolve("platforms/file"), "x");
        assertThatThrownBy(() -> builder(false).build(lock, file.resolve("p")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("its parent " + file + " is not a directory");
    }

    @Test
    void aMissingPlatformDirIsRefusedNamingIt() throws Exception {
        Path lockFile = tmp.resolve("platform.lock.make");
        Files.writeString(
                lockFile,
                PlatformFixture.lockedMakefile(PlatformFixture.releases(tmp.resolve("r"), PlatformFixture.TIME)));
        assertThatThrownBy(() -> builder(false).build(lockFile, null))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("platformDir (-Daegir.platformDir) is not set")
                .hasMessageContaining("-Daegir.platformDir=/var/aegir/platforms/drupal-6.38");
        assertThat(platformsDir()).isEmpty();
    }

    @Test
    void platformDirIsCheckedBeforeTheLockedMakefileIsRead() {
        assertThatThrownBy(() -> builder(false).build(tmp.resolve("no.lock.make"), null))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("platformDir (-Daegir.platformDir) is not set");
    }

    @Test
    void buildsFromTheLockedMakefilesPath() throws Exception {
        Path lockFile = tmp.resolve("platform.lock.make");
        Files.writeString(
                lockFile,
                PlatformFixture.lockedMakefile(PlatformFixture.releases(tmp.resolve("r"), PlatformFixture.TIME)));
        PlatformBuilder.Outcome outcome = builder(false).build(lockFile, tmp.resolve("platforms/x/../d6"));
        assertThat(outcome.built()).isTrue();
        assertThat(outcome.platform()).isEqualTo(tmp.resolve("platforms/d6"));
        assertThat(platformsDir()).containsExactly("d6", "d6.digest");
    }

    @Test
    void aRelativePlatformDirIsRefused() throws Exception {
        LockedMakefile lock = standardLock();
        assertThatThrownBy(() -> builder(false).build(lock, Path.of("platforms/x")))
                .hasMessageContaining("platformDir (-Daegir.platformDir) must be an absolute path");
    }
}
