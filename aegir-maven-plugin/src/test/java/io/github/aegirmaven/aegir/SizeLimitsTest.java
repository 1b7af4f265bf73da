package io.github.aegirmaven.aegir;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LineMap;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The house rule that rooms stay small enough to read: in the Maven-free packages (all but {@code plugin}) no method
 * or constructor is over {@value #MAX_METHOD_LINES} lines and no class (nested ones too) over
 * {@value #MAX_CLASS_LINES}, counted from the declaration's first line (its annotations, not its comment) to its
 * closing brace. The sources are parsed with the JDK's compiler tree API, so that braces in strings or comments do
 * not count.
 */
class SizeLimitsTest {

    static final int MAX_METHOD_LINES = 60;
    static final int MAX_CLASS_LINES = 450;

    private static final Path SOURCES = Paths.get("src/main/java/io/github/aegirmaven/aegir");

    /** One declaration and its length in lines. */
    record Span(String file, String kind, String name, long lines) {
        @Override
        public String toString() {
            return file + ": " + kind + " " + name + " has " + lines + " lines";
        }
    }

    @Test
    void noMethodOver60LinesAndNoClassOver450OutsideThePluginPackage() throws IOException {
        List<Span> spans = spans(mavenFreeSources());
        assertThat(spans).as("declarations measured").hasSizeGreaterThan(100);
        assertThat(spans.stream()
                        .filter(s -> s.lines() > (s.kind().equals("method") ? MAX_METHOD_LINES : MAX_CLASS_LINES)))
                .as("methods over " + MAX_METHOD_LINES + " lines, classes over " + MAX_CLASS_LINES)
                .isEmpty();
    }

    @Test
    void theMeasureCountsLinesOfDeclarationsNotOfCommentsOrStrings(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("Sample.java");
        Files.writeString(
                file,
                "/** A comment\n * of three lines. */\n"
                        + "final class Sample {\n"
                        + "    /** { */\n"
                        + "    @Deprecated\n"
                        + "    int one() {\n"
                        + "        String s = \"}}}\";\n"
                        + "        return 1;\n"
                        + "    }\n"
                        + "    record Inner(int a) {}\n"
                        + "}\n",
                StandardCharsets.UTF_8);
        assertThat(spans(List.of(file)))
                .extracting(Span::kind, Span::name, Span::lines)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("class", "Sample", 9L),
                        org.assertj.core.groups.Tuple.tuple("method", "Sample.one", 5L),
                        org.assertj.core.groups.Tuple.tuple("class", "Inner", 1L));
    }

    private static List<Path> mavenFreeSources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SOURCES.relativize(p).startsWith("plugin"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static List<Span> spans(List<Path> files) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<Span> out = new ArrayList<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
            JavacTask task = (JavacTask) compiler.getTask(null, fm, null, List.of("-proc:none"), null, units);
            SourcePositions positions = Trees.instance(task).getSourcePositions();
            for (CompilationUnitTree unit : task.parse()) {
                String name =
                        Paths.get(unit.getSourceFile().toUri()).getFileName().toString();
                LineMap lines = unit.getLineMap();
                new TreePathScanner<Void, Void>() {
                    private final List<String> classes = new ArrayList<>();

                    private long length(Tree tree) {
                        long start = positions.getStartPosition(unit, tree);
                        long end = positions.getEndPosition(unit, tree);
                        return lines.getLineNumber(end) - lines.getLineNumber(start) + 1;
                    }

                    @Override
                    public Void visitClass(ClassTree tree, Void p) {
                        String simple = tree.getSimpleName().toString();
                        if (!simple.isEmpty()) {
                            out.add(new Span(name, "class", simple, length(tree)));
                        }
                        classes.add(simple.isEmpty() ? "<anonymous>" : simple);
                        try {
                            return super.visitClass(tree, p);
                        } finally {
                            classes.remove(classes.size() - 1);
                        }
                    }

                    @Override
                    public Void visitMethod(MethodTree tree, Void p) {
                        if (positions.getEndPosition(unit, tree) > 0) { // generated members have no position
                            String owner = classes.isEmpty() ? "" : classes.get(classes.size() - 1) + ".";
                            out.add(new Span(name, "method", owner + tree.getName(), length(tree)));
                        }
                        return super.visitMethod(tree, p);
                    }
                }.scan(unit, null);
            }
        }
        return out;
    }
}
