package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static io.github.aegirmaven.aegir.makefile.MakefileFixture.rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility: what makes two builds of the same make file differ. */
class PinRulesTest {

    @TempDir
    Path dir;

    MakefileFixture fx;

    @BeforeEach
    void setUp() {
        fx = new MakefileFixture(dir).engine(MakeEngine.DRUSH_7_PLUS);
        fx.options = fx.options.withHostmasterPlatform(false);
    }

    @Test
    void findsProjectsWithoutAnExactVersion() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[] = views",
                "projects[ctools][version] = 1.x",
                "projects[token][version] = 1",
                "projects[entity][version] = 1.9",
                "projects[admin_menu][version] = 3.0-rc5",
                "projects[pathauto] = 7.x-1.3");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.UNPINNED_PROJECT))
                .containsExactly(
                        "a.make:4: warning: project views has no version: drush downloads whatever release drupal.org"
                                + " recommends on the day of the build. Pin the exact release you tested:"
                                + " projects[views][version] = <major>.<minor> (without the 7.x-"
                                + " prefix). [unpinned-project]",
                        "a.make:5: warning: project ctools has version 1.x, which names only a major"
                                + " version: drush takes"
                                + " the newest 1.x release on the day of the build. Pin the exact release you tested"
                                + " (<major>.<minor>). [unpinned-project]",
                        "a.make:6: warning: project token has version 1, which names only a major"
                                + " version: drush takes the"
                                + " newest 1 release on the day of the build. Pin the exact release you tested"
                                + " (<major>.<minor>). [unpinned-project]");
    }

    @Test
    void findsDevelopmentSnapshots() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[views][version] = 3.x-dev");
        assertThat(lines(fx.validate("a.make"), Rule.DEV_VERSION))
                .containsExactly("a.make:4: warning: project views"
                        + " is pinned to the development snapshot 3.x-dev, whose code changes from day"
                        + " to day. Pin a release"
                        + " instead (no -dev). [dev-version]");
    }

    @Test
    void findsGitDownloadsPinnedOnlyByBranch() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[a][download][type] = git",
                "projects[a][download][url] = https://e.org/a.git",
                "projects[a][download][branch] = 7.x-1.x",
                "projects[b][download][type] = git",
                "projects[b][download][url] = https://e.org/b.git",
                "projects[c][download][type] = git",
                "projects[c][download][tag] = 7.x-1.0",
                "projects[d][download][revision] = 2fe932c",
                "projects[d][download][branch] = 7.x-1.x");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.GIT_BRANCH_ONLY))
                .containsExactly("a.make:6: warning: project a is checked out from"
                        + " git branch 7.x-1.x only: each build gets whatever the branch holds that day."
                        + " Pin [download][tag] or"
                        + " [download][revision] (a commit id). [git-branch-only]");
        assertThat(lines(r, Rule.UNPINNED_PROJECT))
                .singleElement()
                .asString()
                .startsWith("a.make:7: warning: project b is cloned from git with no tag, revision or branch");
    }

    @Test
    void findsFileDownloadsAndPatchesWithoutChecksum() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[drupal][patch][] = https://e.org/core.patch",
                "projects[drupal][patch][local] = patches/local.patch",
                "projects[drupal][patch][sum][url] = https://e.org/sum.patch",
                "projects[drupal][patch][sum][md5] = 0cc175b9c0f1b6a831c399e269772661",
                "libraries[ckeditor][download][type] = get",
                "libraries[ckeditor][download][url] = https://e.org/ck.zip",
                "libraries[tinymce][download][type] = file",
                "libraries[tinymce][download][url] = https://e.org/t.zip",
                "libraries[tinymce][download][sha256] ="
                        + " 2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae");
        ValidationResult r = fx.validate("a.make");
        assertThat(lines(r, Rule.PATCH_NO_CHECKSUM))
                .containsExactly("a.make:4: warning: the patch"
                        + " https://e.org/core.patch for project drupal has no checksum: if the file on"
                        + " the server changes,"
                        + " the build changes with it. Write it as [patch][name][url] = https://e.org/core.patch with"
                        + " [patch][name][md5] = <md5 of the patch>. [patch-no-checksum]");
        assertThat(lines(r, Rule.DOWNLOAD_NO_CHECKSUM))
                .containsExactly("a.make:9: warning: library ckeditor is"
                        + " downloaded from https://e.org/ck.zip with no checksum: a changed or corrupted file would go"
                        + " unnoticed. Add [download][md5] (or sha1, sha256, sha512 where your drush"
                        + " supports them) with the"
                        + " file's sum. [download-no-checksum]");
    }

    @Test
    void findsCoreWithoutAnExactRelease() throws Exception {
        fx.write("a.make", "core = 6.x", "api = 2", "projects[drupal][type] = core");
        assertThat(lines(fx.validate("a.make"), Rule.CORE_NOT_EXACT))
                .containsExactly("a.make:3: warning: Drupal core"
                        + " (project drupal) has no version: drush downloads the newest core"
                        + " release on the day of the"
                        + " build. Pin the exact release you tested: projects[drupal][version] ="
                        + " 6.<minor>. [core-not-exact]");
        fx.write("b.make", "core = 7.x", "api = 2", "projects[drupal][version] = 7.x");
        assertThat(rules(fx.validate("b.make"))).containsExactly("core-not-exact");
    }

    @Test
    void rulesCanBeRaisedOrSwitchedOff() throws Exception {
        fx.write(
                "a.make",
                "core = 7.x",
                "api = 2",
                "projects[drupal][version] = 7.61",
                "projects[views][version] = 3.x-dev",
                "projects[] = token");
        fx.options = fx.options.withRules(RuleSettings.defaults()
                .with(Map.of("dev-version", "error"), "rules")
                .with("unpinned-project=off", "aegir.makefile.rules"));
        ValidationResult r = fx.validate("a.make");
        assertThat(r.findings())
                .extracting(Finding::toString)
                .containsExactly("a.make:4: error: project views is"
                        + " pinned to the development snapshot 3.x-dev, whose code changes from day to"
                        + " day. Pin a release"
                        + " instead (no -dev). [dev-version]");
        assertThat(r.errors()).isEqualTo(1);
        assertThat(r.warnings()).isZero();
        assertThat(r.summary()).isEqualTo("makefile-validate: 1 error, 0 warnings in 1 file");
    }
}
