package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .make.yml files, detected and read as drush 7/8 do. */
class YamlMakefileTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() {
        fx = new MakefileFixture(dir).engine(MakeEngine.DRUSH_7_PLUS);
        fx.options = fx.options.withHostmasterPlatform(false);
    }

    @Test
    void readsYamlWithLinesAndSymfonyScalars() throws Exception {
        fx.write(
                "site.make.yml",
                "# comment",
                "core: 7.x",
                "api: 2",
                "projects:",
                "  drupal:",
                "    version: \"7.61\"",
                "  views:",
                "    version: \"3.20\"",
                "    patch:",
                "      - https://e.org/v.patch",
                "  ctools:",
                "    version: ~");
        ValidationResult r = fx.validate("site.make.yml");
        assertThat(Json.write(r.merged().toJsonValue()))
                .isEqualTo("{\"core\":\"7.x\",\"api\":2,\"projects\":{"
                        + "\"drupal\":{\"version\":\"7.61\"},\"views\":{\"version\":\"3.20\","
                        + "\"patch\":[\"https://e.org/v.patch\"]},"
                        + "\"ctools\":{\"version\":null}},\"format\":\"yaml\"}");
        assertThat(lines(r, Rule.PATCH_NO_CHECKSUM))
                .singleElement()
                .asString()
                .startsWith("site.make.yml:10: warning:");
        assertThat(lines(r, Rule.UNPINNED_PROJECT))
                .singleElement()
                .asString()
                .startsWith("site.make.yml:12: warning:" + " project ctools has no version");
    }

    @Test
    void warnsWhenAnUnquotedNumberIsNotTheVersionWritten() throws Exception {
        fx.write(
                "n.make.yml",
                "core: 7.x",
                "api: 2",
                "projects:",
                "  views:",
                "    version: 3.10",
                "  token:",
                "    version: 1.6");
        ValidationResult r = fx.validate("n.make.yml");
        assertThat(lines(r, Rule.YAML_NUMBER))
                .containsExactly("n.make.yml:5: warning: \"3.10\" is unquoted, so YAML"
                        + " reads it as a number and drush uses \"3.1\" instead. Quote it: \"3.10\". [yaml-number]");
        assertThat(r.merged().array("projects").array("views").get("version")).isEqualTo(3.1);
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine() throws Exception {
        fx.write("bad.make.yml", "core: 7.x", "projects:", "  views: 3.x", "    version: \"3.20\"");
        assertThat(lines(fx.validate("bad.make.yml"), Rule.UNKNOWN_FORMAT))
                .singleElement()
                .asString()
                .startsWith("bad.make.yml:4: error: YAML syntax error: mapping values are not allowed here");
    }

    @Test
    void triesYamlThenIniForFilesWithoutCore() throws Exception {
        fx.write("main.make", "core = 7.x", "api = 2", "includes[] = inc.make.yml", "includes[] = inc.make");
        fx.write("inc.make.yml", "projects:", "  views:", "    version: \"3.20\"");
        fx.write("inc.make", "projects[token][version] = 1.6");
        ValidationResult r = fx.validate("main.make");
        assertThat(r.findings()).isEmpty();
        assertThat(r.merged().array("projects").keys()).containsExactly("token", "views");
        assertThat(r.merged().array("projects").array("views").origin("version"))
                .isEqualTo(new Origin("inc.make.yml", 3));
    }

    @Test
    void olderDrushCannotReadYaml() throws Exception {
        fx.engine(MakeEngine.DRUSH_MAKE_2).write("old.make.yml", "core: 6.x", "api: 2");
        assertThat(lines(fx.validate("old.make.yml"), Rule.YAML_UNSUPPORTED))
                .singleElement()
                .asString()
                .contains("YAML make files need drush 7 or later; drush 4.x with drush_make 6.x-2.x read it as INI");
    }

    @Test
    void resolvesScalarsAsSymfonyYamlDoes() {
        assertThat(YamlParser.resolve("~")).isNull();
        assertThat(YamlParser.resolve("NULL")).isNull();
        assertThat(YamlParser.resolve("True")).isEqualTo(Boolean.TRUE);
        assertThat(YamlParser.resolve("yes")).isEqualTo("yes");
        assertThat(YamlParser.resolve("2")).isEqualTo(2L);
        assertThat(YamlParser.resolve("0755")).isEqualTo(493L);
        assertThat(YamlParser.resolve("1.0")).isEqualTo(1.0);
        assertThat(YamlParser.resolve("7.x")).isEqualTo("7.x");
    }
}
