package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseResolverTest {

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final Release drush = new Release("drush", "7.x-4.4");
    private final byte[] archive = bytes(150_000, 7);
    private final String archiveSha = Sha256.of(archive);
    private LoopbackServer server;
    private ReleaseCache cache;
    private Path lockPath;
    private UrlTemplate template;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackServer().on("/files/projects/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/files/projects/drush-7.x-4.4.tar.gz")) {
                LoopbackServer.send(exchange, 200, archive);
            } else {
                LoopbackServer.send(exchange, 404, new byte[0]);
            }
        });
        cache = new ReleaseCache(dir.resolve("m2/repository/io/github/aegirmaven/aegir-releases"));
        lockPath = dir.resolve("project/aegir.lock");
        template =
                UrlTemplate.parse("http://127.0.0.1:" + server.port() + "/files/projects/{project}-{version}.tar.gz");
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        try (var files = Files.walk(dir)) {
            assertThat(files.map(Path::toString))
                    .as("no partial downloads left")
                    .noneMatch(p -> p.endsWith(".part"));
        }
    }

    private ReleaseResolver resolver(boolean offline) {
        return resolver(offline, template);
    }

    private ReleaseResolver resolver(boolean offline, UrlTemplate urls) {
        DownloadSettings settings = DownloadSettings.builder()
                .offline(offline)
                .retryDelay(Duration.ofMillis(5))
                .log(BuildLog.collecting(log))
                .build();
        return new ReleaseResolver(urls, cache, new Downloader(settings));
    }

    @Test
    void firstUseDownloadsAndRecordsThenTheCacheServesWithoutNetwork() throws Exception {
        LockFile lock = LockFile.read(lockPath);
        VerifiedArchive first = resolver(false).resolve(drush, lock, false);

        assertThat(first.downloaded()).isTrue();
        assertThat(first.lockEntryAdded()).isTrue();
        assertThat(first.path()).isEqualTo(cache.pathFor(drush)).hasBinaryContent(archive);
        assertThat(first.path().toString()).endsWith("aegir-releases/drush/drush-7.x-4.4.tar.gz");
        assertThat(first.sha256()).isEqualTo(archiveSha);
        assertThat(first.size()).isEqualTo(archive.length);
        assertThat(first.updatedLock().entry(drush)).contains(new LockEntry(drush, archiveSha, archive.length));
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN No entry for drush 7.x-4.4 in lock file " + lockPath)
                        && l.contains("aegir.lock.strict"));
        assertThat(server.count()).isEqualTo(1);

        first.updatedLock().write(lockPath);
        VerifiedArchive second = resolver(false).resolve(drush, LockFile.read(lockPath), true);
        assertThat(second.downloaded()).isFalse();
        assertThat(second.lockEntryAdded()).isFalse();
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(server.count())
                .as("no request for a cached, matching archive")
                .isEqualTo(1);

        VerifiedArchive offline = resolver(true).resolve(drush, LockFile.read(lockPath), true);
        assertThat(offline.sha256()).isEqualTo(archiveSha);
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void pinnedReleaseIsVerifiedBeforeItIsCached() throws Exception {
        LockFile lock = LockFile.read(lockPath).with(new LockEntry(drush, archiveSha, archive.length));
        VerifiedArchive result = resolver(false).resolve(drush, lock, true);
        assertThat(result.downloaded()).isTrue();
        assertThat(result.lockEntryAdded()).isFalse();
        assertThat(result.updatedLock()).isEqualTo(lock);
        assertThat(result.sha256()).isEqualTo(archiveSha);
        assertThat(result.size()).isEqualTo(archive.length);
        assertThat(result.path()).isEqualTo(cache.pathFor(drush)).hasBinaryContent(archive);
    }

    @Test
    void checksumMismatchCachesNothingAndSaysWhatToDo() throws Exception {
        String pinned = "f".repeat(64);
        LockFile lock = LockFile.read(lockPath).with(new LockEntry(drush, pinned, archive.length));
        assertThatThrownBy(() -> resolver(false).resolve(drush, lock, false))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Checksum mismatch for drush 7.x-4.4")
                .hasMessageContaining(template.resolve(drush).toString())
                .hasMessageContaining("lock file " + lockPath)
                .hasMessageContaining("expects sha256:" + pinned + " size:" + archive.length)
                .hasMessageContaining("the download is sha256:" + archiveSha + " size:" + archive.length)
                .hasMessageContaining("Nothing was cached or installed")
                .hasMessageContaining("mvn aegir:lock");
        assertThat(cache.find(drush)).isEmpty();
        try (var files = Files.list(cache.pathFor(drush).getParent())) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void pinningForTheLockGoalRecordsWithoutTheFirstUseWarningItsPurposeContradicts() throws Exception {
        VerifiedArchive pinned = resolver(false).pin(drush, LockFile.read(lockPath));
        assertThat(pinned.lockEntryAdded()).isTrue();
        assertThat(pinned.updatedLock().entry(drush)).contains(new LockEntry(drush, archiveSha, archive.length));
        // "no entry ... first use; set -Daegir.lock.strict=true to refuse releases it does not pin" is for builds
        // that install; aegir:lock is how entries are made (and it records them even with strict set)
        assertThat(log).noneMatch(l -> l.startsWith("WARN"));
        // a pin that does not match is still refused
        LockFile wrong = LockFile.read(lockPath).with(new LockEntry(drush, "d".repeat(64), archive.length));
        assertThatThrownBy(() -> resolver(false).pin(drush, wrong))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Checksum mismatch for drush 7.x-4.4");
    }

    @Test
    void strictRefusesAnUnpinnedReleaseWithoutDownloading() {
        assertThatThrownBy(() -> resolver(false).resolve(drush, LockFile.read(lockPath), true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drush 7.x-4.4 has no entry in lock file " + lockPath)
                .hasMessageContaining("-Daegir.lock.strict")
                .hasMessageContaining("mvn aegir:lock");
        assertThat(server.count()).isZero();
    }

    @Test
    void offlineWithoutCacheSaysWhatIsMissingAndWhatToRun() {
        assertThatThrownBy(() -> resolver(true).resolve(drush, LockFile.read(lockPath), false))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("offline (-o)")
                .hasMessageContaining("drush 7.x-4.4")
                .hasMessageContaining(cache.pathFor(drush).toString())
                .hasMessageContaining("without -o")
                .hasMessageContaining("mvn aegir:lock");
        assertThat(server.count()).isZero();
    }

    @Test
    void damagedCacheIsDeletedAndDownloadedAgain() throws Exception {
        LockFile lock =
                resolver(false).resolve(drush, LockFile.read(lockPath), false).updatedLock();
        byte[] damaged = archive.clone();
        damaged[1000] ^= 1;
        Files.write(cache.pathFor(drush), damaged);

        VerifiedArchive again = resolver(false).resolve(drush, lock, true);
        assertThat(again.downloaded()).isTrue();
        assertThat(again.path()).hasBinaryContent(archive);
        assertThat(server.count()).isEqualTo(2);
        assertThat(log)
                .anyMatch(l -> l.startsWith("WARN The cached archive " + cache.pathFor(drush))
                        && l.contains("downloading it again"));
    }

    @Test
    void aMistypedLockNeverCostsTheCachedArchiveAndTheCorrectedLockWorksOffline() throws Exception {
        LockFile good =
                resolver(false).resolve(drush, LockFile.read(lockPath), false).updatedLock();
        String typo =
                archiveSha.substring(0, 10) + (archiveSha.charAt(10) == '0' ? '1' : '0') + archiveSha.substring(11);
        LockFile mistyped = LockFile.read(lockPath).with(new LockEntry(drush, typo, archive.length));

        assertThatThrownBy(() -> resolver(false).resolve(drush, mistyped, true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Checksum mismatch for drush 7.x-4.4")
                .hasMessageContaining("expects sha256:" + typo + " size:" + archive.length)
                .hasMessageContaining("the download from " + template.resolve(drush) + " is sha256:" + archiveSha)
                .hasMessageContaining("the cached archive " + cache.pathFor(drush) + " is sha256:" + archiveSha)
                .hasMessageContaining("The cached archive was kept")
                .hasMessageContaining("agree, so the entry in the lock file is most likely what is wrong");
        assertThat(cache.pathFor(drush)).as("the good archive is still cached").hasBinaryContent(archive);
        assertThat(server.count()).isEqualTo(2);

        // offline with the typo: refused, and the cached archive still kept
        assertThatThrownBy(() -> resolver(true).resolve(drush, mistyped, true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("found sha256:" + archiveSha)
                .hasMessageContaining("The cached file is kept");
        assertThat(cache.pathFor(drush)).hasBinaryContent(archive);

        // the lock corrected: offline, from the cache, no request
        VerifiedArchive offline = resolver(true).resolve(drush, good, true);
        assertThat(offline.downloaded()).isFalse();
        assertThat(offline.sha256()).isEqualTo(archiveSha);
        assertThat(server.count()).isEqualTo(2);
    }

    @Test
    void aCachedArchiveMatchingNeitherTheLockNorTheDownloadIsKeptAndAllThreeSumsAreNamed() throws Exception {
        Files.createDirectories(cache.pathFor(drush).getParent());
        byte[] other = bytes(archive.length, 99);
        Files.write(cache.pathFor(drush), other);
        String pinned = "e".repeat(64);
        LockFile lock = LockFile.read(lockPath).with(new LockEntry(drush, pinned, archive.length));
        assertThatThrownBy(() -> resolver(false).resolve(drush, lock, true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("expects sha256:" + pinned)
                .hasMessageContaining("is sha256:" + archiveSha)
                .hasMessageContaining("the cached archive " + cache.pathFor(drush) + " is sha256:" + Sha256.of(other))
                .hasMessageContaining("mvn aegir:lock");
        assertThat(cache.pathFor(drush)).hasBinaryContent(other);
    }

    @Test
    void truncatedCacheOfflineIsRefused() throws Exception {
        LockFile lock =
                resolver(false).resolve(drush, LockFile.read(lockPath), false).updatedLock();
        Files.write(cache.pathFor(drush), new byte[10]);
        assertThatThrownBy(() -> resolver(true).resolve(drush, lock, true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("does not match lock file " + lockPath)
                .hasMessageContaining("found size:10")
                .hasMessageContaining("offline (-o)");
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void cachedButUnpinnedIsRecordedFromTheCache() throws Exception {
        Files.createDirectories(cache.pathFor(drush).getParent());
        Files.write(cache.pathFor(drush), archive);
        VerifiedArchive result = resolver(true).resolve(drush, LockFile.read(lockPath), false);
        assertThat(result.downloaded()).isFalse();
        assertThat(result.lockEntryAdded()).isTrue();
        assertThat(result.updatedLock().entry(drush)).contains(new LockEntry(drush, archiveSha, archive.length));
        assertThat(server.count()).isZero();
    }

    @Test
    void missingReleaseIsNotCached() {
        Release unknown = new Release("drush", "7.x-9.9");
        assertThatThrownBy(() -> resolver(false).resolve(unknown, LockFile.read(lockPath), false))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("404")
                .hasMessageContaining("drushVersion");
        assertThat(cache.find(unknown)).isEmpty();
    }

    @Test
    void fileMirrorWorksOffline() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        Files.write(mirror.resolve("drush-7.x-4.4.tar.gz"), archive);
        UrlTemplate files = UrlTemplate.parse(mirror.toUri() + "{project}-{version}.tar.gz");
        LockFile lock = LockFile.empty().with(new LockEntry(drush, archiveSha, archive.length));
        VerifiedArchive result = resolver(true, files).resolve(drush, lock, true);
        assertThat(result.downloaded()).isTrue();
        assertThat(result.path()).hasBinaryContent(archive);
    }

    @Test
    void threadingTheLockThroughSeveralReleases() throws Exception {
        Release provision = new Release("provision", "6.x-1.0-rc3");
        byte[] provisionArchive = bytes(5000, 9);
        server.on("/files/projects/provision-6.x-1.0-rc3.tar.gz", LoopbackServer.bytes(provisionArchive));
        ReleaseResolver resolver = resolver(false);
        LockFile lock = LockFile.read(lockPath);
        for (Release release : List.of(drush, provision)) {
            lock = resolver.resolve(release, lock, false).updatedLock();
        }
        lock.write(lockPath);
        assertThat(LockFile.read(lockPath).entries())
                .extracting(e -> e.release().toString())
                .containsExactly("drush-7.x-4.4", "provision-6.x-1.0-rc3");
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
