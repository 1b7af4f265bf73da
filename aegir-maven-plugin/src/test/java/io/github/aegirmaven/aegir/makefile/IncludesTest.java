package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** includes[] as each drush merges them. */
class IncludesTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new MakefileFixture(dir);
        fx.options = fx.options.withHostmasterPlatform(false);
        fx.write(
                "main.make",
                "core = 6.x",
                "api = 2",
                "includes[] = base.make",
                "projects[views][version] = 2.16",
                "projects[cck] = FALSE");
        fx.write(
                "base.make",
                "core = 6.x",
                "api = 2",
                "projects[drupal][version] = 6.20",
                "projects[views][version] = 2.12",
                "projects[views][subdir] = contrib",
                "projects[cck][version] = 2.9");
    }

    @Test
    void drushMake2GluesIncludedTextInFrontSoTheIncluderWins() throws Exception {
        ValidationResult r = fx.engine(MakeEngine.DRUSH_MAKE_2).validate("main.make");
        assertThat(Json.write(r.merged().toJsonValue()))
                .isEqualTo("{\"core\":\"6.x\",\"api\":\"2\",\"projects\":"
                        + "{\"drupal\":{\"version\":\"6.20\"},\"views\":{\"version\":\"2.16\",\"subdir\":\"contrib\"},"
                        + "\"cck\":false},\"includes\":[\"base.make\"]}");
        assertThat(r.files()).containsExactly("main.make", "base.make");
        assertThat(r.merged().array("projects").array("views").origin("version"))
                .isEqualTo(new Origin("main.make", 4));
        assertThat(r.merged().array("projects").array("views").origin("subdir")).isEqualTo(new Origin("base.make", 5));
        assertThat(r.findings()).isEmpty();
        assertThat(r.summary()).isEqualTo("makefile-validate: 0 errors, 0 warnings in 2 files");
    }

    @Test
    void drush7MergesArraysUnderTheIncluderAndExpandsProjects() throws Exception {
        ValidationResult r = fx.engine(MakeEngine.DRUSH_7_PLUS).validate("main.make");
        assertThat(Json.write(r.merged().toJsonValue()))
                .isEqualTo("{\"core\":\"6.x\",\"api\":\"2\",\"projects\":"
                        + "{\"drupal\":{\"version\":\"6.20\"},\"views\":{\"version\":\"2.16\",\"subdir\":\"contrib\"},"
                        + "\"cck\":false},\"format\":\"ini\",\"includes\":[]}");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void drush7OverridesGoOverTheIncluder() throws Exception {
        fx.write("over.make", "core = 6.x", "api = 2", "overrides[] = pins.make", "projects[views][version] = 2.16");
        fx.write("pins.make", "projects[views][version] = 2.17");
        ValidationResult r = fx.engine(MakeEngine.DRUSH_7_PLUS).validate("over.make");
        assertThat(r.merged().array("projects").array("views").get("version")).isEqualTo("2.17");
        assertThat(r.merged().array("projects").array("views").origin("version"))
                .isEqualTo(new Origin("pins.make", 1));
    }

    @Test
    void onlyDrush5AndLaterLookInTheWorkingDirectory() throws Exception {
        fx.write("sub/site.make", "core = 6.x", "api = 2", "includes[] = base.make");
        ValidationResult make2 = fx.engine(MakeEngine.DRUSH_MAKE_2).validate("sub/site.make");
        assertThat(lines(make2, Rule.INCLUDE_MISSING))
                .containsExactly("sub/site.make:3: error: Include file missing:"
                        + " base.make (looked for: sub/base.make (next to sub/site.make)). Fix the path"
                        + " or URL in includes[]."
                        + " [include-missing]");
        ValidationResult drush5 = fx.engine(MakeEngine.DRUSH_5).validate("sub/site.make");
        assertThat(lines(drush5, Rule.INCLUDE_MISSING)).isEmpty();
        assertThat(drush5.files()).containsExactly("sub/site.make", "base.make");
    }

    @Test
    void drush7ReportsThatItStopsOnAMissingInclude() throws Exception {
        fx.write("gone.make", "core = 6.x", "api = 2", "includes[] = nowhere.make");
        assertThat(lines(fx.engine(MakeEngine.DRUSH_7_PLUS).validate("gone.make"), Rule.INCLUDE_MISSING))
                .singleElement()
                .asString()
                .startsWith("gone.make:3: error: Include file missing: nowhere.make (looked"
                        + " for: nowhere.make (next to gone.make); nowhere.make (in the working directory)). drush 7+"
                        + " then stops with \"Cannot determine include file location\".");
    }

    @Test
    void gluesTextAcrossFilesInDrushMake2AndNamesBothFiles() throws Exception {
        fx.write("tail.make", "projects[a][version] = 1.0", "notes without a newline");
        fx.write("head.make", "includes[] = tail.make", "core = 6.x", "api = 2");
        ValidationResult r = fx.engine(MakeEngine.DRUSH_MAKE_2).validate("head.make");
        assertThat(lines(r, Rule.GLUED_LINE))
                .singleElement()
                .asString()
                .startsWith("head.make:1: warning: text at"
                        + " tail.make:2 (\"notes without a newline\") is not 'key = value': drush glues"
                        + " it onto the next key,"
                        + " so \"includes[] = tail.make\" at head.make:1 is stored under the key");
    }

    @Test
    void detectsIncludeCycles() throws Exception {
        fx.write("a.make", "core = 6.x", "api = 2", "includes[] = b.make");
        fx.write("b.make", "includes[] = a.make", "projects[x][version] = 1.0");
        for (MakeEngine engine : MakeEngine.values()) {
            assertThat(lines(fx.engine(engine).validate("a.make"), Rule.INCLUDE_CYCLE))
                    .as(engine.name())
                    .containsExactly("b.make:1: error: a.make is already being read when it is included here; drush"
                            + " would include it again and again until PHP runs out of memory. Remove this include."
                            + " [include-cycle]");
        }
    }

    @Test
    void saysWhatItCannotCheckInGitHostedIncludes() throws Exception {
        fx.write(
                "git.make",
                "core = 7.x",
                "api = 2",
                "includes[remote][makefile] = profile.make",
                "includes[remote][download][type] = git",
                "includes[remote][download][url] = https://e.org/p.git");
        assertThat(lines(fx.engine(MakeEngine.DRUSH_7_PLUS).validate("git.make"), Rule.INCLUDE_UNCHECKED))
                .singleElement()
                .asString()
                .startsWith("git.make:3: warning: includes[remote] is a make file drush"
                        + " checks out of a git repository (makefile profile.make from https://e.org/p.git)");
    }

    @Test
    void reportsAnEmptyIncludedFileAtTheIncludeLine() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("blank.make"), "");
        fx.write("host.make", "core = 6.x", "api = 2", "includes[] = blank.make");
        assertThat(lines(fx.engine(MakeEngine.DRUSH_MAKE_2).validate("host.make"), Rule.EMPTY_FILE))
                .containsExactly("host.make:3: error: Invalid or empty make file: blank.make (it is empty). drush then"
                        + " also reports \"Include file missing\". Expected at least core = 7.x"
                        + " and api = 2. [empty-file]");
    }

    @Test
    void aMissingTopLevelFileIsTheUsersToFix() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fx.validate("nope.make"))
                .isInstanceOf(io.github.aegirmaven.aegir.core.UserFixableException.class)
                .hasMessageContaining("makefile (-Daegir.makefile) ")
                .hasMessageContaining("does not exist");
    }
}
