package io.github.aegirmaven.aegir.makefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Compares the merged array with what real PHP makes of the same files using drush's regular expression
 * and include handling (src/test/resources/.../drush-make-reference.php), byte for byte as JSON.
 * Skipped when php is not installed.
 */
class PhpReferenceTest {

    private static Path fixtures;

    @BeforeAll
    static void needsPhp() throws Exception {
        Assumptions.assumeTrue(
                phpWorks(), "php is not on the PATH: the comparison with PHP's preg_match_all is skipped");
        fixtures = Paths.get(PhpReferenceTest.class
                        .getResource("drush-make-reference.php")
                        .toURI())
                .getParent();
    }

    private static boolean phpWorks() {
        try {
            Process p = new ProcessBuilder("php", "-r", "echo 1;")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @ParameterizedTest
    @CsvSource({
        "quirks, quirks.make, DRUSH_MAKE_2",
        "quirks, quirks.make, DRUSH_5",
        "quirks, quirks.make, DRUSH_7_PLUS",
        "quirks, crlf.make, DRUSH_MAKE_2",
        "quirks, crlf.make, DRUSH_7_PLUS",
        "quirks, bom.make, DRUSH_MAKE_2",
        "quirks, bom.make, DRUSH_7_PLUS",
        "includes, main.make, DRUSH_MAKE_2",
        "includes, main.make, DRUSH_5",
        "includes, main.make, DRUSH_7_PLUS",
        "includes, sub/contrib.make, DRUSH_MAKE_2",
        "includes, sub/contrib.make, DRUSH_5",
    })
    void mergedArrayIsWhatPhpMakesOfIt(String folder, String file, MakeEngine engine) throws Exception {
        Path dir = fixtures.resolve(folder);
        String php = runPhp(dir, engine.name(), file);
        ValidationOptions options = ValidationOptions.defaults()
                .withEngine(engine)
                .withWorkingDirectory(dir)
                .withDisplayBase(dir)
                .withHostmasterPlatform(false);
        ValidationResult result = new MakefileValidator().validate(dir.resolve(file), options);
        String ours =
                result.merged() == null ? "false" : Json.write(result.merged().toJsonValue());
        assertThat(ours).isEqualTo(php);
    }

    private static String runPhp(Path dir, String engine, String file) throws Exception {
        Process p = new ProcessBuilder(
                        "php", fixtures.resolve("drush-make-reference.php").toString(), engine, file)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("php exit status").isZero();
        return out;
    }
}
