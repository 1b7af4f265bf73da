package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * aegir:upgrade checks the frontend's parameters before the backend is upgraded (so that a bad domain changes
 * nothing), and {@code mvn -X} makes drush verbose too.
 */
class MigrationBeforeBackendTest {

    private static final String DOMAIN = "aegir.example.com";

    @TempDir
    Path temp;

    private AegirHome home;
    private final String me = System.getProperty("user.name");

    @BeforeEach
    void homeBeforeTheBackendUpgrade() throws Exception {
        home = AegirHome.at(Files.createDirectories(temp.resolve("aegir")));
        write(home.provisionInfo(), "version=0.4\nversion = \"6.x-1.0-rc2\"\n");
        Path oldDir = home.root().resolve("hostmaster-6.x-1.0-rc2");
        for (String f : List.of("index.php", "includes/bootstrap.inc", "sites/" + DOMAIN + "/settings.php")) {
            write(oldDir.resolve(f), "<?php\n");
        }
    }

    private HostmasterMigration migration(BuildLog log) {
        CurrentUser current = new CurrentUser(me, false);
        return new HostmasterMigration(
                home,
                new DrushRunner(log, current),
                new Crontab(me, current, log),
                current,
                mf -> List.of(),
                Clock.systemUTC(),
                log);
    }

    private HostmasterMigration.Request request(String domain) {
        return HostmasterMigration.Request.builder()
                .aegirUser(me)
                .php("php")
                .domain(domain)
                .aegirVersion("6.x-1.0-rc3")
                .oldDir(Optional.empty())
                .newDir(Optional.empty())
                .makefile(Optional.empty())
                .assumeYes(true)
                .batchMode(true)
                .console(false)
                .dryRun(false)
                .timeout(Duration.ofMinutes(5))
                .moveAsideLeftover(false)
                .mavenCommand("mvn aegir:upgrade")
                .build();
    }

    @Test
    void beforeTheBackendOnlyTheBackendCheckIsLeftOut() throws Exception {
        HostmasterMigration m = migration(BuildLog.NONE);
        assertThatThrownBy(() -> m.check(request(DOMAIN))).hasMessageContaining("installed provision is 6.x-1.0-rc2");
        assertThat(m.check(request(DOMAIN), true).newDir())
                .isEqualTo(home.root().resolve("hostmaster-6.x-1.0-rc3"));

        assertThatThrownBy(() -> m.check(request("aegir.example.com; rm -rf ~"), true))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirDomain (-Daegir.domain) is 'aegir.example.com; rm -rf ~'")
                .hasMessageNotContaining("installed provision");
    }

    @Test
    void mavenDebugMakesDrushVerbose() throws Exception {
        List<String> lines = new ArrayList<>();
        BuildLog debug = new BuildLog() {
            @Override
            public void debug(String message) {
                lines.add(message);
            }

            @Override
            public void info(String message) {}

            @Override
            public void warn(String message) {}

            @Override
            public void error(String message) {}

            @Override
            public boolean isDebugEnabled() {
                return true;
            }
        };
        HostmasterMigration quiet = migration(BuildLog.NONE);
        HostmasterMigration verbose = migration(debug);
        HostmasterMigration.Checked c = quiet.check(request(DOMAIN), true);
        assertThat(quiet.invocation(request(DOMAIN), c).args()).doesNotContain("--verbose");
        assertThat(verbose.invocation(request(DOMAIN), c).args())
                .containsSequence("-y")
                .contains("--verbose");
    }

    private static Path write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
