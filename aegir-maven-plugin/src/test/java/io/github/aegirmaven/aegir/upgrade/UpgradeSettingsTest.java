package io.github.aegirmaven.aegir.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UpgradeSettingsTest {

    @Test
    void theSettingsHostmasterMigrateNeedsTooAreOneRequest() {
        UpgradeSettings settings = UpgradeSettings.builder()
                .home(Path.of("/var/aegir"))
                .aegirUser("aegir2")
                .php("php -d memory_limit=256M")
                .domain("aegir.example.com")
                .aegirVersion("6.x-1.0-rc3")
                .oldHostmasterDir(Optional.of(Path.of("/var/aegir/hostmaster-6.x-1.0-rc2")))
                .newHostmasterDir(Optional.of("/var/aegir/hostmaster-new"))
                .makefile(Optional.of(Path.of("/srv/aegir.make")))
                .assumeYes(true)
                .batchMode(true)
                .console(true)
                .dryRun(true)
                .moveAsideLeftover(true)
                .goal("hostmaster-migrate")
                .build();
        assertThat(settings.request())
                .isEqualTo(HostmasterMigration.Request.builder()
                        .aegirUser("aegir2")
                        .php("php -d memory_limit=256M")
                        .domain("aegir.example.com")
                        .aegirVersion("6.x-1.0-rc3")
                        .oldDir(Optional.of(Path.of("/var/aegir/hostmaster-6.x-1.0-rc2")))
                        .newDir(Optional.of("/var/aegir/hostmaster-new"))
                        .makefile(Optional.of(Path.of("/srv/aegir.make")))
                        .assumeYes(true)
                        .batchMode(true)
                        .console(true)
                        .dryRun(true)
                        .moveAsideLeftover(true)
                        .mavenCommand("mvn aegir:hostmaster-migrate")
                        .build());
        assertThat(settings.mavenCommand()).isEqualTo(settings.request().mavenCommand());
    }

    @Test
    void unsetTheyKeepTheDefaultsOfTheManualPage() {
        HostmasterMigration.Request r = UpgradeSettings.builder().build().request();
        assertThat(r.aegirUser()).isEqualTo("aegir");
        assertThat(r.php()).isEqualTo("php");
        assertThat(r.mavenCommand()).isEqualTo("mvn aegir:upgrade");
        assertThat(r.oldDir()).isEmpty();
        assertThat(r.newDir()).isEmpty();
        assertThat(r.makefile()).isEmpty();
        assertThat(r.assumeYes() || r.batchMode() || r.console() || r.dryRun() || r.moveAsideLeftover())
                .isFalse();
    }

    @Test
    void drushRunsWithTheProceduresAnswerAndTimeoutAndAnAbsoluteMakefile() {
        HostmasterMigration.Request given = UpgradeSettings.builder()
                .domain("aegir.example.com")
                .makefile(Optional.of(Path.of("aegir.make")))
                .build()
                .request();
        HostmasterMigration.Request run = given.forDrush(true, Duration.ofMinutes(5));
        assertThat(run.assumeYes()).isTrue();
        assertThat(run.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(run.makefile()).contains(Path.of("aegir.make").toAbsolutePath());
        assertThat(run.domain()).isEqualTo(given.domain());
        assertThat(run.aegirUser()).isEqualTo("aegir");
        assertThat(given.assumeYes()).as("the settings as given are unchanged").isFalse();
    }
}
