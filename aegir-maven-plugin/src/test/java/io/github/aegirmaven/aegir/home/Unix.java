package io.github.aegirmaven.aegir.home;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Assumptions and set-up for tests that need root and the aegir system user. Test support. */
public final class Unix {

    private Unix() {}

    public static boolean aegirUserExists() {
        try {
            UnixUser.lookup("aegir");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Skips the test unless running as root with an {@code aegir} system user (CI creates it). */
    public static UnixUser assumeRootAndAegir() throws Exception {
        assumeTrue(Ownership.isRoot(), "needs root: acts as the aegir user through su and chown");
        assumeTrue(
                aegirUserExists(),
                "needs the aegir system user "
                        + "(useradd --system --create-home --home-dir /var/aegir --shell /bin/sh aegir)");
        return UnixUser.lookup("aegir");
    }

    /**
     * Makes {@code dir} (and its parents up to the temp root) reachable by other users and gives the tree to
     * {@code user}: a JUnit temp dir is 0700.
     */
    public static void handTo(Path dir, UnixUser user, Path tempRoot) throws IOException {
        for (Path p = dir; p != null && p.startsWith(tempRoot); p = p.getParent()) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Ownership.chownTree(dir, user);
    }
}
