package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestTest {

    @Test
    void unsetSettingsKeepTheirDefaults() {
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .aegirUser("aegir")
                .domain("aegir.example.com")
                .aegirVersion("6.x-1.0-rc3")
                .build();
        assertThat(r.php()).isEqualTo("php");
        assertThat(r.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(r.oldDir()).isEmpty();
        assertThat(r.newDir()).isEmpty();
        assertThat(r.makefile()).isEmpty();
        assertThat(r.assumeYes() || r.batchMode() || r.console() || r.dryRun() || r.moveAsideLeftover())
                .isFalse();
    }

    @Test
    void eachSwitchIsSetByItsName() {
        HostmasterMigration.Request r = HostmasterMigration.Request.builder()
                .dryRun(true)
                .moveAsideLeftover(true)
                .makefile(Optional.of(Path.of("/srv/aegir.make")))
                .build();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.moveAsideLeftover()).isTrue();
        assertThat(r.assumeYes()).isFalse();
        assertThat(r.batchMode()).isFalse();
        assertThat(r.console()).isFalse();
        assertThat(r.makefile()).contains(Path.of("/srv/aegir.make"));
    }
}
