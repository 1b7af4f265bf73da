package io.github.aegirmaven.aegir.harness;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Makes release tarballs laid out like drupal.org's, byte for byte reproducibly, and hostile
 * variants of them for the tests of safe extraction.
 *
 * <p>Layout: one top-level directory named after the project; entries sorted by name (directories
 * with a trailing slash); the top directory 0755, other directories 0775, files 0664, files that
 * are executable in the sources 0775 (the modes of the drupal.org listings); uid and gid 0, owner
 * and group {@code root}; every mtime the release's datestamp. Each {@code .info} file gets the
 * packaging script's block appended. The gzip header carries no file name and mtime 0.
 */
public final class TarballBuilder {

    public static final int TOP_DIR_MODE = 0755;
    public static final int DIR_MODE = 0775;
    public static final int FILE_MODE = 0664;
    public static final int EXECUTABLE_MODE = 0775;
    public static final String OWNER = "root";
    public static final String GROUP = "root";
    /** Size of the zero-filled entry of {@link Hostility#BOMB}: 1 GiB and one byte. */
    public static final long DEFAULT_BOMB_BYTES = (1L << 30) + 1;

    private TarballBuilder() {}

    /**
     * The block drupal.org's packaging script appends to each .info file of a release.
     */
    public static String packagingBlock(Release release) {
        return "\n; Information added by drupal.org packaging script on " + release.packagingDay() + "\n"
                + "version = \"" + release.version() + "\"\n"
                + "core = \"" + release.core() + "\"\n"
                + "project = \"" + release.project() + "\"\n"
                + "datestamp = \"" + release.datestamp() + "\"\n"
                + "\n";
    }

    /**
     * Builds {@code outFile} from the release sources in {@code releaseSourceDir}, which must hold
     * exactly one directory, named after the project.
     *
     * @return {@code outFile}
     */
    public static Path build(Path releaseSourceDir, Release release, Path outFile) throws IOException {
        Path top = releaseSourceDir.resolve(release.project());
        try (Stream<Path> children = Files.list(releaseSourceDir)) {
            List<String> names =
                    children.map(p -> p.getFileName().toString()).sorted().toList();
            if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS) || names.size() != 1) {
                throw new IOException("Release sources " + releaseSourceDir + " must hold exactly one directory named '"
                        + release.project() + "' (the top-level directory of the tarball); found " + names
                        + ". Put the files of " + release.id() + " under " + top + ".");
            }
        }
        List<Item> items = new ArrayList<>();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(top)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            String relative = top.getParent().relativize(path).toString().replace('\\', '/');
            if (Files.isSymbolicLink(path)) {
                throw new IOException("Release sources must not contain symbolic links: " + path);
            }
            if (Files.isDirectory(path)) {
                items.add(Item.dir(relative + "/", path.equals(top) ? TOP_DIR_MODE : DIR_MODE));
            } else {
                byte[] content = Files.readAllBytes(path);
                if (relative.endsWith(".info")) {
                    content = withPackagingBlock(content, release);
                }
                items.add(Item.file(relative, isExecutable(path) ? EXECUTABLE_MODE : FILE_MODE, content));
            }
        }
        items.sort(Comparator.comparing(Item::name));
        write(items, release.datestamp(), 9, outFile);
        return outFile;
    }

    /**
     * Writes a hostile variant of a good tarball: all its entries, changed or completed as
     * {@code kind} says (with {@link #DEFAULT_BOMB_BYTES} for {@link Hostility#BOMB}).
     *
     * @return {@code outFile}
     */
    public static Path hostile(Path goodTarball, Hostility kind, Path outFile) throws IOException {
        return hostile(goodTarball, kind, DEFAULT_BOMB_BYTES, outFile);
    }

    /**
     * Writes a hostile variant of a good tarball; {@code bombBytes} is the size of the
     * zero-filled entry of {@link Hostility#BOMB}.
     *
     * @return {@code outFile}
     */
    public static Path hostile(Path goodTarball, Hostility kind, long bombBytes, Path outFile) throws IOException {
        List<Item> items = read(goodTarball);
        if (items.isEmpty() || !items.get(0).name().endsWith("/")) {
            throw new IOException(
                    goodTarball + " does not start with its top-level directory; cannot make a hostile variant of it");
        }
        String top = items.get(0).name();
        long mtime = items.get(0).mtime();
        List<Item> result = new ArrayList<>(items);
        switch (kind) {
            case DOT_DOT ->
                result.add(Item.file(top + "../../aegir-hostile-dot-dot.txt", FILE_MODE, text("escaped with ..")));
            case ABSOLUTE_PATH ->
                result.add(Item.file("/tmp/aegir-hostile-absolute-path.txt", FILE_MODE, text("absolute path")));
            case SYMLINK_OUT -> {
                result.add(Item.link(top + "escape", TarConstants.LF_SYMLINK, "../../../../../../../../tmp"));
                result.add(Item.file(
                        top + "escape/aegir-hostile-through-symlink.txt",
                        FILE_MODE,
                        text("written through a symbolic link")));
            }
            case SYMLINK_ABSOLUTE -> result.add(Item.link(top + "etc", TarConstants.LF_SYMLINK, "/etc"));
            case HARD_LINK ->
                result.add(Item.link(
                        top + "hard-link",
                        TarConstants.LF_LINK,
                        items.stream()
                                .filter(item -> item.type() == TarConstants.LF_NORMAL
                                        && !item.name().endsWith("/"))
                                .findFirst()
                                .orElseThrow(() -> new IOException(goodTarball + " holds no file to hard-link to"))
                                .name()));
            case HARD_LINK_OUT -> result.add(Item.link(top + "passwd", TarConstants.LF_LINK, "/etc/passwd"));
            case CHAR_DEVICE -> result.add(Item.device(top + "null", TarConstants.LF_CHR, 1, 3));
            case BLOCK_DEVICE -> result.add(Item.device(top + "disk", TarConstants.LF_BLK, 8, 0));
            case FIFO -> result.add(Item.device(top + "fifo", TarConstants.LF_FIFO, 0, 0));
            case SETUID -> result.add(Item.file(top + "setuid-helper", 06775, text("#!/bin/sh\nid\n")));
            case TWO_TOP_DIRS -> {
                String other = "extra-" + top;
                result.add(Item.dir(other, TOP_DIR_MODE));
                result.add(Item.file(other + "README.txt", FILE_MODE, text("a second top-level directory")));
            }
            case WRONG_TOP_DIR -> {
                String wrong = top.substring(0, top.length() - 1) + "-master/";
                result.replaceAll(item -> item.renamed(wrong + item.name().substring(top.length())));
            }
            case BOMB -> result.add(Item.zeros(top + "bomb.bin", FILE_MODE, bombBytes));
            default -> throw new IllegalArgumentException("Unknown hostility " + kind);
        }
        // Zeros deflate fastest at level 1 (a GiB in about a second, ~4.5 MB on the wire).
        write(result, mtime, kind == Hostility.BOMB ? 1 : 9, outFile);
        return outFile;
    }

    /**
     * Writes a broken variant of a good tarball: the same entries, declaring the same version, but
     * its entry point ({@code <top>/drush.php}, else {@code <top>/<top>.drush.inc}) calls an
     * undefined function first thing, so PHP dies with a fatal error (exit code 255) whenever it is
     * loaded. Not hostile: a safe extractor accepts it; only running it shows the damage.
     *
     * @return {@code outFile}
     */
    public static Path fatal(Path goodTarball, Path outFile) throws IOException {
        List<Item> items = read(goodTarball);
        if (items.isEmpty() || !items.get(0).name().endsWith("/")) {
            throw new IOException(
                    goodTarball + " does not start with its top-level directory; cannot make a broken variant of it");
        }
        String top = items.get(0).name();
        String project = top.substring(0, top.length() - 1);
        List<String> candidates = List.of(top + "drush.php", top + project + ".drush.inc");
        String target = candidates.stream()
                .filter(name -> items.stream().anyMatch(item -> item.name().equals(name)))
                .findFirst()
                .orElseThrow(() -> new IOException(goodTarball + " holds none of " + candidates + " to break"));
        List<Item> result = new ArrayList<>();
        for (Item item : items) {
            if (item.name().equals(target)) {
                String php = new String(item.content(), StandardCharsets.UTF_8);
                int at = php.indexOf("<?php");
                if (at < 0) {
                    throw new IOException(target + " in " + goodTarball + " has no <?php tag");
                }
                int lineEnd = php.indexOf('\n', at) + 1;
                String broken = php.substring(0, lineEnd)
                        + "aegir_harness_broken_release_calls_an_undefined_function(); // TEST DOUBLE: a"
                        + " broken release\n"
                        + php.substring(lineEnd);
                byte[] content = broken.getBytes(StandardCharsets.UTF_8);
                result.add(new Item(
                        item.name(), item.type(), item.mode(), content, content.length, null, 0, 0, item.mtime()));
            } else {
                result.add(item);
            }
        }
        write(result, items.get(0).mtime(), 9, outFile);
        return outFile;
    }

    /** The .info content with the packaging block appended (after a newline if it lacks one). */
    static byte[] withPackagingBlock(byte[] content, Release release) {
        String text = new String(content, StandardCharsets.UTF_8);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return (text + packagingBlock(release)).getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isExecutable(Path path) throws IOException {
        try {
            return Files.getPosixFilePermissions(path).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(path);
        }
    }

    /** Mode 0644: temporary files start as 0600, and the aegir user must read the tarballs. */
    static void setReadableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: nothing to do
        }
    }

    private static byte[] text(String s) {
        return (s + "\n").getBytes(StandardCharsets.UTF_8);
    }

    static void write(List<Item> items, long mtimeSeconds, int level, Path outFile) throws IOException {
        Path parent = outFile.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + outFile.getFileName(), ".part");
        try {
            GzipParameters gzip = new GzipParameters();
            gzip.setCompressionLevel(level);
            gzip.setModificationInstant(Instant.EPOCH);
            gzip.setOS(GzipParameters.OS.UNIX);
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
                    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file, gzip);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Item item : items) {
                    TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
                    entry.setMode(item.mode());
                    entry.setModTime(mtimeSeconds * 1000L);
                    entry.setIds(0, 0);
                    entry.setNames(OWNER, GROUP);
                    if (item.linkName() != null) {
                        entry.setLinkName(item.linkName());
                    }
                    if (item.type() == TarConstants.LF_CHR || item.type() == TarConstants.LF_BLK) {
                        entry.setDevMajor(item.devMajor());
                        entry.setDevMinor(item.devMinor());
                    }
                    boolean hasData = item.type() == TarConstants.LF_NORMAL
                            && !item.name().endsWith("/");
                    entry.setSize(hasData ? item.size() : 0);
                    tar.putArchiveEntry(entry);
                    if (hasData) {
                        if (item.content() != null) {
                            tar.write(item.content());
                        } else {
                            byte[] zeros = new byte[1 << 16];
                            for (long left = item.size(); left > 0; left -= zeros.length) {
                                tar.write(zeros, 0, (int) Math.min(zeros.length, left));
                            }
                        }
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            }
            setReadableByAll(tmp);
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads every entry of a tarball (contents in memory: for the small fixtures only). */
    static List<Item> read(Path tarball) throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball);
                GzipCompressorInputStream gz = new GzipCompressorInputStream(in);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                byte[] content = entry.isFile() ? tar.readAllBytes() : null;
                items.add(new Item(
                        entry.getName(),
                        entry.getLinkFlag(),
                        entry.getMode() & 07777,
                        content,
                        content == null ? 0 : content.length,
                        entry.getLinkName().isEmpty() ? null : entry.getLinkName(),
                        entry.getDevMajor(),
                        entry.getDevMinor(),
                        entry.getModTime().getTime() / 1000L));
            }
        }
        return items;
    }

    /** One entry to write. {@code content} null with a size means that many zero bytes. */
    record Item(
            String name,
            byte type,
            int mode,
            byte[] content,
            long size,
            String linkName,
            int devMajor,
            int devMinor,
            long mtime) {

        static Item dir(String name, int mode) {
            return new Item(name, TarConstants.LF_DIR, mode, null, 0, null, 0, 0, 0);
        }

        static Item file(String name, int mode, byte[] content) {
            return new Item(name, TarConstants.LF_NORMAL, mode, content, content.length, null, 0, 0, 0);
        }

        static Item zeros(String name, int mode, long size) {
            return new Item(name, TarConstants.LF_NORMAL, mode, null, size, null, 0, 0, 0);
        }

        static Item link(String name, byte type, String target) {
            return new Item(name, type, 0777, null, 0, target, 0, 0, 0);
        }

        static Item device(String name, byte type, int major, int minor) {
            return new Item(name, type, 0666, null, 0, null, major, minor, 0);
        }

        Item renamed(String newName) {
            return new Item(newName, type, mode, content, size, linkName, devMajor, devMinor, mtime);
        }
    }
}
