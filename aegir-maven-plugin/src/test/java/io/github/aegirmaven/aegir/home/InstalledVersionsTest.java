package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.home.InstalledVersions.Installed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstalledVersionsTest {

    @TempDir
    Path tmp;

    @Test
    void readsTheRawVersionsOfAnRc2Home() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Installed installed = InstalledVersions.read(home);
        assertThat(installed.drush()).contains("4.4");
        assertThat(installed.provision()).contains("6.x-1.0-rc2");
        assertThat(installed.drushMake()).contains("2.2");
        assertThat(installed.matches(Component.DRUSH, "7.x-4.4")).isTrue();
        assertThat(installed.matches(Component.DRUSH, "7.x-4.5")).isFalse();
        assertThat(installed.matches(Component.PROVISION, "6.x-1.0-rc3")).isFalse();
        assertThat(installed.matches(Component.PROVISION, "6.x-1.0-rc2")).isTrue();
        assertThat(installed.matches(Component.DRUSH_MAKE, "6.x-2.2")).isTrue();
        assertThat(installed.matches(Component.DRUSH_MAKE, "6.x-2.3")).isFalse();
    }

    @Test
    void missingComponentsAreEmpty() throws Exception {
        AegirHome home = AegirHome.at(tmp.resolve("empty"));
        Files.createDirectories(home.root());
        Installed installed = InstalledVersions.read(home);
        assertThat(installed.drush()).isEmpty();
        assertThat(installed.provision()).isEmpty();
        assertThat(installed.drushMake()).isEmpty();
        assertThat(installed.matches(Component.PROVISION, "6.x-1.0-rc3")).isFalse();
    }

    @Test
    void aDrushMakeInfoFileWinsOverTheHardCodedFunction() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.drushMakeDir().resolve("drush_make.info"), "name = Drush make\nversion = \"6.x-2.3\"\n");
        assertThat(InstalledVersions.read(home).drushMake()).contains("6.x-2.3");
    }

    @Test
    void drushWithoutDrushVersionFallsBackToVersion() throws Exception {
        AegirHome home = AegirHome.at(tmp.resolve("aegir"));
        Fixtures.write(home.drushInfo(), "version = \"5.10.0\"\n");
        assertThat(InstalledVersions.read(home).drush()).contains("5.10.0");
    }

    @Test
    void sameReleaseRules() {
        assertThat(InstalledVersions.sameRelease("4.4", "7.x-4.4")).isTrue();
        assertThat(InstalledVersions.sameRelease("4.4", "4.4.0")).isTrue();
        assertThat(InstalledVersions.sameRelease("2.2", "6.x-2.2")).isTrue();
        assertThat(InstalledVersions.sameRelease("6.x-1.0-rc3", "6.x-1.0-rc3")).isTrue();
        assertThat(InstalledVersions.sameRelease("6.x-1.0-rc3", "6.x-1.0-rc2")).isFalse();
        assertThat(InstalledVersions.sameRelease("6.x-1.0", "6.x-1.0-rc3")).isFalse();
        assertThat(InstalledVersions.sameRelease("7.x-4.4", "6.x-4.4")).isFalse();
        assertThat(InstalledVersions.sameRelease("4.4", "7.x-4.5")).isFalse();
        assertThat(InstalledVersions.sameRelease("0.4", "6.x-1.0-rc3")).isFalse();
        assertThat(InstalledVersions.sameRelease("4.", "4.0")).isFalse();
    }
}
