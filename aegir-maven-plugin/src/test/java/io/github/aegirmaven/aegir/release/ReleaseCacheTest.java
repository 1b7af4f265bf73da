package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCacheTest {

    @TempDir
    Path dir;

    private final Release drush = new Release("drush", "7.x-4.4");

    @Test
    void layoutInsideTheLocalRepository() {
        ReleaseCache cache = ReleaseCache.inLocalRepository(dir.resolve("repository"));
        assertThat(cache.pathFor(drush))
                .isEqualTo(dir.resolve("repository/io/github/aegirmaven/aegir-releases/drush/drush-7.x-4.4.tar.gz"));
    }

    @Test
    void storeRenamesAVerifiedFileIntoPlace() throws Exception {
        ReleaseCache cache = new ReleaseCache(dir);
        assertThat(cache.find(drush)).isEmpty();
        Path pending = cache.newPendingPath(drush);
        assertThat(pending.getParent()).isEqualTo(cache.pathFor(drush).getParent());
        assertThat(pending.getFileName().toString()).startsWith(".").endsWith(".part");
        assertThat(pending).doesNotExist();
        Files.writeString(pending, "archive");
        assertThat(cache.store(drush, pending)).isEqualTo(cache.pathFor(drush)).hasContent("archive");
        assertThat(pending).doesNotExist();
        assertThat(cache.find(drush)).contains(cache.pathFor(drush));
        assertThat(cache.delete(drush)).isTrue();
        assertThat(cache.find(drush)).isEmpty();
    }

    @Test
    void linksAndDirectoriesAreNotCachedArchives() throws Exception {
        ReleaseCache cache = new ReleaseCache(dir);
        Files.createDirectories(cache.pathFor(drush).getParent());
        Path elsewhere = Files.writeString(dir.resolve("elsewhere"), "x");
        Files.createSymbolicLink(cache.pathFor(drush), elsewhere);
        assertThat(cache.find(drush)).isEmpty();
    }

    @Test
    void partialFilesOfKilledBuildsAreCleanedUpLater() throws Exception {
        ReleaseCache cache = new ReleaseCache(dir);
        Path project = Files.createDirectories(cache.pathFor(drush).getParent());
        Path stale = Files.writeString(project.resolve(".drush-7.x-4.4.tar.gz.123.part"), "half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(3))));
        Path fresh = Files.writeString(project.resolve(".drush-7.x-4.4.tar.gz.456.part"), "in progress");
        cache.newPendingPath(drush);
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
    }
}
