package io.github.aegirmaven.aegir.makefile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The make file as drush builds it: {@link ValidationResult#normalized()} and the JSON dump equal the array the
 * real drush code returns, per engine. The expected arrays in {@code normalized/expected.txt} were printed by the
 * real drush_make 6.x-2.2, drush 5.10.0 and drush 8.4.12 functions (named there) under PHP 7.4; this test needs
 * neither PHP nor drush.
 */
class NormalizedMakefileTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() {
        fx = new MakefileFixture(dir);
        fx.options = fx.options.withHostmasterPlatform(false);
    }

    static Stream<Arguments> recordedByRealDrush() throws IOException, URISyntaxException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(folder().resolve("expected.txt"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 3);
            cases.add(Arguments.of(parts[0], MakeEngine.valueOf(parts[1]), parts[2]));
        }
        return cases.stream();
    }

    private static Path folder() throws URISyntaxException {
        return Paths.get(NormalizedMakefileTest.class
                        .getResource("normalized/expected.txt")
                        .toURI())
                .getParent();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("recordedByRealDrush")
    void isTheArrayDrushItselfBuildsFrom(String file, MakeEngine engine, String expected) throws Exception {
        Path folder = folder();
        ValidationOptions options = ValidationOptions.defaults()
                .withEngine(engine)
                .withWorkingDirectory(folder)
                .withDisplayBase(folder)
                .withHostmasterPlatform(false);
        ValidationResult r = new MakefileValidator().validate(folder.resolve(file), options);
        if (expected.equals("FALSE")) {
            // drush refuses the file: so must the plugin, with drush's own rule.
            assertThat(r.errors()).isPositive();
            assertThat(MakefileFixture.rules(r)).contains(Rule.PROJECT_TWICE.id());
            return;
        }
        assertThat(Json.write(r.normalized().array().toJsonValue())).isEqualTo(expected);
        // The dump makefile-validate writes holds the same (read back with snakeyaml: JSON is YAML).
        assertThat(Json.write(new org.yaml.snakeyaml.Yaml().load(r.mergedJson())))
                .isEqualTo(expected);
    }

    @Test
    void givesProjectsSortedByNameWithTheirAttributes() throws Exception {
        fx.engine(MakeEngine.DRUSH_MAKE_2)
                .write(
                        "a.make",
                        "core = 6.38",
                        "projects[] = views",
                        "projects[drupal][type] = core",
                        "projects[admin_menu] = 1.6",
                        "projects[hostmaster][type] = profile",
                        "projects[hostmaster][download][type] = git",
                        "projects[hostmaster][download][tag] = 6.x-1.0-rc3",
                        "libraries[jquery_ui][download][type] = get",
                        "libraries[jquery_ui][download][url] = http://example.com/jquery.ui-1.6.zip");
        NormalizedMakefile m = fx.validate("a.make").normalized();
        assertThat(m.engine()).isEqualTo(MakeEngine.DRUSH_MAKE_2);
        assertThat(m.core()).isEqualTo("6.x");
        assertThat(m.coreRelease()).isEqualTo("6.38");
        assertThat(m.api()).isEqualTo("2");
        assertThat(m.projects().keySet()).containsExactly("admin_menu", "drupal", "hostmaster", "views");
        assertThat(m.projects().get("admin_menu").get("version")).isEqualTo("1.6");
        assertThat(m.projects().get("views").isEmpty()).isTrue();
        assertThat(m.projects().get("hostmaster").array("download").get("tag")).isEqualTo("6.x-1.0-rc3");
        assertThat(m.projectOrigin("admin_menu")).isEqualTo(new Origin("a.make", 4));
        assertThat(m.libraries().keySet()).containsExactly("jquery_ui");
        assertThat(m.libraries().get("jquery_ui").array("download").get("url"))
                .isEqualTo("http://example.com/jquery.ui-1.6.zip");
    }

    @Test
    void handsOutCopiesThatCannotChangeTheModel() throws Exception {
        fx.write("a.make", "core = 7.x", "api = 2", "projects[views][version] = 3.20");
        NormalizedMakefile m = fx.validate("a.make").normalized();
        m.projects().get("views").put("version", "3.x", new Origin("elsewhere", 1));
        m.array().remove("projects");
        assertThat(m.projects().get("views").get("version")).isEqualTo("3.20");
    }

    @Test
    void leavesOutEntriesDrushCannotReadAsProjects() throws Exception {
        fx.write("a.make", "core = 7.x", "api = 2", "projects[3][version] = 1.0", "projects[token][version] = 1.7");
        ValidationResult r = fx.validate("a.make");
        assertThat(MakefileFixture.rules(r)).contains(Rule.PROJECT_INCORRECT.id());
        assertThat(r.normalized().projects().keySet()).containsExactly("token");
    }

    @Test
    void keepsTheRawMergeApartFromTheNormalizedModel() throws Exception {
        fx.engine(MakeEngine.DRUSH_MAKE_2).write("a.make", "core = 7.61", "projects[] = views");
        ValidationResult r = fx.validate("a.make");
        assertThat(Json.write(r.merged().toJsonValue())).isEqualTo("{\"core\":\"7.61\",\"projects\":[\"views\"]}");
        assertThat(Json.write(r.normalized().array().toJsonValue()))
                .isEqualTo("{\"core\":\"7.x\",\"projects\":{\"views\":[]},\"core_release\":\"7.61\",\"api\":2}");
    }

    @Test
    void hasNoModelWhenDrushReadsNothing() throws Exception {
        fx.write("a.make", "; only a comment");
        ValidationResult r = fx.validate("a.make");
        assertThat(r.normalized()).isNull();
        assertThat(r.mergedJson()).isEqualTo("false");
    }

    @Test
    void malformedCoreGivesNoCore() throws Exception {
        fx.write("a.make", "core = seven", "api = 2");
        NormalizedMakefile m = fx.validate("a.make").normalized();
        assertThat(m.core()).isNull();
        assertThat(m.coreRelease()).isNull();
    }
}
