package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrontendStatusTest {

    @TempDir
    Path tmp;

    private AegirHome home;
    private Path oldPlatform;
    private Path newPlatform;

    @BeforeEach
    void setUp() throws Exception {
        home = Fixtures.rc2Home(tmp.resolve("aegir"));
        oldPlatform = home.root().resolve("hostmaster-6.x-1.0-rc2");
        newPlatform = home.root().resolve("hostmaster-6.x-1.0-rc3");
    }

    @Test
    void theSiteOnTheOldPlatformIsDriftAndSaysWhere() throws Exception {
        FrontendStatus.Row row = FrontendStatus.of(home, Fixtures.DOMAIN, "6.x-1.0-rc3", Optional.empty());

        assertThat(row.line())
                .startsWith("  hostmaster  on " + oldPlatform)
                .contains("pinned 6.x-1.0-rc3")
                .endsWith("DRIFT (expected on " + newPlatform + ")");
        assertThat(row.drift())
                .contains("the hostmaster site aegir.example.com runs on " + oldPlatform + ", not on " + newPlatform);
    }

    @Test
    void aSiteInBothPlatformsIsAnInterruptedMigrationWithWhatToDo() throws Exception {
        Fixtures.drupalRoot(newPlatform);
        Fixtures.write(newPlatform.resolve("sites/" + Fixtures.DOMAIN + "/settings.php"), "<?php\n");
        Fixtures.pointAlias(home, newPlatform);

        FrontendStatus.Row row = FrontendStatus.of(home, Fixtures.DOMAIN, "6.x-1.0-rc3", Optional.empty());

        assertThat(row.line())
                .startsWith("  hostmaster  INTERRUPTED migration to " + newPlatform)
                .contains("is in " + oldPlatform + " and " + newPlatform)
                .contains("To finish it instead")
                .doesNotContain(" OK");
        assertThat(row.drift()).get().asString().contains("was interrupted");
        assertThat(row.interrupted()).isTrue();
    }

    @Test
    void theSiteOnThePinnedPlatformIsOk() throws Exception {
        Fixtures.drupalRoot(newPlatform);
        Files.move(oldPlatform.resolve("sites/" + Fixtures.DOMAIN), newPlatform.resolve("sites/" + Fixtures.DOMAIN));
        Fixtures.pointAlias(home, newPlatform);

        FrontendStatus.Row row = FrontendStatus.of(home, Fixtures.DOMAIN, "6.x-1.0-rc3", Optional.empty());

        assertThat(row.line()).startsWith("  hostmaster  on " + newPlatform).endsWith("OK");
        assertThat(row.drift()).isEmpty();
        assertThat(FrontendStatus.of(home, Fixtures.DOMAIN, "6.x-1.0-rc3", Optional.of(oldPlatform.toString()))
                        .drift())
                .as("newHostmasterDir names where the pinned platform is")
                .isPresent();
    }

    @Test
    void withoutADomainOrWithTheSiteNowhereItSaysSo() throws Exception {
        assertThat(FrontendStatus.of(home, null, "6.x-1.0-rc3", Optional.empty()))
                .isEqualTo(new FrontendStatus.Row(
                        "  hostmaster  not checked: aegirDomain (-Daegir.domain) is not set", Optional.empty()));
        FrontendStatus.Row nowhere = FrontendStatus.of(home, "other.example.com", "6.x-1.0-rc3", Optional.empty());
        assertThat(nowhere.line()).contains("(site not found under " + home.root() + ")");
        assertThat(nowhere.drift()).isPresent();
    }
}
