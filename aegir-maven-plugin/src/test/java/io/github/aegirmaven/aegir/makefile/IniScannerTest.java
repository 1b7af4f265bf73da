package io.github.aegirmaven.aegir.makefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The scanner against drush's regular expression. java.util.regex with the same pattern (UNIX_LINES,
 * MULTILINE, DOTALL) backtracks in the same order as PCRE, so on small inputs it is an exact oracle.
 */
class IniScannerTest {

    private static final Pattern DRUSH = Pattern.compile(
            "^\\s*((?:[^=;\\[\\]]|\\[[^\\[\\]]*\\])+?)\\s*=\\s*"
                    + "(?:(\"(?:[^\"]|(?<=\\\\)\")*\")|('(?:[^']|(?<=\\\\)')*')|([^\\r\\n]*?))\\s*$",
            Pattern.MULTILINE | Pattern.DOTALL | Pattern.UNIX_LINES);

    /** key=value pairs as drush's regex finds them: "key" -> "raw value (with quotes)". */
    private static List<String> regex(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = DRUSH.matcher(text);
        while (m.find()) {
            int g = m.start(2) >= 0 ? 2 : m.start(3) >= 0 ? 3 : 4;
            out.add(m.start() + "-" + m.end() + " " + m.group(1) + "=" + m.group(g));
        }
        return out;
    }

    private static List<String> scanner(String text) {
        List<String> out = new ArrayList<>();
        for (IniScanner.Match m : IniScanner.scan(text)) {
            out.add(m.start() + "-" + m.end() + " " + text.substring(m.keyStart(), m.keyEnd()) + "="
                    + text.substring(m.valueStart(), m.valueEnd()));
        }
        return out;
    }

    private static List<String> pairs(String text) {
        List<String> out = new ArrayList<>();
        for (IniScanner.Match m : IniScanner.scan(text)) {
            out.add(text.substring(m.keyStart(), m.keyEnd()) + "=" + text.substring(m.valueStart(), m.valueEnd()));
        }
        return out;
    }

    @Test
    void readsOrdinaryLines() {
        assertThat(pairs("core = 7.x\napi = 2\n; comment\nprojects[views][version] = \"3.20\"\n"))
                .containsExactly("core=7.x", "api=2", "projects[views][version]=\"3.20\"");
    }

    @Test
    void gluesATextLineOntoTheNextKey() {
        assertThat(pairs("# devel is off\n\nprojects[] = devel\n"))
                .containsExactly("# devel is off\n\nprojects[]=devel");
    }

    @Test
    void aLineStartingWithEqualsAfterABlankLineGetsANewlineKey() {
        assertThat(pairs("a = b\n\n= c")).containsExactly("a=b", "\n=c");
        assertThat(pairs("= c\n")).isEmpty();
    }

    @Test
    void anEmptyValueTakesTheNextLine() {
        assertThat(pairs("a =\nb = c\n")).containsExactly("a=b = c");
        assertThat(pairs("a =")).containsExactly("a=");
    }

    @Test
    void hasNoInlineComments() {
        assertThat(pairs("a = b ; c\n")).containsExactly("a=b ; c");
        assertThat(pairs("a = \"b\" ; c\n")).containsExactly("a=\"b\" ; c");
    }

    @Test
    void quotedValuesSpanLinesAndMayCloseAtAnEscapedQuote() {
        assertThat(pairs("a = \"x\ny\"\n")).containsExactly("a=\"x\ny\"");
        assertThat(pairs("a = \"x\\\" \n b\"y")).containsExactly("a=\"x\\\"");
        assertThat(pairs("a = 'it\\'s'\n")).containsExactly("a='it\\'s'");
    }

    @Test
    void stopsKeysAtSemicolonsAndUnbalancedBrackets() {
        assertThat(pairs("x ; y = 1\nprojects[a = b\nk = v\n")).containsExactly("k=v");
        assertThat(pairs("p[a=b] = c\n")).containsExactly("p[a=b]=c");
    }

    @Test
    void trimsCarriageReturnsOfWindowsLineEnds() {
        assertThat(pairs("core = 7.x\r\napi = \"2\"\r\n")).containsExactly("core=7.x", "api=\"2\"");
        assertThat(pairs("a = b\rc\nd = e\n")).containsExactly("d=e");
    }

    @Test
    void agreesWithDrushsRegularExpressionOnRandomText() {
        String alphabet = "ab =;[]\"'\\\n\n\r\t#";
        Random random = new Random(20261124L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(40);
            for (int j = 0; j < len; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            assertThat(scanner(text))
                    .as("input %s", io.github.aegirmaven.aegir.core.Json.quote(text))
                    .isEqualTo(regex(text));
        }
    }

    @Test
    void agreesWithDrushsRegularExpressionOnRandomMakeFileFragments() {
        String[] fragments = {
            "projects",
            "[",
            "]",
            "[a]",
            "[]",
            " = ",
            "=",
            "\"",
            "'",
            "\\\"",
            "\\",
            " ",
            "\n",
            "\n\n",
            "\r\n",
            "; c",
            "# c",
            "views",
            "3.0",
            "[b\nc]",
            " ;",
            "= "
        };
        Random random = new Random(7L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(30);
            for (int j = 0; j < len; j++) {
                sb.append(fragments[random.nextInt(fragments.length)]);
            }
            String text = sb.toString();
            assertThat(scanner(text))
                    .as("input %s", io.github.aegirmaven.aegir.core.Json.quote(text))
                    .isEqualTo(regex(text));
        }
    }
}
