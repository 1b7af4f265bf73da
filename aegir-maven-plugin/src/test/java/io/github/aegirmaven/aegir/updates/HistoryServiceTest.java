package io.github.aegirmaven.aegir.updates;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryServiceTest {

    @TempDir
    Path cache;

    private HistoryService offline(String updateUrl) throws UserFixableException {
        return new HistoryService(
                updateUrl,
                cache,
                new Downloader(DownloadSettings.builder().offline(true).build()),
                Clock.systemUTC());
    }

    @Test
    void theCacheIsNamedAfterTheServicesHostAndOnlyAPortThatWasGiven() throws Exception {
        assertThatThrownBy(() -> offline(HistoryService.DEFAULT_URL).fetch("views", "6.x"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("(expected " + cache.resolve("updates.drupal.org/views/6.x.xml") + ")");
        assertThatThrownBy(
                        () -> offline("http://127.0.0.1:8080/release-history").fetch("views", "6.x"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("(expected " + cache.resolve("127.0.0.1_8080/views/6.x.xml") + ")");
    }
}
