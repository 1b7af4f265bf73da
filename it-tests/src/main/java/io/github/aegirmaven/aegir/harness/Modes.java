package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** POSIX permission bits as numbers (0644) and back. */
public final class Modes {

    private static final PosixFilePermission[] ORDER = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
    };

    private Modes() {}

    public static int toInt(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (int bit = 0; bit < ORDER.length; bit++) {
            if (permissions.contains(ORDER[bit])) {
                mode |= 1 << bit;
            }
        }
        return mode;
    }

    public static Set<PosixFilePermission> toSet(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < ORDER.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(ORDER[bit]);
            }
        }
        return permissions;
    }

    /** Sets the permission bits of {@code path} (0777 at most; whatever the umask). */
    public static void set(Path path, int mode) throws IOException {
        Files.setPosixFilePermissions(path, toSet(mode));
    }

    /** The permission bits of {@code path}, not following a symbolic link. */
    public static int of(Path path) throws IOException {
        return toInt(
                Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                        .permissions());
    }
}
