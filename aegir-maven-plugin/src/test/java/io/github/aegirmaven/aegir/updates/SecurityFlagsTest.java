package io.github.aegirmaven.aegir.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityFlagsTest {

    @TempDir
    Path dir;

    private StubService service;

    @BeforeEach
    void serve() {
        try {
            service = new StubService();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        service.history(
                new HistoryXml("provision", "6.x")
                        .majors("1", "1")
                        .release("1.0", "Security update")
                        .release("1.0-rc3"),
                "provision",
                "6.x");
        service.history(new HistoryXml("drush", "7.x").majors("4", "4").release("4.4"), "drush", "7.x");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HistoryService histories(boolean offline, Instant now) throws Exception {
        Downloader downloader = new Downloader(DownloadSettings.builder()
                .offline(offline)
                .retries(0)
                .retryDelay(Duration.ofMillis(1))
                .build());
        return new HistoryService(
                service.historyUrl(), dir.resolve("histories"), downloader, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static List<SecurityFlags.Pin> pins() {
        return SecurityFlags.backend(List.of(new Release("drush", "7.x-4.4"), new Release("provision", "6.x-1.0-rc3")));
    }

    @Test
    void backendPinsAreReadFromTheirCoresHistory() {
        assertThat(pins()).extracting(SecurityFlags.Pin::core).containsExactly("7.x", "6.x");
    }

    @Test
    void aPinLackingASecurityUpdateIsFlaggedWithTheReleaseToMoveTo() throws Exception {
        SecurityFlags.Report report = SecurityFlags.check(pins(), histories(false, Instant.now()));
        assertThat(report.flagged()).extracting(SecurityCheck.Verdict::project).containsExactly("provision");
        assertThat(report.lines().get(0)).startsWith("security: drush 7.x-4.4: no security problem known");
        assertThat(report.lines().get(1))
                .startsWith("security: INSECURE provision 6.x-1.0-rc3: a newer security update of the same major is"
                        + " out: 6.x-1.0; move to 6.x-1.0")
                .contains("fetched now");
        List<String> log = new ArrayList<>();
        SecurityFlags.apply(report, false, BuildLog.collecting(log));
        assertThat(log).anyMatch(l -> l.startsWith("WARN security: INSECURE provision"));
        assertThatThrownBy(() -> SecurityFlags.apply(report, true, BuildLog.NONE))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("-Daegir.failOnInsecure=true")
                .hasMessageContaining("move to 6.x-1.0");
    }

    @Test
    void offlineTheCachedHistoryIsUsedAndItsAgeSaid() throws Exception {
        Instant fetched = Instant.parse("2026-12-01T10:00:00Z");
        SecurityFlags.check(pins(), histories(false, fetched));
        service.close();
        SecurityFlags.Report offline =
                SecurityFlags.check(pins(), histories(true, Instant.parse("2026-12-04T10:00:00Z")));
        assertThat(offline.flagged()).hasSize(1);
        assertThat(offline.lines().get(1)).contains("cached, fetched 3 days ago (2026-12-01T10:00:00Z)");
    }

    @Test
    void offlineWithoutACachedHistoryTheReleaseIsNotCheckedAndSaysSo() throws Exception {
        SecurityFlags.Report report = SecurityFlags.check(pins(), histories(true, Instant.now()));
        assertThat(report.unchecked()).hasSize(2).allMatch(u -> u.contains("offline") && u.contains("not checked"));
        assertThatThrownBy(() -> SecurityFlags.apply(report, true, BuildLog.NONE))
                .isInstanceOf(UserFixableException.class);
    }

    @Test
    void theProjectsOfALockedMakefileArePins() throws Exception {
        Path locked = dir.resolve("platform.lock.make");
        Files.writeString(
                locked,
                "core = 6.x\napi = 2\nprojects[views][type] = module\nprojects[views][version] = 2.11\n"
                        + "projects[drupal][type] = core\nprojects[drupal][version] = 6.38\n");
        assertThat(SecurityFlags.lockedMakefile(locked))
                .containsExactlyInAnyOrder(
                        new SecurityFlags.Pin("views", "2.11", "6.x", "platform.lock.make"),
                        new SecurityFlags.Pin("drupal", "6.38", "6.x", "platform.lock.make"));
        assertThat(SecurityFlags.lockedMakefile(dir.resolve("none.make"))).isEmpty();
    }
}
