package io.github.aegirmaven.aegir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules the formatter does not enforce, over every Java source of the plugin and of it-tests (main and test):
 * no line over 120 characters (palantir-java-format breaks code, but not long string literals or comments), and
 * no change of case without a {@code Locale} (in a Turkish locale, "TITLE" in lower case without one is "tıtle").
 */
class SourceRulesTest {

    static final int MAX_LINE = 120;

    private static final List<Path> SOURCES = List.of(
            Paths.get("src/main/java"),
            Paths.get("src/test/java"),
            Paths.get("../it-tests/src/main/java"),
            Paths.get("../it-tests/src/test/java"));

    private static final Pattern CASE_WITHOUT_LOCALE = Pattern.compile("\\.to(Lower|Upper)Case\\(\\s*\\)");

    @Test
    void noLineIsLongerThan120Characters() throws IOException {
        assertThat(offenders((file, n, line) -> line.length() > MAX_LINE))
                .as("lines over " + MAX_LINE + " characters: split long string literals and comments yourself")
                .isEmpty();
    }

    @Test
    void caseIsChangedOnlyWithLocaleRoot() throws IOException {
        assertThat(offenders(
                        (file, n, line) -> CASE_WITHOUT_LOCALE.matcher(line).find()))
                .as("toLowerCase()/toUpperCase() without a Locale: pass Locale.ROOT")
                .isEmpty();
    }

    @Test
    void theRulesSeeTheSourcesAndTheirOffences() throws IOException {
        assertThat(offenders((file, n, line) -> file.endsWith("SourceRulesTest.java") && n == 1))
                .singleElement()
                .asString()
                .endsWith("SourceRulesTest.java:1: package io.github.aegirmaven.aegir;");
        assertThat(offenders((file, n, line) -> file.toString().contains("it-tests") && n == 1))
                .isNotEmpty();
        assertThat(CASE_WITHOUT_LOCALE.matcher("s.toLower" + "Case()").find()).isTrue();
        assertThat(CASE_WITHOUT_LOCALE.matcher("s.toUpper" + "Case( )").find()).isTrue();
        assertThat(CASE_WITHOUT_LOCALE.matcher("s.toLowerCase(Locale.ROOT)").find())
                .isFalse();
    }

    private interface LineRule {
        boolean broken(Path file, int lineNumber, String line);
    }

    private static List<String> offenders(LineRule rule) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : SOURCES) {
            assertThat(root).as("source directory").isDirectory();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (rule.broken(file, i + 1, lines.get(i))) {
                        found.add(file + ":" + (i + 1) + ": " + lines.get(i));
                    }
                }
            }
        }
        return found;
    }
}
