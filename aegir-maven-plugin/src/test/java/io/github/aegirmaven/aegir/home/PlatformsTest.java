package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformsTest {

    @TempDir
    Path tmp;

    @Test
    void findsTheOldHostmasterBySettingsPhp() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.drupalRoot(home.root().resolve("drupal-6.20"));
        Fixtures.write(home.root().resolve("drupal-6.20/sites/client.example.com/settings.php"), "<?php\n");
        Platforms.Search search = Platforms.findHostmaster(home, Fixtures.DOMAIN);
        assertThat(search.requireOne()).isEqualTo(home.root().resolve("hostmaster-6.x-1.0-rc2"));
        assertThat(search.checked())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("drupal-6.20", "hostmaster-6.x-1.0-rc2");
    }

    @Test
    void findsAPre04PlatformNamedLikeDrupal() throws Exception {
        AegirHome home = AegirHome.at(tmp.resolve("aegir"));
        Fixtures.drupalRoot(home.root().resolve("drupal-6.14"));
        Fixtures.write(home.root().resolve("drupal-6.14/sites/" + Fixtures.DOMAIN + "/settings.php"), "<?php\n");
        assertThat(Platforms.findHostmaster(home, Fixtures.DOMAIN).requireOne())
                .isEqualTo(home.root().resolve("drupal-6.14"));
    }

    @Test
    void noneFoundSaysWhatWasCheckedAndWhichParameterToSet() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        assertThatThrownBy(() ->
                        Platforms.findHostmaster(home, "other.example.com").requireOne())
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("sites/other.example.com/settings.php")
                .hasMessageContaining("hostmaster-6.x-1.0-rc2")
                .hasMessageContaining("oldHostmasterDir")
                .hasMessageContaining("-Daegir.domain");
    }

    @Test
    void severalFoundAreListed() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Fixtures.drupalRoot(home.root().resolve("hostmaster-6.x-1.0-rc1"));
        Fixtures.write(
                home.root().resolve("hostmaster-6.x-1.0-rc1/sites/" + Fixtures.DOMAIN + "/settings.php"), "<?php\n");
        assertThatThrownBy(() -> Platforms.findHostmaster(home, Fixtures.DOMAIN).requireOne())
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Found 2 platforms")
                .hasMessageContaining("hostmaster-6.x-1.0-rc1")
                .hasMessageContaining("hostmaster-6.x-1.0-rc2")
                .hasMessageContaining("-Daegir.oldHostmasterDir");
    }

    @Test
    void backupSetsStagingAndHiddenDirectoriesAreNotCandidates() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        for (String name : new String[] {"pre-upgrade-2011-04-07-120000", ".staging-hostmaster-x", ".hidden"}) {
            Fixtures.drupalRoot(home.root().resolve(name));
            Fixtures.write(home.root().resolve(name + "/sites/" + Fixtures.DOMAIN + "/settings.php"), "<?php\n");
        }
        assertThat(Platforms.findHostmaster(home, Fixtures.DOMAIN).matches())
                .containsExactly(home.root().resolve("hostmaster-6.x-1.0-rc2"));
    }

    @Test
    void badDomainsAreRefused() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        for (String bad : new String[] {"../etc", "", "..", "a/b"}) {
            assertThatThrownBy(() -> Platforms.findHostmaster(home, bad))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("aegirDomain");
        }
    }

    @Test
    void drupalRootAndCompleteness() throws Exception {
        Path full = Fixtures.drupalRoot(tmp.resolve("full"));
        assertThat(Platforms.isDrupalRoot(full)).isTrue();
        assertThat(Platforms.isCompletePlatform(full)).isTrue();

        Path half = tmp.resolve("half");
        Fixtures.write(half.resolve("index.php"), "<?php\n");
        Fixtures.write(half.resolve("includes/bootstrap.inc"), "<?php\n");
        Files.createDirectories(half.resolve("sites"));
        assertThat(Platforms.isDrupalRoot(half)).isTrue();
        assertThat(Platforms.isCompletePlatform(half)).isFalse();
        assertThat(Platforms.missingParts(half))
                .contains("includes/common.inc", "modules/system/system.module", "profiles/");

        Path noSites = tmp.resolve("nosites");
        Fixtures.write(noSites.resolve("index.php"), "<?php\n");
        Fixtures.write(noSites.resolve("includes/bootstrap.inc"), "<?php\n");
        assertThat(Platforms.isDrupalRoot(noSites)).isFalse();
        assertThat(Platforms.isDrupalRoot(tmp.resolve("missing"))).isFalse();
    }
}
