package io.github.aegirmaven.aegir.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.release.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeDigestTest {

    @TempDir
    Path tmp;

    private Path tree() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.createDirectories(root.resolve("b"));
        Files.setPosixFilePermissions(root.resolve("b"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(root.resolve("b/x.php"), "x");
        Files.setPosixFilePermissions(root.resolve("b/x.php"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(root.resolve("a.sh"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(root.resolve("a.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("b/x.php"));
        return root;
    }

    @Test
    void followsTheDocumentedRecipe() throws Exception {
        Path root = tree();
        String dash = "-".repeat(64);
        String records = "f 755 " + Sha256.of("#!/bin/sh\n".getBytes(StandardCharsets.UTF_8)) + " a.sh\0"
                + "d 755 " + dash + " b\0"
                + "f 644 " + Sha256.of("x".getBytes(StandardCharsets.UTF_8)) + " b/x.php\0"
                + "l 000 " + Sha256.of("b/x.php".getBytes(StandardCharsets.UTF_8)) + " link\0";

        assertThat(TreeDigest.of(root)).isEqualTo(Sha256.of(records.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void timesDoNotCountButModesAndContentDo() throws Exception {
        Path root = tree();
        String before = TreeDigest.of(root);
        Files.setLastModifiedTime(root.resolve("b/x.php"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        assertThat(TreeDigest.of(root)).isEqualTo(before);

        Files.setPosixFilePermissions(root.resolve("b/x.php"), PosixFilePermissions.fromString("rwxr-xr-x"));
        String modeChanged = TreeDigest.of(root);
        assertThat(modeChanged).isNotEqualTo(before);

        Files.setPosixFilePermissions(root.resolve("b/x.php"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.writeString(root.resolve("b/x.php"), "y");
        assertThat(TreeDigest.of(root)).isNotEqualTo(before).isNotEqualTo(modeChanged);
    }

    @Test
    void sitesAegirAddsAreNotPartOfThePlatform() throws Exception {
        Path root = tree();
        Files.createDirectories(root.resolve("sites/all/modules"));
        Files.createDirectories(root.resolve("sites/default"));
        String before = TreeDigest.of(root);
        Files.createDirectories(root.resolve("sites/aegir.example.com/files"));
        Files.writeString(root.resolve("sites/aegir.example.com/settings.php"), "<?php\n");
        assertThat(TreeDigest.of(root)).isEqualTo(before);

        Files.writeString(root.resolve("sites/default/settings.php"), "<?php\n");
        assertThat(TreeDigest.of(root)).isNotEqualTo(before);
    }

    @Test
    void whatProvisionsPlatformVerifyWritesIsNotPartOfThePlatform() throws Exception {
        Path root = tree();
        Files.createDirectories(root.resolve("sites/all/modules/views"));
        Files.writeString(root.resolve("sites/all/modules/views/views.module"), "<?php\n");
        String before = TreeDigest.of(root);
        // provision 6.x-1.0-rc3 platform verify: <root>/drushrc.php (0444), sites/all/{modules,themes,libraries} 2775.
        Files.writeString(root.resolve("drushrc.php"), "<?php $options['packages'] = array();\n");
        Files.setPosixFilePermissions(root.resolve("drushrc.php"), PosixFilePermissions.fromString("r--r--r--"));
        Files.createDirectories(root.resolve("sites/all/themes"));
        Files.createDirectories(root.resolve("sites/all/libraries"));
        Files.setPosixFilePermissions(root.resolve("sites/all/modules"), PosixFilePermissions.fromString("rwxrwxr-x"));
        assertThat(TreeDigest.of(root)).isEqualTo(before);

        Files.writeString(root.resolve("sites/all/modules/views/views.module"), "<?php // changed\n");
        assertThat(TreeDigest.of(root)).isNotEqualTo(before);
    }
}
