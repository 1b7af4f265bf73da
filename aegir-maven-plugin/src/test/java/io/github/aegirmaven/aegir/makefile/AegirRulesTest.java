package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static io.github.aegirmaven.aegir.makefile.MakefileFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostmaster platform: Drupal core, hostmaster, at the backend's release. */
class AegirRulesTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() throws Exception {
        fx = new MakefileFixture(dir).engine(MakeEngine.DRUSH_MAKE_2);
        fx.options = fx.options.withAegirVersion("6.x-1.0-rc3");
        // Aegir 6.x-1.x: hostmaster as a profile, pinned by git tag.
        fx.write(
                "aegir.make",
                "core = 6.x",
                "api = 2",
                "",
                "projects[drupal][type] = \"core\"",
                "projects[drupal][version] = \"6.20\"",
                "",
                "projects[hostmaster][type] = \"profile\"",
                "projects[hostmaster][download][type] = \"git\"",
                "projects[hostmaster][download][url] = \"http://git.drupal.org/project/hostmaster.git\"",
                "projects[hostmaster][download][tag] = \"6.x-1.0-rc3\"");
    }

    @Test
    void acceptsTheHostmasterPlatformAtTheBackendsRelease() throws Exception {
        ValidationResult r = fx.validate("aegir.make");
        assertThat(r.errors()).isZero();
        assertThat(r.warnings()).isZero();
        assertThat(lines(r, Rule.AEGIR_UNCHECKED))
                .containsExactly(
                        "aegir.make: info: not checked: which release drupal.org's release history gives"
                                + " for a version that"
                                + " is not exact, and whether each pinned release, tag and URL exists;"
                                + " only a drush run can"
                                + " tell. [aegir-unchecked]",
                        "aegir.make:7: info: not checked: the make file inside the hostmaster profile"
                                + " (hostmaster.make or"
                                + " drupal-org.make), which drush builds recursively after downloading"
                                + " hostmaster; the contrib"
                                + " modules it pins depend on that release. [aegir-unchecked]");
    }

    @Test
    void findsAHostmasterTagThatIsNotTheBackendsRelease() throws Exception {
        fx.options = fx.options.withAegirVersion("6.x-1.0");
        assertThat(lines(fx.validate("aegir.make"), Rule.HOSTMASTER_VERSION_MISMATCH))
                .containsExactly("aegir.make:10:"
                        + " error: hostmaster is pinned to 6.x-1.0-rc3 ([download][tag]) but"
                        + " aegirVersion is 6.x-1.0: the"
                        + " frontend built from this make file would not match the backend (provision"
                        + " 6.x-1.0). Pin hostmaster"
                        + " to 6.x-1.0, or set aegirVersion to 6.x-1.0-rc3 if that is the release you upgrade to."
                        + " [hostmaster-version-mismatch]");
    }

    @Test
    void readsThe6x2DistributionPinnedByVersion() throws Exception {
        fx.options = fx.options.withAegirVersion("6.x-2.5");
        fx.write(
                "release.make",
                "core = 6.x",
                "api = 2",
                "projects[hostmaster][type] = \"core\"",
                "projects[hostmaster][version] = \"2.4\"");
        ValidationResult r = fx.validate("release.make");
        assertThat(lines(r, Rule.HOSTMASTER_VERSION_MISMATCH))
                .singleElement()
                .asString()
                .startsWith("release.make:4: error: hostmaster is pinned to 6.x-2.4 ([version]) but"
                        + " aegirVersion is 6.x-2.5");
        assertThat(rules(r)).doesNotContain("core-missing");
        fx.write(
                "release.make",
                "core = 6.x",
                "api = 2",
                "projects[hostmaster][type] = \"core\"",
                "projects[hostmaster][version] = \"6.x-2.5\"");
        assertThat(fx.validate("release.make").errors()).isZero();
    }

    @Test
    void requiresDrupalCoreAndHostmaster() throws Exception {
        fx.options = fx.options.withHostmasterPlatform(true);
        fx.write("contrib.make", "core = 6.x", "api = 2", "projects[admin_menu][version] = 1.6");
        ValidationResult r = fx.validate("contrib.make");
        assertThat(lines(r, Rule.CORE_MISSING))
                .singleElement()
                .asString()
                .startsWith("contrib.make: error: this" + " hostmaster platform make file builds no Drupal core");
        assertThat(lines(r, Rule.HOSTMASTER_MISSING))
                .singleElement()
                .asString()
                .startsWith("contrib.make: error: this"
                        + " make file is checked as the hostmaster platform (hostmasterPlatform), but it has no project"
                        + " 'hostmaster'")
                .contains("[download][tag] = 6.x-1.0-rc3");
    }

    @Test
    void appliesOnlyToHostmasterPlatformsUnlessTold() throws Exception {
        fx.options = fx.options.withHostmasterPlatform(null);
        fx.write("contrib.make", "core = 6.x", "api = 2", "projects[admin_menu][version] = 1.6");
        assertThat(fx.validate("contrib.make").findings()).isEmpty();
        fx.options = fx.options.withHostmasterPlatform(false);
        assertThat(rules(fx.validate("aegir.make"))).isEmpty();
    }

    @Test
    void saysWhenABranchCannotBeComparedAndWhenTheCoreMajorIsWrong() throws Exception {
        fx.write(
                "dev.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[hostmaster][type] = profile",
                "projects[hostmaster][download][type] = git",
                "projects[hostmaster][download][url] = http://git.drupal.org/project/hostmaster.git",
                "projects[hostmaster][download][branch] = 7.x-3.x",
                "projects[hostmaster][type] = module");
        ValidationResult r = fx.validate("dev.make");
        assertThat(lines(r, Rule.HOSTMASTER_VERSION_UNKNOWN))
                .singleElement()
                .asString()
                .startsWith("dev.make:7:"
                        + " warning: hostmaster is pinned by the git branch 7.x-3.x, which does not show"
                        + " which release it"
                        + " builds, so it cannot be compared with aegirVersion 6.x-1.0-rc3.");
        assertThat(lines(r, Rule.AEGIR_CORE_MISMATCH))
                .containsExactly("dev.make:1: error: core is 7.x but aegirVersion"
                        + " 6.x-1.0-rc3 is an Aegir release for Drupal 6: its hostmaster does not run on"
                        + " Drupal 7. Set core ="
                        + " 6.x. [aegir-core-mismatch]");
        assertThat(lines(r, Rule.HOSTMASTER_TYPE))
                .singleElement()
                .asString()
                .startsWith("dev.make:8: error: project" + " hostmaster has type module");
    }

    @Test
    void notesThatTheVersionWasNotComparedWithoutAegirVersion() throws Exception {
        fx.options = fx.options.withAegirVersion(null);
        assertThat(lines(fx.validate("aegir.make"), Rule.AEGIR_UNCHECKED))
                .contains("aegir.make:10: info: aegirVersion"
                        + " is not set, so hostmaster 6.x-1.0-rc3 was not compared with the backend's"
                        + " release. Set aegirVersion"
                        + " (aegir.version). [aegir-unchecked]");
    }
}
