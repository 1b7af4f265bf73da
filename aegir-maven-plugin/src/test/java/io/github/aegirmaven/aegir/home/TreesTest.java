package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreesTest {

    @TempDir
    Path tmp;

    @Test
    void deletesReadOnlyTreesWithoutFollowingLinks() throws Exception {
        Path outside = Fixtures.write(tmp.resolve("keep/settings.php"), "<?php // someone else's\n");
        Path set = tmp.resolve("pre-upgrade-2011-04-07-122030");
        Path site = Fixtures.write(set.resolve("hostmaster/sites/aegir.example.com/settings.php"), "<?php\n")
                .getParent();
        Files.createSymbolicLink(set.resolve("hostmaster/link-to-keep"), outside.getParent());
        Files.createSymbolicLink(set.resolve("dangling"), tmp.resolve("nowhere"));
        Files.setPosixFilePermissions(site, PosixFilePermissions.fromString("r-xr-xr-x")); // as Drupal leaves it

        Trees.deleteRecursively(set);

        assertThat(set).doesNotExist();
        assertThat(outside).hasContent("<?php // someone else's");
        Trees.deleteRecursively(tmp.resolve("never-existed")); // nothing to do
    }

    @Test
    void sameFileSystem() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b/c"));
        assertThat(Trees.sameFileSystem(a, b)).isTrue();
    }
}
