package io.github.aegirmaven.aegir.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.backend.BackendRollback;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aegir:upgrade when the migration fails after the backend was upgraded in the same build. */
class AllOrNothingTest {

    @TempDir
    Path tmp;

    private final Clock clock = Clock.fixed(Instant.parse("2011-04-07T10:20:30Z"), ZoneOffset.UTC);
    private final List<String> log = new ArrayList<>();
    private final UserFixableException drushFailed = new UserFixableException("drush hostmaster-migrate failed");
    private AegirHome home;
    private Path oldPlatform;
    private Path newPlatform;
    private BackupSet set;
    private BackendUpgrade.Outcome upgraded;

    @BeforeEach
    void backendUpgradedThenMigrationStarted() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        oldPlatform = home.root().resolve("hostmaster-6.x-1.0-rc2");
        newPlatform = home.root().resolve("hostmaster-6.x-1.0-rc3");
        set = Fixtures.upgradedWithMigrationNoted(home, clock);
        upgraded = new BackendUpgrade.Outcome(
                List.of(new Release("provision", "6.x-1.0-rc3")), Optional.of(set), LockFile.empty(), false);
    }

    private UserFixableException afterFailure(BackendUpgrade.Outcome backend) {
        String me = System.getProperty("user.name");
        return AllOrNothing.afterFailedMigration(
                drushFailed,
                backend,
                new BackendRollback(home, new CurrentUser(me, false), clock, BuildLog.collecting(log)),
                BuildLog.collecting(log));
    }

    @Test
    void theSiteDidNotMoveSoTheBackendGoesBackToo() throws Exception {
        UserFixableException reported = afterFailure(upgraded);

        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc2");
        assertThat(reported)
                .hasCause(drushFailed)
                .hasMessageStartingWith("drush hostmaster-migrate failed\n")
                .hasMessageContaining("So that the server is not left half-upgraded, the backend this build installed"
                        + " ([provision-6.x-1.0-rc3]) was put back from " + set.dir())
                .hasMessageContaining("pre-rollback-");
        assertThat(log).anyMatch(l -> l.startsWith("WARN hostmaster-migrate failed after this build upgraded the"));
    }

    @Test
    void theSiteAlreadyMovedSoTheBackendStaysWithIt() throws Exception {
        Fixtures.drupalRoot(newPlatform);
        Files.move(oldPlatform.resolve("sites/" + Fixtures.DOMAIN), newPlatform.resolve("sites/" + Fixtures.DOMAIN));

        UserFixableException reported = afterFailure(upgraded);

        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc3");
        assertThat(reported)
                .hasMessageContaining("The site already runs on " + newPlatform + ", so the backend stays"
                        + " upgraded ([provision-6.x-1.0-rc3]) to match it.");
    }

    @Test
    void aBackendUpgradedByAnEarlierBuildIsLeftAlone() throws Exception {
        BackendUpgrade.Outcome nothing =
                new BackendUpgrade.Outcome(List.of(), Optional.empty(), LockFile.empty(), false);
        Map<String, String> before = Fixtures.snapshot(home.root());

        assertThat(afterFailure(nothing)).isSameAs(drushFailed);
        assertThat(home.provisionInfo()).content().contains("6.x-1.0-rc3");
        assertThat(Fixtures.snapshot(home.root())).as("nothing rolled back").isEqualTo(before);
    }
}
