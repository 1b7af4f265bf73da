package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * Homes for sandboxes in tests. As root with the aegir user they go under /tmp/aegir-it (which
 * the aegir user can reach) and belong to aegir; otherwise under the test's temporary directory,
 * owned by the current user.
 */
final class TestHomes {

    private TestHomes() {}

    static boolean asAegir() {
        return Host.whyNoAegirUser().isEmpty();
    }

    static Optional<String> owner() {
        return asAegir() ? Optional.of(Host.AEGIR_USER) : Optional.empty();
    }

    /** A fresh, not yet existing home path. */
    static Path newHome(Path tempDir, String name) throws IOException {
        if (asAegir()) {
            Path base = Path.of(ItSupport.ROOT_HOMES);
            Sandbox.createDirectoriesTraversable(base);
            return base.resolve(
                    "unit-" + name + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return tempDir.resolve(name);
    }

    static Sandbox sandbox(Path tempDir, String name) throws IOException {
        return Sandbox.create(newHome(tempDir, name), TestReleases.dir(), owner());
    }

    static void cleanUp(Sandbox sandbox) throws IOException {
        if (sandbox != null && sandbox.home().startsWith(ItSupport.ROOT_HOMES)) {
            Sandbox.delete(sandbox.home());
        }
        if (sandbox != null && sandbox.owner().isPresent()) {
            Host.removeCrontab(sandbox.owner().get());
        }
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
