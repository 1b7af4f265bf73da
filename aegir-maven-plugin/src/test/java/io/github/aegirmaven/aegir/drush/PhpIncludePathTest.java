package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Asking a real PHP (Debian php-cli) where Console/Table.php is on its include_path. */
class PhpIncludePathTest {

    @TempDir
    Path temp;

    private final String me = System.getProperty("user.name");
    private AegirHome home;

    @BeforeEach
    void php() throws Exception {
        assumeTrue(phpAvailable(), "php (Debian php-cli) is not installed");
        home = AegirHome.at(Files.createDirectories(temp.resolve("aegir")));
    }

    @Test
    void findsConsoleTableOnTheIncludePathTheConfiguredPhpHas() throws Exception {
        Path pear = Files.createDirectories(temp.resolve("pear/Console"));
        Files.writeString(pear.resolve("Table.php"), "<?php\n// test stand-in for PEAR Console_Table\n");
        // A PHP whose include_path (as an ini setting would) names the directory: the configured php parameter.
        Path php = wrapper("php-with-pear", "-d", "include_path=.:" + temp.resolve("pear"));

        PhpIncludePath.Lookup lookup =
                new PhpIncludePath(home, new CurrentUser(me, false)).find(php.toString(), me, "Console/Table.php");

        assertThat(lookup.includePath()).isEqualTo(".:" + temp.resolve("pear"));
        assertThat(lookup.resolved()).contains(pear.resolve("Table.php").toString());
    }

    @Test
    void saysSoWhenItIsNotThere() throws Exception {
        Path php = wrapper("php-without-pear", "-d", "include_path=.:" + temp.resolve("nothing-here"));

        PhpIncludePath.Lookup lookup =
                new PhpIncludePath(home, new CurrentUser(me, false)).find(php.toString(), me, "Console/Table.php");

        assertThat(lookup.resolved()).isEmpty();
        assertThat(lookup.includePath()).isEqualTo(".:" + temp.resolve("nothing-here"));
    }

    @Test
    void aPhpThatCannotRunIsTheUsersToFix() {
        assertThatThrownBy(() -> new PhpIncludePath(home, new CurrentUser(me, false))
                        .find(temp.resolve("no-such-php").toString(), me, "Console/Table.php"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("php (-Daegir.php)")
                .hasMessageContaining("exit code 127");
    }

    @Test
    void runsThroughTheSameFixedScriptAsDrushWithTheCodeAsOneArgument() throws Exception {
        List<String> argv = new PhpIncludePath(home, new CurrentUser("root", true))
                .commandLine("php", "aegir", "Console/Table.php");
        assertThat(argv)
                .containsSubsequence(
                        "-s",
                        "/bin/sh",
                        "-c",
                        DrushRunner.SCRIPT,
                        "--",
                        "aegir",
                        "sh",
                        home.root().toString(),
                        home.root().toString(),
                        "php",
                        "-r");
        assertThat(argv.get(argv.size() - 1)).contains("stream_resolve_include_path('Console/Table.php')");
    }

    private Path wrapper(String name, String... phpArgs) throws IOException {
        Path script = temp.resolve(name);
        Files.writeString(script, "#!/bin/sh\nexec php " + String.join(" ", phpArgs) + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static boolean phpAvailable() {
        try {
            return new ProcessBuilder("php", "-v")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
