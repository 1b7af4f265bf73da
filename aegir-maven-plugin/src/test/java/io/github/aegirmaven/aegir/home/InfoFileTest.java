package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoFileTest {

    @TempDir
    Path tmp;

    @Test
    void lastVersionWinsQuotesStrippedCommentsAndArraysIgnored() {
        Map<String, String> info =
                InfoFile.parse("; $Id$\nname = Provision\r\ndescription = \"Aegir's backend, \\\"quoted\\\"\"\n"
                        + "dependencies[] = drush\nversion=0.4\n  ; indented comment = no\nnot a pair\n\n"
                        + "; Information added by drupal.org packaging script on 2011-03-31\nversion ="
                        + " \"6.x-1.0-rc3\"\n"
                        + "core = '6.x'\nempty =\n");
        assertThat(info)
                .containsEntry("name", "Provision")
                .containsEntry("description", "Aegir's backend, \"quoted\"")
                .containsEntry("version", "6.x-1.0-rc3")
                .containsEntry("core", "6.x")
                .containsEntry("empty", "")
                .doesNotContainKeys("dependencies[]", "dependencies", "not a pair", "; indented comment");
        assertThat(info.keySet()).containsExactly("name", "description", "version", "core", "empty");
    }

    @Test
    void versionOfAFile() throws Exception {
        Path f = Fixtures.write(tmp.resolve("x.info"), "version=0.4\nversion = \"6.x-1.0-rc3\"\n");
        assertThat(InfoFile.version(f)).contains("6.x-1.0-rc3");
        assertThat(InfoFile.version(tmp.resolve("missing.info"))).isEmpty();
        Path noVersion = Fixtures.write(tmp.resolve("y.info"), "name = y\nversion =\n");
        assertThat(InfoFile.version(noVersion)).isEmpty();
    }
}
