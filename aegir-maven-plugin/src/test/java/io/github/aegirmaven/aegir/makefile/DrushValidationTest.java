package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static io.github.aegirmaven.aegir.makefile.MakefileFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** drush's own validation, with drush's wording, for every engine. */
class DrushValidationTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() {
        fx = new MakefileFixture(dir).engine(MakeEngine.DRUSH_MAKE_2);
        fx.options = fx.options.withHostmasterPlatform(false);
    }

    @ParameterizedTest
    @EnumSource(MakeEngine.class)
    void aCleanMakeFileHasNoFindings(MakeEngine engine) throws Exception {
        fx.engine(engine)
                .write(
                        "ok.make",
                        "core = 7.x",
                        "api = 2",
                        "projects[drupal][version] = 7.61",
                        "projects[views][version] = \"3.20\"",
                        "projects[views][subdir] = contrib");
        ValidationResult r = fx.validate("ok.make");
        assertThat(r.findings()).isEmpty();
        assertThat(r.summary()).isEqualTo("makefile-validate: 0 errors, 0 warnings in 1 file");
    }

    @Test
    void requiresCoreAndChecksItsFormat() throws Exception {
        fx.write("a.make", "api = 2", "projects[drupal][version] = 7.61");
        assertThat(lines(fx.validate("a.make"), Rule.CORE_REQUIRED))
                .containsExactly("a.make: error: The 'core' attribute is required (found no core line). Add a"
                        + " line with the Drupal major version the platform is built for, such as core = 6.x"
                        + " (Aegir 1.x's hostmaster) or core = 7.x. [core-required]");
        fx.write("b.make", "core = \"\"", "api = 2");
        assertThat(lines(fx.validate("b.make"), Rule.CORE_REQUIRED))
                .singleElement()
                .asString()
                .startsWith("b.make:1: error: The 'core' attribute is required (found core = \"\")");
        fx.write("c.make", "core = 7.x-dev", "api = 2");
        assertThat(lines(fx.validate("c.make"), Rule.CORE_FORMAT))
                .singleElement()
                .asString()
                .startsWith("c.make:1: error: The 'core' attribute 7.x-dev has an incorrect format.");
        for (String ok : new String[] {"6.x", "7", "6.20", "8.4-rc1"}) {
            fx.write("d.make", "core = " + ok, "api = 2");
            assertThat(rules(fx.validate("d.make"))).as(ok).doesNotContain("core-format", "core-required");
        }
    }

    @Test
    void warnsWithoutApiAndRejectsOtherApis() throws Exception {
        fx.write("a.make", "core = 7.x");
        assertThat(lines(fx.validate("a.make"), Rule.API_MISSING))
                .singleElement()
                .asString()
                .startsWith("a.make: warning: You need to specify an API version of two in your makefile: api = 2");
        fx.write("b.make", "core = 7.x", "api = 3");
        assertThat(lines(fx.validate("b.make"), Rule.API_VERSION))
                .singleElement()
                .asString()
                .startsWith("b.make:2: error: The specified API attribute is incompatible with this version of"
                        + " Drush Make (found api = \"3\", expected api = 2)");
        fx.write("c.make", "core = 7.x", "api = 2.0");
        assertThat(rules(fx.validate("c.make"))).doesNotContain("api-version");
    }

    @Test
    void projectsAndLibrariesMustBeArrays() throws Exception {
        fx.write("a.make", "core = 7.x", "api = 2", "projects = views", "libraries = jquery");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.PROJECTS_ARRAY))
                .singleElement()
                .asString()
                .startsWith("a.make:3: error: 'projects' attribute must be an array (found projects = \"views\")");
        assertThat(lines(r, Rule.LIBRARIES_ARRAY))
                .singleElement()
                .asString()
                .startsWith("a.make:4: error: 'libraries' attribute must be an array");
    }

    @Test
    void findsProjectsDefinedTwiceAsDrushMake2Does() throws Exception {
        fx.write("a.make", "core = 6.x", "api = 2", "projects[] = views", "projects[views][version] = 2.16");
        assertThat(lines(fx.validate("a.make"), Rule.PROJECT_TWICE))
                .containsExactly("a.make:4: error: Project views"
                        + " defined twice (remove the first projects[] = views). The first definition is"
                        + " at a.make:3; keep"
                        + " one of them. [project-twice]");
    }

    @Test
    void reportsWhatDrush7SilentlyLosesWhenAProjectIsDefinedTwice() throws Exception {
        fx.engine(MakeEngine.DRUSH_7_PLUS)
                .write("a.make", "core = 7.x", "api = 2", "projects[views][version] = 3.20", "projects[] = views");
        ValidationResult r = fx.validate("a.make");
        // drush 8 accepts this (no "defined twice" error): the refusal is our own rule, not drush's verdict.
        assertThat(lines(r, Rule.PROJECT_TWICE)).isEmpty();
        assertThat(lines(r, Rule.PROJECT_REDEFINED))
                .singleElement()
                .asString()
                .startsWith("a.make:4: error: Project views is defined twice: projects[] = views replaces"
                        + " projects[views] from a.make:3 with an empty definition. drush 7 and later accept this")
                .contains("lose [version]; this plugin's rule project-redefined refuses it")
                .endsWith("[project-redefined]");
        assertThat(r.merged().array("projects").array("views").get("version")).isEqualTo("");
        assertThat(r.normalized().projects().get("views").get("version")).isEqualTo("");

        fx.options = fx.options.withRules(RuleSettings.defaults().with("project-redefined=warning", "test"));
        ValidationResult lenient = fx.validate("a.make");
        assertThat(lenient.errors()).isZero();
        assertThat(lines(lenient, Rule.PROJECT_REDEFINED))
                .singleElement()
                .asString()
                .contains(": warning: ");
    }

    @Test
    void rejectsProjectsDrushCannotRead() throws Exception {
        fx.write("a.make", "core = 7.x", "api = 2", "projects[3][version] = 1.0", "projects[token] = TRUE");
        assertThat(lines(fx.validate("a.make"), Rule.PROJECT_INCORRECT))
                .containsExactly(
                        "a.make:3: error: Project 3 incorrectly specified (found projects[3] = an"
                                + " array). Write projects[] ="
                                + " name, projects[name] = version or projects[name][attribute] = value."
                                + " [project-incorrect]",
                        "a.make:4: error: Project token incorrectly specified (found projects[token] ="
                                + " TRUE). Write projects[]"
                                + " = name, projects[name] = version or projects[name][attribute] ="
                                + " value. [project-incorrect]");
    }

    @Test
    void dropsProjectsSetToFalse() throws Exception {
        fx.write("a.make", "core = 7.x", "api = 2", "projects[views] = FALSE", "projects[cck] = 0");
        assertThat(fx.validate("a.make").findings()).isEmpty();
    }

    @Test
    void rejectsPathsLeavingTheBuild() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[a][version] = 1.0",
                "projects[a][subdir] = ../../etc",
                "projects[b][version] = 1.0",
                "projects[b][directory_name] = /tmp/x",
                "projects[c][version] = 1.0",
                "projects[c][subdir] = contrib/../../x",
                "projects[d][version] = 1.0",
                "projects[d][subdir] = x/..",
                "libraries[l][download][type] = file",
                "libraries[l][download][url] = http://e.org/l.zip",
                "libraries[l][download][md5] = 0123",
                "libraries[l][contrib-destination] = ../lib",
                "libraries[l][destination] = ../../not-checked-by-drush");
        assertThat(lines(fx.validate("a.make"), Rule.ILLEGAL_PATH))
                .containsExactly(
                        "a.make:4: error: Illegal path ../../etc for 'subdir' attribute in project a."
                                + " Expected a path inside"
                                + " the build (not starting with / or .., no /../); use a relative path"
                                + " such as contrib."
                                + " [illegal-path]",
                        "a.make:6: error: Illegal path /tmp/x for 'directory_name' attribute in project"
                                + " b. Expected a path"
                                + " inside the build (not starting with / or .., no /../); use a relative path such as"
                                + " contrib. [illegal-path]",
                        "a.make:8: error: Illegal path contrib/../../x for 'subdir' attribute in project"
                                + " c. Expected a path"
                                + " inside the build (not starting with / or .., no /../); use a relative path such as"
                                + " contrib. [illegal-path]",
                        "a.make:14: error: Illegal path ../lib for 'contrib-destination' attribute in"
                                + " library l. Expected a"
                                + " path inside the build (not starting with / or .., no /../); use a"
                                + " relative path such as"
                                + " contrib. [illegal-path]");
    }

    @Test
    void reportsEmptyFilesAndFilesWithoutAssignments() throws Exception {
        Files.writeString(dir.resolve("empty.make"), "");
        assertThat(lines(fx.validate("empty.make"), Rule.EMPTY_FILE))
                .containsExactly("empty.make: error: Invalid or"
                        + " empty make file: empty.make (it is empty). Expected at least core ="
                        + " 7.x and api = 2. [empty-file]");
        fx.write("words.make", "; only a comment", "and words");
        ValidationResult r = fx.validate("words.make");
        assertThat(lines(r, Rule.EMPTY_FILE)).singleElement().asString().contains("no line of it is a 'key = value'");
        assertThat(r.merged()).isNull();
        assertThat(r.mergedJson()).isEqualTo("false");
    }

    @Test
    void checksProjectTypesAndASingleCoreProject() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[pressflow][type] = core",
                "projects[pressflow][version] = 7.61",
                "projects[views][type] = modul",
                "projects[views][version] = 3.20");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.CORE_TWICE))
                .containsExactly("a.make:4: error: More than one core project"
                        + " specified: drupal (a.make:3), pressflow (a.make:4). Keep exactly one"
                        + " core project. [core-twice]");
        assertThat(lines(r, Rule.PROJECT_TYPE))
                .singleElement()
                .asString()
                .startsWith("a.make:6: error: Non-existent project type modul on project views.");
    }

    @Test
    void warnsAboutKeysAndAttributesDrushIgnores() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "#projects[ctools] = 1.3",
                "prjects[views][version] = 3.20",
                "projects[token][verison] = 1.6");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.UNKNOWN_KEY))
                .containsExactly(
                        "a.make:3: warning: '#' does not start a comment in drush's INI format: this"
                                + " line is an assignment"
                                + " to the key \"#projects\", which drush ignores. Start comment lines"
                                + " with ';'. [unknown-key]",
                        "a.make:4: warning: drush ignores the top-level key 'prjects'. Check the"
                                + " spelling (known keys: core,"
                                + " api, projects, libraries, includes, defaults). [unknown-key]");
        assertThat(lines(r, Rule.UNKNOWN_ATTRIBUTE))
                .singleElement()
                .asString()
                .startsWith("a.make:5: warning: drush does not use the project attribute 'verison' of project token");
    }

    @Test
    void aByteOrderMarkHidesTheCoreLine() throws Exception {
        Files.write(
                dir.resolve("bom.make"),
                "\uFEFFcore = 7.x\napi = 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ValidationResult r = fx.validate("bom.make");
        assertThat(rules(r)).containsExactly("core-required", "byte-order-mark");
        assertThat(lines(r, Rule.CORE_REQUIRED)).singleElement().asString().contains("because of the byte order mark");
    }
}
