package io.github.aegirmaven.aegir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The house rule: only the {@code plugin} package may import the Maven API. */
class LayoutTest {

    private static final Path SOURCES = Paths.get("src/main/java/io/github/aegirmaven/aegir");

    @Test
    void onlyThePluginPackageImportsMaven() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !SOURCES.relativize(p).startsWith("plugin"))
                    .filter(LayoutTest::importsMaven)
                    .map(Path::toString)
                    .collect(Collectors.toList());
        }
        assertThat(offenders)
                .as("logic packages importing org.apache.maven / org.codehaus.plexus")
                .isEmpty();
    }

    @Test
    void thereIsLogicOutsideThePluginPackage() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            assertThat(files.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> !SOURCES.relativize(p).startsWith("plugin"))
                            .count())
                    .isGreaterThan(0);
        }
    }

    private static boolean importsMaven(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .anyMatch(line -> line.startsWith("import org.apache.maven.")
                            || line.startsWith("import org.codehaus.plexus.")
                            || line.startsWith("import javax.inject."));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
