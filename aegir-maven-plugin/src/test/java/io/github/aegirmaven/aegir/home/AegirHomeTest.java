package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AegirHomeTest {

    @TempDir
    Path tmp;

    @Test
    void relativeHomeIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> AegirHome.at(Paths.get("var/aegir")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("aegirHome")
                .hasMessageContaining("-Daegir.home")
                .hasMessageContaining("'var/aegir'")
                .hasMessageContaining("absolute");
    }

    @Test
    void pathsFollowTheManualsLayout() throws Exception {
        AegirHome home = AegirHome.at(Paths.get("/var/aegir/./"));
        assertThat(home.root()).isEqualTo(Paths.get("/var/aegir"));
        assertThat(home.drushDir()).isEqualTo(Paths.get("/var/aegir/drush"));
        assertThat(home.drushPhp()).isEqualTo(Paths.get("/var/aegir/drush/drush.php"));
        assertThat(home.dotDrush()).isEqualTo(Paths.get("/var/aegir/.drush"));
        assertThat(home.provisionDir()).isEqualTo(Paths.get("/var/aegir/.drush/provision"));
        assertThat(home.drushMakeDir()).isEqualTo(Paths.get("/var/aegir/.drush/drush_make"));
        assertThat(home.stateDir()).isEqualTo(Paths.get("/var/aegir/.aegir-maven-plugin"));
        assertThat(home.hostmasterDir("6.x-1.0-rc3")).isEqualTo(Paths.get("/var/aegir/hostmaster-6.x-1.0-rc3"));
        assertThat(home.serverMasterAlias()).isEqualTo(Paths.get("/var/aegir/.drush/server_master.alias.drushrc.php"));
        assertThat(home.hostmasterAlias()).isEqualTo(Paths.get("/var/aegir/.drush/hostmaster.alias.drushrc.php"));
    }

    @Test
    void hostmasterDirRefusesVersionsThatEscapeTheHome() throws Exception {
        AegirHome home = AegirHome.at(Paths.get("/var/aegir"));
        for (String bad : new String[] {"", "../etc", "6.x/1", "..", "a\\b"}) {
            assertThatThrownBy(() -> home.hostmasterDir(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void stateDirIsCreated755AndPlatformAliasesListed() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.write(home.dotDrush().resolve("platform_hostmaster6x10rc2.alias.drushrc.php"), "<?php\n");
        Fixtures.write(home.dotDrush().resolve("platform_drupal620.alias.drushrc.php"), "<?php\n");
        Path state = home.ensureStateDir();
        assertThat(state).isDirectory();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
                .isEqualTo("rwxr-xr-x");
        assertThat(home.platformAliases())
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "platform_drupal620.alias.drushrc.php", "platform_hostmaster6x10rc2.alias.drushrc.php");
    }
}
