package io.github.aegirmaven.aegir.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakefileLockerTest {

    @TempDir
    Path dir;

    private StubService service;

    @BeforeEach
    void serve() throws Exception {
        service = new StubService();
        tarball("drupal-6.38.tar.gz", "drupal 6.38");
        tarball("views-6.x-2.16.tar.gz", "views 2.16");
        tarball("views-6.x-2.17.tar.gz", "views 2.17");
        tarball("ctools-6.x-1.15.tar.gz", "ctools 1.15");
        tarball("views-6.x-2.x-dev.tar.gz", "views dev");
        tarball("ctools-6.x-1.16.tar.gz", "ctools 1.16");
        service.history(drupal(), "drupal", "6.x");
        service.history(views(false), "views", "6.x");
        service.history(ctools(false), "ctools", "6.x");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private void tarball(String name, String content) {
        service.file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private HistoryXml drupal() throws Exception {
        return new HistoryXml("drupal", "6.x")
                .type("Drupal core")
                .files(service.filesUrl())
                .full("6.38", md5("drupal 6.38"), "published");
    }

    private HistoryXml views(boolean newer) throws Exception {
        HistoryXml h = new HistoryXml("views", "6.x").majors("2", "2").files(service.filesUrl());
        if (newer) {
            h.full("2.17", md5("views 2.17"), "published");
        }
        return h.full("2.16", md5("views 2.16"), "published").release("2.x-dev");
    }

    private HistoryXml ctools(boolean newer) throws Exception {
        HistoryXml h = new HistoryXml("ctools", "6.x").majors("1", "1").files(service.filesUrl());
        if (newer) {
            h.full("1.16", md5("ctools 1.16"), "published");
        }
        return h.full("1.15", md5("ctools 1.15"), "published");
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private MakefileLocker locker() throws Exception {
        Downloader downloader = new Downloader(DownloadSettings.builder()
                .retries(0)
                .retryDelay(Duration.ofMillis(1))
                .build());
        Clock clock = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC);
        HistoryService histories =
                new HistoryService(service.historyUrl(), dir.resolve("histories"), downloader, clock);
        return new MakefileLocker(histories, downloader, new ReleaseCache(dir.resolve("cache")), BuildLog.NONE);
    }

    private Path makefile(String text) throws Exception {
        Path file = dir.resolve("platform.make");
        Files.writeString(file, text);
        return file;
    }

    private MakefileLocker.Result lock(Path makefile, Set<String> update) throws Exception {
        MakeSource source = MakeSource.read(makefile, MakeEngine.DRUSH_MAKE_2, dir);
        return locker().lock(source, "platform.make", dir.resolve("platform.lock.make"), update, false);
    }

    private static final String SOURCE =
            "core = 6.x\napi = 2\nprojects[] = drupal\nprojects[views][subdir] = contrib\n" + "projects[ctools] = 1\n";

    @Test
    void locksEveryProjectToTheReleaseDrushMakeWouldChooseWithChecksums() throws Exception {
        MakefileLocker.Result result = lock(makefile(SOURCE), Set.of());
        assertThat(result.written()).isTrue();
        String sha = Sha256.of("views 2.16".getBytes(StandardCharsets.UTF_8));
        assertThat(result.text())
                .startsWith("; Locked by aegir-maven-plugin makefile-lock from platform.make. Do not edit by hand:\n"
                        + "; run mvn aegir:makefile-lock again.\ncore = 6.x\napi = 2\n\n"
                        + "projects[ctools][type] = module\n")
                .contains("projects[drupal][type] = core\nprojects[drupal][version] = 6.38\n"
                        + "projects[drupal][download][type] = get\n"
                        + "projects[drupal][download][url] = " + service.filesUrl() + "drupal-6.38.tar.gz\n"
                        + "projects[drupal][download][md5] = " + md5("drupal 6.38") + "\n")
                .contains("\n\nprojects[views][type] = module\nprojects[views][subdir] = contrib\n"
                        + "projects[views][version] = 2.16\n")
                .contains("projects[views][download][sha256] = " + sha + "\n");
        assertThat(Files.readString(dir.resolve("platform.lock.make"))).isEqualTo(result.text());
        assertThat(result.resolved()).containsEntry("ctools", "1.15").containsEntry("views", "2.16");
        // each history fetched once, each tarball downloaded once (and cached)
        assertThat(service.count("/release-history/views/6.x")).isEqualTo(1);
        assertThat(service.count("/files/projects/views-6.x-2.16.tar.gz")).isEqualTo(1);
        assertThat(dir.resolve("cache/views/views-6.x-2.16.tar.gz")).exists();
    }

    @Test
    void theLockedFileIsAMakeFileWhoseProjectsNeedNoHistory() throws Exception {
        lock(makefile(SOURCE), Set.of());
        MakeSource locked = MakeSource.read(dir.resolve("platform.lock.make"), MakeEngine.DRUSH_MAKE_2, dir);
        assertThat(locked.projects()).containsOnlyKeys("ctools", "drupal", "views");
        assertThat(locked.projects().get("views")).containsKeys("type", "download");
    }

    @Test
    void aSecondRunWithNothingChangedWritesNothingEvenWhenNewerReleasesExist() throws Exception {
        Path makefile = makefile(SOURCE);
        lock(makefile, Set.of());
        Path locked = dir.resolve("platform.lock.make");
        FileTime old = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(locked, old);
        service.history(views(true), "views", "6.x").history(ctools(true), "ctools", "6.x");
        int before = service.total();
        MakefileLocker.Result again = lock(makefile, Set.of());
        assertThat(again.written()).isFalse();
        assertThat(again.kept()).containsExactlyInAnyOrder("drupal", "views", "ctools");
        assertThat(Files.getLastModifiedTime(locked)).isEqualTo(old);
        assertThat(service.total()).isEqualTo(before);
    }

    @Test
    void oneProjectIsUpdatedOnItsOwn() throws Exception {
        Path makefile = makefile(SOURCE);
        lock(makefile, Set.of());
        service.history(views(true), "views", "6.x").history(ctools(true), "ctools", "6.x");
        MakefileLocker.Result result = lock(makefile, Set.of("views"));
        assertThat(result.written()).isTrue();
        assertThat(result.text())
                .contains("projects[views][version] = 2.17")
                .contains("projects[ctools][version] = 1.15");
        assertThat(result.resolved()).containsOnlyKeys("views");
    }

    @Test
    void aChangedConstraintIsResolvedAgain() throws Exception {
        lock(makefile(SOURCE), Set.of());
        MakefileLocker.Result result = lock(
                makefile(SOURCE.replace("projects[ctools] = 1", "projects[ctools] = 1.15")
                        + "projects[views][version] = 2.x-dev\n"),
                Set.of());
        assertThat(result.resolved()).containsOnlyKeys("views");
        assertThat(result.text()).contains("projects[views][version] = 2.x-dev");
    }

    @Test
    void gitWithoutARevisionCannotBeLockedAndNothingIsWritten() throws Exception {
        Path makefile = makefile(SOURCE + "projects[hostmaster][type] = profile\n"
                + "projects[hostmaster][download][type] = git\n"
                + "projects[hostmaster][download][url] = http://git.example/hostmaster.git\n"
                + "projects[hostmaster][download][tag] = 6.x-1.0-rc3\n");
        assertThatThrownBy(() -> lock(makefile, Set.of()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("cannot be locked")
                .satisfies(e -> assertThat(((UserFixableException) e).problems())
                        .anyMatch(p -> p.contains("projects hostmaster cannot be locked")
                                && p.contains("tag 6.x-1.0-rc3 can move")));
        assertThat(dir.resolve("platform.lock.make")).doesNotExist();
    }

    @Test
    void gitPinnedToARevisionIsKept() throws Exception {
        String rev = "0123456789abcdef0123456789abcdef01234567";
        MakefileLocker.Result result = lock(
                makefile(SOURCE + "projects[hostmaster][type] = profile\n"
                        + "projects[hostmaster][download][type] = git\n"
                        + "projects[hostmaster][download][url] = http://git.example/hostmaster.git\n"
                        + "projects[hostmaster][download][revision] = " + rev + "\n"),
                Set.of());
        assertThat(result.text())
                .contains("projects[hostmaster][type] = profile\n"
                        + "projects[hostmaster][download][type] = git\n"
                        + "projects[hostmaster][download][url] = http://git.example/hostmaster.git\n"
                        + "projects[hostmaster][download][revision] = " + rev + "\n");
    }

    @Test
    void getLibrariesAndPatchURLsGetASha256() throws Exception {
        service.file("lib.tar.gz", "library".getBytes(StandardCharsets.UTF_8));
        service.file("fix.patch", "patch".getBytes(StandardCharsets.UTF_8));
        MakefileLocker.Result result = lock(
                makefile(SOURCE + "projects[views][patch][] = " + service.filesUrl()
                        + "fix.patch\nlibraries[lib][download][type] = get\nlibraries[lib][download][url] = "
                        + service.filesUrl() + "lib.tar.gz\nlibraries[lib][directory_name] = lib\n"),
                Set.of());
        assertThat(result.text())
                .contains("projects[views][patch][0][url] = " + service.filesUrl() + "fix.patch\n"
                        + "projects[views][patch][0][sha256] = " + Sha256.of("patch".getBytes(StandardCharsets.UTF_8)))
                .contains("libraries[lib][directory_name] = lib\nlibraries[lib][download][type] = get\n")
                .contains(
                        "libraries[lib][download][sha256] = " + Sha256.of("library".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aSecondRunKeepsThePatchChecksums() throws Exception {
        service.file("fix.patch", "patch".getBytes(StandardCharsets.UTF_8));
        Path makefile = makefile(SOURCE + "projects[views][patch][] = " + service.filesUrl() + "fix.patch\n");
        MakefileLocker.Result first = lock(makefile, Set.of());
        MakefileLocker.Result second = lock(makefile, Set.of());
        assertThat(second.written()).isFalse();
        assertThat(second.text()).isEqualTo(first.text()).contains("projects[views][patch][0][sha256] = ");
    }

    @Test
    void anMd5MismatchIsRefused() throws Exception {
        tarball("views-6.x-2.16.tar.gz", "tampered");
        assertThatThrownBy(() -> lock(makefile(SOURCE), Set.of()))
                .isInstanceOf(UserFixableException.class)
                .satisfies(e -> assertThat(((UserFixableException) e).problems())
                        .anyMatch(p -> p.contains("Checksum md5 verification failed")));
        assertThat(dir.resolve("platform.lock.make")).doesNotExist();
    }

    @Test
    void anUpdateOfAProjectNotInTheMakeFileIsRefused() throws Exception {
        assertThatThrownBy(() -> lock(makefile(SOURCE), Set.of("panels")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("update (-Daegir.update) names panels");
    }

    @Test
    void aServiceThatIsDownIsNamed() throws Exception {
        Path makefile = makefile(SOURCE);
        service.close();
        assertThatThrownBy(() -> lock(makefile, Set.of()))
                .isInstanceOf(UserFixableException.class)
                .satisfies(e -> assertThat(((UserFixableException) e).problems())
                        .anyMatch(p -> p.contains(service.historyUrl()) && p.contains("updateUrl")));
    }
}
