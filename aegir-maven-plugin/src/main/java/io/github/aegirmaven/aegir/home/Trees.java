package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.commons.io.file.Counters;
import org.apache.commons.io.file.DeleteOption;
import org.apache.commons.io.file.DeletingPathVisitor;
import org.apache.commons.io.file.PathUtils;

/** Directory-tree helpers that never follow symbolic links. */
public final class Trees {

    private Trees() {}

    /**
     * Deletes a file or a whole tree. Symbolic links are removed, never followed. Directories without the
     * owner's write bit (Drupal makes {@code sites/<domain>} read-only) are made writable first so that
     * their entries can be removed even when not running as root.
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
            return;
        }
        LinkOption[] noFollow = PathUtils.noFollowLinkOptionArray();
        PathUtils.visitFileTree(
                new DeletingPathVisitor(Counters.noopPathCounters(), noFollow, new DeleteOption[0]) {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        makeOwnerWritable(dir);
                        return super.preVisitDirectory(dir, attrs);
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                        if (exc != null) {
                            throw exc;
                        }
                        return super.postVisitDirectory(dir, exc);
                    }
                },
                path);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("Could not delete " + path + ": something in it could not be removed.");
        }
    }

    private static void makeOwnerWritable(Path dir) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(dir, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = view.readAttributes().permissions();
        if (!perms.contains(PosixFilePermission.OWNER_WRITE) || !perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
            perms.add(PosixFilePermission.OWNER_WRITE);
            perms.add(PosixFilePermission.OWNER_EXECUTE);
            perms.add(PosixFilePermission.OWNER_READ);
            view.setPermissions(perms);
        }
    }

    /** The device number of the file system holding {@code path} (the path itself, not a link target). */
    static long device(Path path) throws IOException {
        Object dev = Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        return ((Number) dev).longValue();
    }

    /** Whether both paths live on the same file system, so that a rename between them can be atomic. */
    public static boolean sameFileSystem(Path a, Path b) throws IOException {
        return device(a) == device(b);
    }
}
