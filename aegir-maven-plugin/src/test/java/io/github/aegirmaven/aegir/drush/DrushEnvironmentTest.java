package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrushEnvironmentTest {

    private final AegirHome home = home();

    private static AegirHome home() {
        try {
            return AegirHome.at(Paths.get("/var/aegir"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void thePathIsTheSystemsWithAnAbsolutePhpsDirectoryFirst() {
        assertThat(DrushEnvironment.path("php")).isEqualTo("/usr/local/bin:/usr/bin:/bin");
        assertThat(DrushEnvironment.path("php7.4")).isEqualTo("/usr/local/bin:/usr/bin:/bin");
        assertThat(DrushEnvironment.path("/opt/php74/bin/php"))
                .isEqualTo("/opt/php74/bin:/usr/local/bin:/usr/bin:/bin");
        // /usr/bin/php first even where /usr/local/bin has another php: the crontab's shebang must find this one
        assertThat(DrushEnvironment.path("/usr/bin/php")).isEqualTo("/usr/bin:/usr/local/bin:/bin");
        assertThat(DrushEnvironment.path("/php")).isEqualTo("/:/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void theEnvironmentIsBuiltFromNothing() {
        DrushInvocation inv = DrushInvocation.builder(home)
                .aegirUser("aegir")
                .php("/usr/bin/php7.4")
                .env("FOO", "bar")
                .build();
        Map<String, String> env = DrushEnvironment.of(inv, Optional.of("xterm"), 42);
        assertThat(env)
                .containsExactly(
                        Map.entry("HOME", "/var/aegir"),
                        Map.entry("USER", "aegir"),
                        Map.entry("LOGNAME", "aegir"),
                        Map.entry("SHELL", "/bin/sh"),
                        Map.entry("PATH", "/usr/bin:/usr/local/bin:/bin"),
                        Map.entry("LANG", "C.UTF-8"),
                        Map.entry("TERM", "xterm"),
                        Map.entry("FOO", "bar"),
                        Map.entry(OrphanedDrush.HOME_VARIABLE, "/var/aegir"),
                        Map.entry(OrphanedDrush.BUILD_VARIABLE, "42"));
        assertThat(DrushEnvironment.of(inv, Optional.empty(), 42)).doesNotContainKey("TERM");
        assertThat(DrushEnvironment.envCommand(Map.of("PATH", "/bin")))
                .containsExactly("/usr/bin/env", "-i", "PATH=/bin");
    }

    @Test
    void whatThePluginSetsCannotBeSetByACaller() {
        for (String name : new String[] {"HOME", "PATH", "USER", "LANG", OrphanedDrush.HOME_VARIABLE}) {
            assertThatThrownBy(() -> DrushInvocation.builder(home).env(name, "x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(name);
        }
    }

    @Test
    void phpMustBeANameOnThePathOrAnAbsolutePathOfPlainCharacters() {
        for (String ok : new String[] {"php", "php7.4", "/usr/bin/php", "/opt/php-8.1+x/bin/php_cli"}) {
            assertThat(DrushEnvironment.phpProblem(ok)).as(ok).isEmpty();
        }
        assertThat(DrushEnvironment.phpProblem("bin/php"))
                .get()
                .asString()
                .startsWith("php (-Daegir.php) is 'bin/php', which drush cannot run: it is a relative path");
        assertThat(DrushEnvironment.phpProblem("php -d x=1"))
                .get()
                .asString()
                .contains("unquoted into the shell command lines of its child drush calls (php -d x=1 drush.php");
        assertThat(DrushEnvironment.phpProblem("-php")).get().asString().contains("starts with '-'");
        assertThat(DrushEnvironment.phpProblem(" "))
                .get()
                .asString()
                .contains("is empty")
                .endsWith("or to an absolute path such as /usr/bin/php7.4.");
    }
}
