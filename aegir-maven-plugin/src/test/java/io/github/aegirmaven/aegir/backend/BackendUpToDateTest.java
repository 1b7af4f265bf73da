package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read-only "nothing to do" answer of the backend upgrade, which a run may give without the run lock. */
class BackendUpToDateTest {

    @TempDir
    Path tmp;

    private final String me = System.getProperty("user.name");
    private final List<String> log = new ArrayList<>();
    private AegirHome home;
    private BackendPins pins;
    private BackendUpgrade upgrade;

    @BeforeEach
    void setUp() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir")); // drush 7.x-4.4, provision 6.x-1.0-rc2, drush_make 2.2
        BuildLog buildLog = BuildLog.collecting(log);
        pins = BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", buildLog);
        // Nothing may be downloaded here: the URL leads nowhere, and the cache is empty.
        ReleaseResolver resolver = new ReleaseResolver(
                UrlTemplate.parse("http://127.0.0.1:9/{project}-{version}.tar.gz"),
                new ReleaseCache(tmp.resolve("cache")),
                new Downloader(DownloadSettings.builder().log(buildLog).build()));
        upgrade = new BackendUpgrade(
                home,
                resolver,
                new SafeExtractor(),
                new DrushRunner(buildLog),
                new CurrentUser(me, false),
                Clock.systemUTC(),
                buildLog);
    }

    private BackendUpgrade.Options options(String aegirUser) {
        return new BackendUpgrade.Options(aegirUser, "php", Duration.ofMinutes(1), true, false, 3, "mvn aegir:upgrade");
    }

    @Test
    void anUpToDateBackendIsReportedAsTheUpgradeReportsItAndNothingIsWritten() throws Exception {
        Fixtures.write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc3\"\nproject = \"provision\"\n");
        Map<String, String> before = Fixtures.snapshot(home.root());
        LockFile lock = LockFile.empty();

        Optional<BackendUpgrade.Outcome> outcome = upgrade.ifUpToDate(pins, lock, options(me));

        assertThat(outcome).isPresent();
        assertThat(outcome.get().changedAnything()).isFalse();
        assertThat(outcome.get().backupSet()).isEmpty();
        assertThat(outcome.get().lockChanged()).isFalse();
        assertThat(outcome.get().lock()).isSameAs(lock);
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
        assertThat(tmp.resolve("cache")).doesNotExist();

        assertThat(upgrade.upgrade(pins, lock, options(me), Optional.empty()))
                .as("the upgrade itself answers the same")
                .isEqualTo(outcome.get());
        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
        assertThat(tmp.resolve("cache")).doesNotExist();
    }

    @Test
    void anOutdatedBackendGivesNoAnswerAndChangesNothing() throws Exception {
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThat(upgrade.ifUpToDate(pins, LockFile.empty(), options(me))).isEmpty();

        assertThat(Fixtures.snapshot(home.root())).isEqualTo(before);
    }

    @Test
    void theChecksOfTheUpgradeStillApply() throws Exception {
        Fixtures.write(home.provisionInfo(), "version = \"6.x-1.0-rc3\"\n");

        assertThatThrownBy(() -> upgrade.ifUpToDate(pins, LockFile.empty(), options("nobody")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("This build runs as user " + me)
                .hasMessageContaining("su -s /bin/sh nobody");
    }
}
