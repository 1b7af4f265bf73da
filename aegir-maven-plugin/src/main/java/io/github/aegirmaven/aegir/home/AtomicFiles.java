package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.UUID;

/**
 * Small-file writes that either happen completely or not at all: the text goes to a temporary file
 * beside the target, is forced to disk, and is then renamed over the target in one atomic step. The file
 * ends with mode 644 whatever the process umask (a build started under umask 077 or 000 writes the same).
 */
public final class AtomicFiles {

    /** rw-r--r--: what every file the plugin writes gets. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private AtomicFiles() {}

    /**
     * Gives {@code file} mode 644, overriding the umask it was created under; does nothing on a file
     * system without POSIX permissions.
     */
    public static void setFileMode(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, FILE_MODE);
        } catch (UnsupportedOperationException notPosix) {
            // keep the file system's default
        }
    }

    /**
     * Whether {@code name} is the temporary file of a {@link #write} that did not end (its process was killed between
     * creating it and renaming it over the target): never a file anyone needs.
     */
    public static boolean isUnfinishedWrite(String name) {
        return name.startsWith(".") && name.matches("\\..+\\.tmp-[0-9a-f]{8}");
    }

    /** Replaces {@code target} with {@code content} (UTF-8) atomically and durably. */
    public static void write(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp-"
                + UUID.randomUUID().toString().substring(0, 8));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            setFileMode(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("Cannot atomically replace " + target + ": " + e.getMessage(), e);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Forces a directory's entries (renames, creations, deletions) to disk; best effort. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems refuse to open or sync directories; the rename itself is still atomic.
        }
    }

    /** Deletes a file and syncs its directory. */
    public static boolean delete(Path file) throws IOException {
        boolean deleted = Files.deleteIfExists(file);
        if (deleted && file.toAbsolutePath().getParent() != null) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return deleted;
    }
}
