package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every IT runs in the full suite: invoker finds the ones with a pom by {@code * /pom.xml}, but an IT without a pom
 * (run against Maven's stub project) only when the it-tests pom names its directory in {@code <pomIncludes>}. A
 * targeted run ({@code -Dinvoker.test=NAME}) runs it either way, so a forgotten one passes there and is skipped in CI.
 */
class ItListTest {

    @Test
    void everyItWithoutAPomIsNamedInPomIncludes() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        List<String> withoutPom;
        try (Stream<Path> dirs = Files.list(Path.of("src/it"))) {
            withoutPom = dirs.filter(Files::isDirectory)
                    .filter(d -> Files.exists(d.resolve("invoker.properties")))
                    .filter(d -> !Files.exists(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        }
        assertThat(withoutPom).as("ITs without a pom").contains("status-no-project");
        assertThat(withoutPom)
                .as("ITs without a pom that the full suite would skip: add each to <pomIncludes> in it-tests/pom.xml")
                .allMatch(name -> pom.contains("<pomInclude>" + name + "</pomInclude>"));
    }
}
