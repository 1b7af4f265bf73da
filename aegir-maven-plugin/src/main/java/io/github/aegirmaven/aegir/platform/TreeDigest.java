package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The digest of a platform tree: what "the same tree" means for {@code platform-build}. The recipe (also in
 * {@code docs/platform-digest.md}):
 *
 * <ol>
 *   <li>Walk the tree without following symbolic links. Leave out the root itself and every {@code sites/NAME}
 *       (and what is below it) whose NAME is not {@code all} or {@code default}: those are the sites Aegir adds
 *       to a platform, not the platform. Leave out {@code drushrc.php} at the root, and the records (not the
 *       contents) of the directories {@code sites/all}, {@code sites/all/modules}, {@code sites/all/themes} and
 *       {@code sites/all/libraries}: provision 6.x-1.0-rc3's platform verify writes the first and creates the others
 *       (or sets their mode to 2775) in every platform it verifies.</li>
 *   <li>For each entry, one record: its type ({@code d} directory, {@code f} regular file, {@code l} symbolic
 *       link), a space, its permission bits as three octal digits ({@code 000} for a link), a space, a SHA-256
 *       in lower-case hex (of the content for a file, of the UTF-8 link target for a link, 64 {@code -} for a
 *       directory), a space, the path relative to the root with {@code /} separators in UTF-8, and a NUL byte.
 *       Anything else (a FIFO, a device) makes the digest fail.</li>
 *   <li>Sort the records by path, comparing the UTF-8 bytes as unsigned numbers.</li>
 *   <li>The digest is the SHA-256 (lower-case hex) of the records concatenated.</li>
 * </ol>
 * Owners, groups and times are not part of it: the same lock gives the same digest on any machine, for any
 * user, whatever the umask.
 */
public final class TreeDigest {

    private static final String NO_HASH = "-".repeat(64);
    /** Written by provision's platform verify (provisionConfig_drushrc_platform, mode 0444). */
    private static final String PROVISION_DRUSHRC = "drushrc.php";
    /** Created or given mode 02775 by provision's platform verify (_provision_drupal_create_directories). */
    private static final Set<String> PROVISION_DIRECTORIES =
            Set.of("sites/all", "sites/all/modules", "sites/all/themes", "sites/all/libraries");

    private static final int BUFFER = 64 * 1024;

    private TreeDigest() {}

    /** The digest of the tree at {@code root} (a directory). */
    public static String of(Path root) throws IOException {
        List<byte[]> records = records(root);
        MessageDigest digest = Sha256.newDigest();
        for (byte[] record : records) {
            digest.update(record);
        }
        return Sha256.hex(digest.digest());
    }

    /** The sorted records (see the class comment), each ending in NUL. */
    static List<byte[]> records(Path root) throws IOException {
        List<Item> items = new ArrayList<>();
        byte[] buffer = new byte[BUFFER];
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String path = relative(root, dir);
                if (isSite(path)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!PROVISION_DIRECTORIES.contains(path)) {
                    items.add(new Item(path, "d " + mode(dir) + " " + NO_HASH));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = relative(root, file);
                if (isSite(path) || path.equals(PROVISION_DRUSHRC)) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    String target = Files.readSymbolicLink(file).toString();
                    items.add(new Item(path, "l 000 " + Sha256.of(target.getBytes(StandardCharsets.UTF_8))));
                } else if (attrs.isRegularFile()) {
                    items.add(new Item(path, "f " + mode(file) + " " + hash(file, buffer)));
                } else {
                    throw new IOException("Cannot take the digest of " + file + ": it is neither a file, a directory"
                            + " nor a symbolic link");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        List<byte[]> records = new ArrayList<>(items.size());
        items.stream()
                .sorted((a, b) -> Arrays.compareUnsigned(a.pathBytes, b.pathBytes))
                .forEach(item -> {
                    byte[] head = (item.head + " ").getBytes(StandardCharsets.US_ASCII);
                    byte[] record = new byte[head.length + item.pathBytes.length + 1];
                    System.arraycopy(head, 0, record, 0, head.length);
                    System.arraycopy(item.pathBytes, 0, record, head.length, item.pathBytes.length);
                    records.add(record);
                });
        return records;
    }

    private record Item(byte[] pathBytes, String head) {
        Item(String path, String head) {
            this(path.getBytes(StandardCharsets.UTF_8), head);
        }
    }

    /** Whether a relative path is {@code sites/NAME} (or below it) with NAME other than all and default. */
    static boolean isSite(String path) {
        if (!path.startsWith("sites/")) {
            return false;
        }
        int slash = path.indexOf('/', 6);
        String name = slash < 0 ? path.substring(6) : path.substring(6, slash);
        return !name.equals("all") && !name.equals("default");
    }

    private static String relative(Path root, Path path) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    private static String mode(Path path) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            mode |= 1 << (8 - permission.ordinal());
        }
        return String.format("%03o", mode);
    }

    private static String hash(Path file, byte[] buffer) throws IOException {
        MessageDigest digest = Sha256.newDigest();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
        }
        return Sha256.hex(digest.digest());
    }
}
