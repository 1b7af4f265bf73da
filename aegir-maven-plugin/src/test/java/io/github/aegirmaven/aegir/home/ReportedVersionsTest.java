package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each real release reports (DOMAIN.md section 8), and nothing looser. */
class ReportedVersionsTest {

    @TempDir
    Path temp;

    @Test
    void eachRealReleaseReportsWhatDomainSectionEightRecords() {
        assertThat(ReportedVersions.declared(Component.DRUSH, "7.x-4.4")).isEqualTo("4.4");
        assertThat(ReportedVersions.declared(Component.DRUSH, "7.x-4.2")).isEqualTo("4.2");
        assertThat(ReportedVersions.declared(Component.DRUSH, "8.4.12")).isEqualTo("8.4.12");
        assertThat(ReportedVersions.declared(Component.PROVISION, "6.x-1.0-rc3"))
                .isEqualTo("6.x-1.0-rc3");
        assertThat(ReportedVersions.declared(Component.DRUSH_MAKE, "6.x-2.2")).isEqualTo("2.2");
        assertThat(ReportedVersions.declared(Component.DRUSH_MAKE, "6.x-2.1")).isEqualTo("2.0-dev");
        assertThat(ReportedVersions.drushVersionLine("7.x-4.4")).isEqualTo("drush version 4.4");
    }

    @Test
    void nothingLooserIsAccepted() {
        assertThat(ReportedVersions.declares(Component.DRUSH, "7.x-4.4", "4.4")).isTrue();
        assertThat(ReportedVersions.declares(Component.DRUSH, "7.x-4.4", "4.4.0"))
                .isFalse();
        assertThat(ReportedVersions.declares(Component.DRUSH, "7.x-4.4", "7.x-4.4"))
                .isFalse();
        assertThat(ReportedVersions.declares(Component.DRUSH_MAKE, "6.x-2.1", "2.0-dev"))
                .isTrue();
        assertThat(ReportedVersions.declares(Component.DRUSH_MAKE, "6.x-2.1", "2.1"))
                .isFalse();
        assertThat(ReportedVersions.declares(Component.DRUSH_MAKE, "6.x-2.2", "2.0-dev"))
                .isFalse();
        assertThat(ReportedVersions.declares(Component.PROVISION, "6.x-1.0-rc3", "0.4"))
                .isFalse();
        assertThat(ReportedVersions.declares(Component.PROVISION, "6.x-1.0-rc3", "1.0-rc3"))
                .isFalse();

        assertThat(ReportedVersions.isDrushVersionLine("7.x-4.4", "drush version 4.4"))
                .isTrue();
        for (String line : new String[] {
            "drush version 4.45",
            "drush version 4.4.0",
            " drush version 4.4",
            "drush version 4.4 ",
            "Drush Version   :  4.4",
            "drush version 7.x-4.4"
        }) {
            assertThat(ReportedVersions.isDrushVersionLine("7.x-4.4", line))
                    .as(line)
                    .isFalse();
        }
        assertThat(ReportedVersions.isDrushVersionLine("8.4.12", " Drush Version   :  8.4.12 "))
                .isTrue();
        assertThat(ReportedVersions.isDrushVersionLine("8.4.12", " Drush Version   :  8.4.13 "))
                .isFalse();
    }

    @Test
    void provisionsLastVersionLineIsTheOneThatCounts() throws Exception {
        Path dir = temp.resolve("provision");
        Fixtures.write(
                dir.resolve("provision.info"),
                "name = Provision\nversion = 0.4\n\n"
                        + "; Information added by drupal.org packaging script on 2011-03-31\nversion ="
                        + " \"6.x-1.0-rc3\"\n"
                        + "core = \"6.x\"\nproject = \"provision\"\n");
        String declared =
                InstalledVersions.declaredVersion(Component.PROVISION, dir).orElseThrow();
        assertThat(ReportedVersions.declares(Component.PROVISION, "6.x-1.0-rc3", declared))
                .isTrue();
    }

    @Test
    void aReleaseThatReportsAnotherVersionIsNamedBack() {
        assertThat(ReportedVersions.releaseReporting(InstalledVersions.Component.DRUSH_MAKE, "2.0-dev"))
                .contains("6.x-2.1");
        assertThat(ReportedVersions.releaseReporting(InstalledVersions.Component.DRUSH_MAKE, "2.2"))
                .isEmpty();
        assertThat(ReportedVersions.releaseReporting(InstalledVersions.Component.DRUSH, "2.0-dev"))
                .isEmpty();
    }
}
