package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Modes as the manual's umask 022 would give them, whatever the umask of this process: directories 755,
 * files 644, or 755 when the file had any execute bit. setuid, setgid and sticky bits are dropped (chmod
 * through the POSIX view always sets the whole mode). Symbolic links are left alone and not followed.
 */
public final class FileModes {

    public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwxr-xr-x");
    public static final Set<PosixFilePermission> EXECUTABLE = DIRECTORY;
    public static final Set<PosixFilePermission> REGULAR = PosixFilePermissions.fromString("rw-r--r--");

    private FileModes() {}

    public static void normalizeTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, DIRECTORY);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    Set<PosixFilePermission> now = Files.getPosixFilePermissions(file);
                    boolean exec = now.contains(PosixFilePermission.OWNER_EXECUTE)
                            || now.contains(PosixFilePermission.GROUP_EXECUTE)
                            || now.contains(PosixFilePermission.OTHERS_EXECUTE);
                    Files.setPosixFilePermissions(file, exec ? EXECUTABLE : REGULAR);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
