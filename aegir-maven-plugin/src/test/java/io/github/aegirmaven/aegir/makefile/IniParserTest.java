package io.github.aegirmaven.aegir.makefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IniParserTest {

    private static String json(String text) {
        return Json.write(IniParser.parse("t.make", text).toJsonValue());
    }

    private static List<String> findings(String text) {
        Findings f = new Findings(RuleSettings.defaults());
        IniParser.parse(SourceText.of("t.make", text), f);
        List<String> out = new ArrayList<>();
        for (Finding finding : f.list()) {
            out.add(finding.toString());
        }
        return out;
    }

    @Test
    void buildsNestedArraysFromBracketKeys() {
        assertThat(json("projects[views][version] = 3.20\nprojects[views][subdir] = contrib\n"))
                .isEqualTo("{\"projects\":{\"views\":{\"version\":\"3.20\",\"subdir\":\"contrib\"}}}");
    }

    @Test
    void splitsKeysAsPregSplitOnClosingAndOpeningBrackets() {
        assertThat(IniParser.segments("a[b][c]")).containsExactly("a", "b", "c");
        assertThat(IniParser.segments("a[b]c[d]")).containsExactly("a", "b]c", "d");
        assertThat(IniParser.segments("a[]]]")).containsExactly("a", "");
        assertThat(IniParser.segments("plain")).containsExactly("plain");
    }

    @Test
    void appendsAtCountOfTheArrayNotAfterTheLargestIndex() {
        assertThat(json("p[5] = a\np[] = b\n")).isEqualTo("{\"p\":{\"5\":\"a\",\"1\":\"b\"}}");
        assertThat(json("p[1] = z\np[] = a\n")).isEqualTo("{\"p\":{\"1\":\"a\"}}");
        assertThat(json("p[] = a\np[] = b\n")).isEqualTo("{\"p\":[\"a\",\"b\"]}");
    }

    @Test
    void normalisesIntegerKeysAsPhpDoes() {
        assertThat(json("p[7] = a\np[07] = b\np[-0] = c\np[-3] = d\n"))
                .isEqualTo("{\"p\":{\"7\":\"a\",\"07\":\"b\",\"-0\":\"c\",\"-3\":\"d\"}}");
        assertThat(PhpArray.key("42")).isEqualTo(42L);
        assertThat(PhpArray.key("9223372036854775808")).isEqualTo("9223372036854775808");
    }

    @Test
    void replacesScalarsInTheWayOfDeeperKeysAndKeepsTheLastAssignment() {
        assertThat(json("p[cck] = 2.6\np[cck][type] = module\n")).isEqualTo("{\"p\":{\"cck\":{\"type\":\"module\"}}}");
        assertThat(json("v = 1\nv = 2\n")).isEqualTo("{\"v\":\"2\"}");
    }

    @Test
    void stripsQuotesAndSlashesFromQuotedValuesOnly() {
        assertThat(json("a = \"x\\\"y\\\\z\"\nb = 'it\\'s'\nc = x\\y\nd = \"nul\\0\"\n"))
                .isEqualTo("{\"a\":\"x\\\"y\\\\z\",\"b\":\"it's\",\"c\":\"x\\\\y\",\"d\":\"nul\\u0000\"}");
        assertThat(IniParser.stripslashes("a\\", 0, 2)).isEqualTo("a");
    }

    @Test
    void turnsTrueFalseAndNullIntoConstantsInAnyCaseButKeepsNumbersStrings() {
        assertThat(json("a = TRUE\nb = false\nc = Null\nd = \"FALSE\"\ne = 2\nf = 1.0\ng = yes\n"))
                .isEqualTo("{\"a\":true,\"b\":false,\"c\":null,\"d\":false,\"e\":\"2\",\"f\":\"1.0\",\"g\":\"yes\"}");
    }

    @Test
    void recordsTheFileAndLineOfEveryValue() {
        PhpArray info =
                IniParser.parse("t.make", "; c\ncore = 7.x\n\nprojects[a][version] = \"1\nx\"\nprojects[b] = 2\n");
        assertThat(info.origin("core")).isEqualTo(new Origin("t.make", 2));
        assertThat(info.array("projects").array("a").origin("version")).isEqualTo(new Origin("t.make", 4));
        assertThat(info.array("projects").origin("b")).isEqualTo(new Origin("t.make", 6));
    }

    @Test
    void warnsAboutTextGluedOntoTheNextKey() {
        assertThat(findings("core = 7.x\n# devel is off\n\nprojects[] = devel\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:4: warning: text on line 2 (\"# devel is off\") is not 'key = value'")
                .contains("\"projects[] = devel\" on line 4")
                .contains("\"# devel is off\\n\\nprojects[]\"")
                .endsWith("[glued-line]");
        assertThat(findings("a = b\n\n= c\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:3: warning: this line starts with '=' and has no key");
    }

    @Test
    void warnsAboutValuesThatSwallowTheNextLines() {
        assertThat(findings("a =\nb = c\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:1: warning: the value of a is empty on its own line, so drush takes the next"
                        + " line \"b = c\" on line 2 as its value")
                .endsWith("[swallowed-line]");
        assertThat(findings("a = \"open\nb = c\nd = e\"\n"))
                .first()
                .asString()
                .startsWith("t.make:1: warning: the quoted value of a does not end on its line: it runs to line 3"
                        + " and swallows \"b = c\" on line 2");
        assertThat(findings("a = \"one\ntwo\"\n")).isEmpty();
    }

    @Test
    void warnsAboutIgnoredLinesInlineCommentsAndTheByteOrderMark() {
        assertThat(findings("core = 7.x\nprojects[views = 3\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:2: warning: \"projects[views = 3\" is not a 'key = value' assignment and drush"
                        + " ignores it")
                .endsWith("[ignored-line]");
        assertThat(findings("core = 7.x\n# trailing note"))
                .singleElement()
                .asString()
                .contains("'#' does not start a comment");
        assertThat(findings("p[v] = 1.6 ; stable\n"))
                .singleElement()
                .asString()
                .contains("keeps \"; stable\" as part of it")
                .endsWith("[inline-comment]");
        assertThat(findings("\uFEFFcore = 7.x\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:1: warning: the file starts with a UTF-8 byte order mark");
    }

    @Test
    void warnsWhenTheSameFileThrowsAValueAway() {
        assertThat(findings("p[cck] = 2.6\np[cck][type] = module\n"))
                .singleElement()
                .asString()
                .startsWith("t.make:2: warning: p[cck] was set to \"2.6\" on line 1; this line turns it into a list"
                        + " of attributes")
                .endsWith("[overridden-value]");
        assertThat(findings("v = 1\nv = 2\n")).singleElement().asString().contains("replaces it with \"2\"");
        assertThat(findings("v = 1\nv = 1\np[] = a\np[] = b\n")).isEmpty();
    }

    @Test
    void theHintForAnOverriddenValueNamesAKeyDrushMakeKnows() {
        // a version given twice: keep one; projects[x][version][version] is no drush make key
        assertThat(findings("projects[views][version] = 3.3\nprojects[views][version] = 3.4\n"))
                .singleElement()
                .asString()
                .contains("projects[views][version] was set to \"3.3\" on line 1")
                .contains("Keep one definition.")
                .doesNotContain("[version][version]");
        // the shorthand version and attributes of the same project: the version goes under [version]
        assertThat(findings("projects[views][subdir] = contrib\nprojects[views] = 3.3\n"))
                .singleElement()
                .asString()
                .contains("write projects[views][version] = ...")
                .contains("projects[views][download][...]");
        assertThat(findings("projects[views] = 3.3\nprojects[views][subdir] = contrib\n"))
                .singleElement()
                .asString()
                .contains("write projects[views][version] = ...");
    }

    @Test
    void countsLinesAcrossGluedFiles() {
        SourceText joined = SourceText.join(
                List.of(SourceText.of("a.make", "x = 1\ny = 2"), SourceText.of("b.make", "; b\nz = 3\n")));
        PhpArray info = IniParser.parse(joined, null);
        assertThat(info.origin("y")).isEqualTo(new Origin("a.make", 2));
        assertThat(info.origin("z")).isEqualTo(new Origin("b.make", 2));
    }
}
