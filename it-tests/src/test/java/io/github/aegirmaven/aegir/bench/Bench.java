package io.github.aegirmaven.aegir.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.io.file.PathUtils;

/** What the benchmarks share: medians, a tree state with modification times, printing figures. */
final class Bench {

    /** Lines starting with this are the benchmark's figures; {@code benchmarks/run} collects them into its table. */
    static final String FIGURE = "FIGURE | ";

    private Bench() {}

    static double medianMillis(List<Long> nanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return median / 1e6;
    }

    static String millis(List<Long> nanos) {
        return Arrays.toString(
                nanos.stream().mapToLong(v -> Math.round(v / 1e6)).toArray());
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    @SuppressWarnings("java:S106") // a benchmark prints its figures
    static void out(String line) {
        System.out.println(line);
    }

    /** A figure for the summary table: what was measured, on what, and the result. */
    static void figure(String what, String on, String result) {
        out(FIGURE + what + " | " + on + " | " + result);
    }

    /**
     * Every entry under some roots: type, mode, owner, size, modification time and, for files, SHA-256. Two
     * states differ when anything was written, even a file rewritten with the same bytes (its time changes) or a
     * file created and deleted again (its directory's time changes).
     */
    record TreeState(SortedMap<String, String> entries) {

        static TreeState of(Path... roots) throws IOException {
            SortedMap<String, String> entries = new TreeMap<>();
            for (Path root : roots) {
                if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(root.toString(), "absent");
                    continue;
                }
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        entries.put(dir.toString(), describe(dir));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        entries.put(file.toString(), describe(file));
                        return FileVisitResult.CONTINUE;
                    }
                });
            }
            return new TreeState(entries);
        }

        private static String describe(Path path) throws IOException {
            PosixFileAttributes a = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String type = a.isDirectory() ? "dir" : a.isRegularFile() ? "file" : a.isSymbolicLink() ? "link" : "other";
            StringBuilder text = new StringBuilder(type)
                    .append(' ')
                    .append(PosixFilePermissions.toString(a.permissions()))
                    .append(' ')
                    .append(a.owner().getName())
                    .append(':')
                    .append(a.group().getName())
                    .append(" mtime ")
                    .append(a.lastModifiedTime().toInstant());
            if (a.isRegularFile()) {
                text.append(" size ").append(a.size()).append(" sha256 ").append(sha256(path));
            }
            return text.toString();
        }

        /** One line per entry added, removed or changed. */
        List<String> changesTo(TreeState after) {
            List<String> lines = new ArrayList<>();
            TreeSet<String> paths = new TreeSet<>(entries.keySet());
            paths.addAll(after.entries.keySet());
            for (String path : paths) {
                String a = entries.get(path);
                String b = after.entries.get(path);
                if (a == null) {
                    lines.add("added   " + path + " (" + b + ")");
                } else if (b == null) {
                    lines.add("removed " + path + " (" + a + ")");
                } else if (!a.equals(b)) {
                    lines.add("changed " + path + ": " + a + " -> " + b);
                }
            }
            return lines;
        }

        int size() {
            return entries.size();
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a tree (not following links); fine when it does not exist. */
    static void delete(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(root);
        }
    }
}
