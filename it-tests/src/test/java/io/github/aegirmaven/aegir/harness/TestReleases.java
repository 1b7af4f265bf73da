package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The release fixtures built once per test JVM from src/releases into target/test-releases. */
final class TestReleases {

    static final Path SOURCES = Path.of("src/releases");
    private static Path dir;

    private TestReleases() {}

    static synchronized Path dir() {
        if (dir == null) {
            Path out = Path.of("target/test-releases").toAbsolutePath();
            try {
                ReleaseCatalog.buildAll(SOURCES, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dir = out;
        }
        return dir;
    }

    static Path tarball(Release release) {
        return dir().resolve(release.fileName());
    }
}
