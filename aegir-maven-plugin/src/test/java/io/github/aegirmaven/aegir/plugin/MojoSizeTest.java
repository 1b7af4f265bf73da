package io.github.aegirmaven.aegir.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The mojos stay thin: each class of the {@code plugin} package (the goals and their parameter groups) has at most
 * {@value #MAX_CLASS} lines of code, and the package under {@value #MAX_PACKAGE}. Code is what is left without
 * comments, blank lines, {@code package} and {@code import}: a parameter's javadoc is the goal reference users read
 * (site, {@code help -Ddetail}), not logic, and every goal must declare the parameters it honours.
 */
class MojoSizeTest {

    static final int MAX_CLASS = 80;
    static final int MAX_PACKAGE = 700;

    private static final Path PLUGIN = Path.of("src/main/java/io/github/aegirmaven/aegir/plugin");

    @Test
    void eachMojoClassAndTheMojoPackageStaySmall() throws IOException {
        Map<String, Integer> sizes = new TreeMap<>();
        try (Stream<Path> files = Files.list(PLUGIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                sizes.put(file.getFileName().toString(), codeLines(Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        assertThat(sizes).as("the goals").containsKeys("UpgradeMojo.java", "StatusMojo.java");
        assertThat(sizes.entrySet().stream().filter(e -> e.getValue() > MAX_CLASS))
                .as("mojo classes over " + MAX_CLASS + " lines of code")
                .isEmpty();
        assertThat(sizes.values().stream().mapToInt(Integer::intValue).sum())
                .as("lines of code in the plugin package: " + sizes)
                .isLessThan(MAX_PACKAGE);
    }

    @Test
    void commentsStringsAndBlankLinesAreToldApart() {
        String source = String.join(
                "\n",
                "package a;",
                "import b.C;",
                "",
                "/** A javadoc",
                " * of two lines. */",
                "class D { // a comment",
                "    String s = \"/* not a comment */\";",
                "    /* a block",
                "       comment */ int i;",
                "    char c = '\"';",
                "    String t = \"\"\"",
                "        // in a text block",
                "        \"\"\";",
                "}");
        assertThat(codeLines(source)).isEqualTo(8);
    }

    /** The lines that hold code once comments are taken out; blank ones, package and imports do not count. */
    static int codeLines(String source) {
        StringBuilder code = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                source.substring(i, stop).chars().filter(ch -> ch == '\n').forEach(ch -> code.append('\n'));
                i = stop;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                int stop = end < 0 ? n : end + 3;
                code.append(source, i, stop);
                i = stop;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                int stop = Math.min(j + 1, n);
                code.append(source, i, stop);
                i = stop;
            } else {
                code.append(c);
                i++;
            }
        }
        return (int) List.of(code.toString().split("\n")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("package ") && !l.startsWith("import "))
                .count();
    }
}
