package io.github.aegirmaven.aegir.archive;

import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.LocalWriteException;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Unpacks a release {@code .tar.gz} into an empty staging directory, refusing anything a drupal.org release
 * would not contain.
 *
 * <p>Rules, each refused with an {@link UnsafeArchiveException} that names the entry:
 * <ul>
 *   <li>every entry lies inside exactly one top-level directory, named as the caller expects (the project);
 *       no absolute names, no {@code ..} components;</li>
 *   <li>regular files, directories and symbolic links only: no hard links, devices, FIFOs or other types;</li>
 *   <li>a symbolic link has a relative target that, followed step by step through the archive's own links,
 *       never leaves the top-level directory; links are created last, and no entry may be written below a
 *       link, so nothing is ever written through one;</li>
 *   <li>no entry appears twice; at most {@link Limits#maxEntries} entries, {@link Limits#maxEntryBytes} per
 *       file and {@link Limits#maxTotalBytes} in all, counting the bytes actually unpacked.</li>
 * </ul>
 * Modes are those of a umask 022 checkout whatever the process umask: directories 755, files 644, or 755 when
 * the archive gives the file any execute bit; never setuid, setgid or sticky. Modification times come from
 * the archive. On a refusal or any failure (e.g. a full disk) the staging directory is deleted.
 *
 * <p>The archive is streamed with fixed buffers: a second thread inflates it into four reused 128 KiB
 * chunks while the calling thread writes files, much as {@code tar -xz} runs {@code gzip} beside it. Memory
 * grows only with the number of directories and links, never with the archive's size. See
 * {@code ExtractBenchmark} in the tests for the figures against {@code tar -xzf}.
 */
public final class SafeExtractor {

    /**
     * Caps against archive bombs.
     *
     * @param maxEntries entries of any kind
     * @param maxTotalBytes bytes of file content in all (also caps the unpacked tar stream, with room for
     *     headers)
     * @param maxEntryBytes bytes of one file
     */
    public record Limits(long maxEntries, long maxTotalBytes, long maxEntryBytes) {

        /** 100,000 entries, 1 GiB in all, 256 MiB per file: far above any Aegir release. */
        public static final Limits DEFAULT = new Limits(100_000, 1L << 30, 256L << 20);

        public Limits {
            if (maxEntries <= 0 || maxTotalBytes <= 0 || maxEntryBytes <= 0) {
                throw new IllegalArgumentException("Extraction limits must be positive: " + maxEntries + " entries, "
                        + maxTotalBytes + " bytes, " + maxEntryBytes + " bytes per file");
            }
        }
    }

    /** Opens a new file for writing; replaceable in tests to simulate a failing disk. */
    @FunctionalInterface
    interface FileOpener {
        FileChannel open(Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException;
    }

    private static final int BUFFER = 128 * 1024;
    private static final int READ_AHEAD_CHUNKS = 4;
    private static final int MAX_LINK_HOPS = 40;
    private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE_MODE = DIRECTORY_MODE;
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);
    private static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(EXECUTABLE_MODE);
    private static final Set<OpenOption> NEW_FILE =
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Limits limits;
    private final FileOpener opener;

    /** An extractor with {@link Limits#DEFAULT}. */
    public SafeExtractor() {
        this(Limits.DEFAULT);
    }

    public SafeExtractor(Limits limits) {
        this(limits, FileChannel::open);
    }

    SafeExtractor(Limits limits, FileOpener opener) {
        this.limits = limits;
        this.opener = opener;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Extracts {@code tarGz} into {@code stagingDir}, which must be absent (it is created) or an empty
     * directory.
     *
     * @param expectedTopDir the one top-level directory the archive must have, e.g. {@code drush}
     * @return {@code stagingDir.resolve(expectedTopDir)}
     * @throws UnsafeArchiveException when an entry breaks a rule; nothing is left in the staging directory
     * @throws UserFixableException when the archive is damaged or not a .tar.gz, or the staging directory is
     *     not empty
     * @throws IOException when writing fails (e.g. the disk is full); the staging directory is removed
     */
    public Path extract(Path tarGz, Path stagingDir, String expectedTopDir) throws IOException, UserFixableException {
        if (expectedTopDir == null
                || expectedTopDir.isEmpty()
                || expectedTopDir.equals(".")
                || expectedTopDir.equals("..")
                || expectedTopDir.contains("/")
                || expectedTopDir.contains("\0")) {
            throw new IllegalArgumentException("Not a directory name: \"" + expectedTopDir + "\"");
        }
        Path staging = stagingDir.toAbsolutePath().normalize();
        prepare(staging);
        try {
            new Extraction(tarGz, staging, expectedTopDir).run();
            return staging.resolve(expectedTopDir);
        } catch (Throwable failure) {
            try {
                deleteTree(staging);
            } catch (IOException | RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private static void prepare(Path staging) throws IOException, UserFixableException {
        if (Files.exists(staging, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserFixableException("The staging directory " + staging + " exists but is not a directory."
                        + " Remove it and run again.");
            }
            try (DirectoryStream<Path> children = Files.newDirectoryStream(staging)) {
                if (children.iterator().hasNext()) {
                    throw new UserFixableException("The staging directory " + staging + " is not empty (left over"
                            + " from an interrupted run?). Remove it and run again.");
                }
            }
            return;
        }
        Files.createDirectories(staging.getParent());
        Files.createDirectory(staging);
    }

    /** Deletes a tree without following links. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The state of one extraction. */
    private final class Extraction {
        private final Path archive;
        private final Path staging;
        private final String topName;
        private final Path top;
        private final FileTime now = FileTime.fromMillis(System.currentTimeMillis());
        private final byte[] buffer = new byte[BUFFER];
        private final Set<String> directories = new HashSet<>();
        private final Map<String, Link> links = new LinkedHashMap<>();
        private final List<Stamp> directoryTimes = new ArrayList<>();
        private boolean posix;
        private boolean exactModes;
        private boolean sawTop;
        private String lastParent;
        private long entries;
        private long contentBytes;
        private LimitedInputStream counter;

        Extraction(Path archive, Path staging, String topName) {
            this.archive = archive;
            this.staging = staging;
            this.topName = topName;
            this.top = staging.resolve(topName);
        }

        void run() throws IOException, UserFixableException {
            probeModes();
            InputStream file;
            try {
                file = Files.newInputStream(archive);
            } catch (IOException e) {
                throw new IOException("Cannot read the archive " + archive + ": " + describe(e), e);
            }
            try (file) {
                GZIPInputStream gzip;
                try {
                    gzip = new GZIPInputStream(file, BUFFER);
                } catch (IOException e) {
                    throw damaged(e);
                }
                long streamLimit = limits.maxTotalBytes() + 1024 * Math.min(limits.maxEntries(), 1L << 30) + (1 << 20);
                counter = new LimitedInputStream(gzip, streamLimit);
                // Inflate on a second thread while this one writes files, as tar -xz does with gzip.
                try (ReadAheadInputStream inflated = new ReadAheadInputStream(
                                counter, BUFFER, READ_AHEAD_CHUNKS, "aegir-inflate " + archive.getFileName());
                        TarArchiveInputStream tar = new TarArchiveInputStream(inflated, "UTF-8")) {
                    TarArchiveEntry entry;
                    while ((entry = next(tar)) != null) {
                        handle(tar, entry);
                    }
                }
            }
            if (!sawTop) {
                throw new UnsafeArchiveException(
                        archive,
                        "(none)",
                        "- the archive has no " + topName
                                + "/ directory, and a release has exactly one top-level directory named after the project");
            }
            createLinks();
            for (int i = directoryTimes.size() - 1; i >= 0; i--) {
                Stamp stamp = directoryTimes.get(i);
                setTimes(stamp.path, stamp.time, false);
            }
        }

        private void probeModes() throws IOException {
            try {
                Path probe = Files.createTempDirectory(staging, ".modes", DIRECTORY_ATTRIBUTE);
                posix = true;
                exactModes = Files.getPosixFilePermissions(probe).equals(DIRECTORY_MODE);
                Files.delete(probe);
                if (!exactModes) {
                    Files.setPosixFilePermissions(staging, DIRECTORY_MODE);
                }
            } catch (UnsupportedOperationException notPosix) {
                posix = false;
                exactModes = false;
            }
        }

        private TarArchiveEntry next(TarArchiveInputStream tar) throws IOException, UserFixableException {
            try {
                return tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw readFailure(e, null);
            }
        }

        private void handle(TarArchiveInputStream tar, TarArchiveEntry entry) throws IOException, UserFixableException {
            String name = entry.getName();
            if (++entries > limits.maxEntries()) {
                throw refuse(name, "is one entry too many: the limit is " + limits.maxEntries() + " entries");
            }
            List<String> parts = split(name, name, "name");
            if (parts.isEmpty()) {
                if (entry.isDirectory()) {
                    return; // "./"
                }
                throw refuse(name, "has no file name");
            }
            if (!parts.get(0).equals(topName)) {
                throw refuse(
                        name,
                        "is outside the top-level directory " + topName + "/ (a release has exactly one"
                                + " top-level directory, named after the project)");
            }
            String relative = String.join("/", parts);
            Path path = staging.resolve(relative);
            if (!path.normalize().startsWith(top)) {
                throw refuse(name, "leads outside the top-level directory " + topName + "/");
            }
            if (!links.isEmpty()) {
                checkNotBelowLink(name, parts, relative);
            }
            sawTop = true;
            boolean isTop = parts.size() == 1;
            if (entry.isDirectory()) {
                ensureDirectory(name, relative, path);
                directoryTimes.add(new Stamp(path, entry.getLastModifiedTime()));
                return;
            }
            if (isTop) {
                throw refuse(name, "is the top-level " + topName + " itself but not a directory");
            }
            if (entry.isSymbolicLink()) {
                addLink(name, relative, entry);
            } else if (entry.isLink()) {
                throw refuse(
                        name,
                        "is a hard link (to \"" + UnsafeArchiveException.printable(entry.getLinkName())
                                + "\"); releases have none, and they can reach files outside the tree");
            } else if (entry.isCharacterDevice()) {
                throw refuse(name, "is a character device");
            } else if (entry.isBlockDevice()) {
                throw refuse(name, "is a block device");
            } else if (entry.isFIFO()) {
                throw refuse(name, "is a FIFO (named pipe)");
            } else if (isRegularFile(entry)) {
                writeFile(tar, entry, name, relative, path);
            } else {
                throw refuse(
                        name,
                        "has the unsupported tar entry type '" + printableFlag(entry.getLinkFlag())
                                + "'; only files, directories and symbolic links are extracted");
            }
        }

        private boolean isRegularFile(TarArchiveEntry entry) {
            byte flag = entry.getLinkFlag();
            return (flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG)
                    && !entry.isSparse();
        }

        private String printableFlag(byte flag) {
            return flag >= 0x21 && flag < 0x7f ? String.valueOf((char) flag) : String.format("\\u%04x", flag & 0xff);
        }

        /** The path's components without empty and "." ones; refuses absolute paths, NULs and "..". */
        private List<String> split(String entryName, String path, String what) throws UnsafeArchiveException {
            if (path == null || path.isEmpty()) {
                throw refuse(entryName, "has an empty " + what);
            }
            if (path.indexOf('\0') >= 0) {
                throw refuse(entryName, "has a NUL character in its " + what);
            }
            if (path.startsWith("/")) {
                throw refuse(
                        entryName,
                        what.equals("name")
                                ? "is an absolute path"
                                : "is a symbolic link to the absolute path " + UnsafeArchiveException.printable(path)
                                        + ", outside the release");
            }
            List<String> parts = new ArrayList<>();
            int start = 0;
            int length = path.length();
            while (start <= length) {
                int slash = path.indexOf('/', start);
                int end = slash < 0 ? length : slash;
                String part = path.substring(start, end);
                if (part.equals("..")) {
                    if (what.equals("name")) {
                        throw refuse(entryName, "contains a \"..\" component");
                    }
                    parts.add(part);
                } else if (!part.isEmpty() && !part.equals(".")) {
                    parts.add(part);
                }
                start = end + 1;
            }
            return parts;
        }

        private void checkNotBelowLink(String name, List<String> parts, String relative) throws UnsafeArchiveException {
            if (links.containsKey(relative)) {
                throw refuse(name, "appears twice in the archive (first as a symbolic link)");
            }
            StringBuilder prefix = new StringBuilder(parts.get(0));
            for (int i = 1; i < parts.size(); i++) {
                if (links.containsKey(prefix.toString())) {
                    throw refuse(name, "would be written through the symbolic link " + prefix + " (another entry)");
                }
                prefix.append('/').append(parts.get(i));
            }
        }

        private void ensureParent(String name, String relative, Path path) throws IOException, UnsafeArchiveException {
            int slash = relative.lastIndexOf('/');
            String parent = relative.substring(0, slash);
            if (parent.equals(lastParent)) {
                return;
            }
            if (!directories.contains(parent)) {
                ensureDirectory(name, parent, path.getParent());
            }
            lastParent = parent;
        }

        private void ensureDirectory(String name, String relative, Path path)
                throws IOException, UnsafeArchiveException {
            if (directories.contains(relative)) {
                return;
            }
            int slash = relative.lastIndexOf('/');
            if (slash > 0 && !directories.contains(relative.substring(0, slash))) {
                ensureDirectory(name, relative.substring(0, slash), path.getParent());
            }
            try {
                if (posix) {
                    Files.createDirectory(path, DIRECTORY_ATTRIBUTE);
                } else {
                    Files.createDirectory(path);
                }
            } catch (FileAlreadyExistsException e) {
                throw refuse(
                        name,
                        "clashes with another entry of the same name (" + staging.relativize(path)
                                + " is already a file)");
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
            if (posix && !exactModes) {
                setMode(path, DIRECTORY_MODE);
            }
            directories.add(relative);
        }

        private void writeFile(
                TarArchiveInputStream tar, TarArchiveEntry entry, String name, String relative, Path path)
                throws IOException, UserFixableException {
            ensureParent(name, relative, path);
            boolean executable = (entry.getMode() & 0111) != 0;
            Set<PosixFilePermission> mode = executable ? EXECUTABLE_MODE : FILE_MODE;
            FileChannel channel;
            try {
                channel = posix
                        ? opener.open(path, NEW_FILE, executable ? EXECUTABLE_ATTRIBUTE : FILE_ATTRIBUTE)
                        : opener.open(path, NEW_FILE);
            } catch (FileAlreadyExistsException e) {
                throw refuse(name, "appears twice in the archive (or clashes with another entry of the same name)");
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
            try {
                copy(tar, channel, name, path);
            } catch (Throwable failure) {
                try {
                    channel.close();
                } catch (IOException second) {
                    failure.addSuppressed(second);
                }
                throw failure;
            }
            try {
                channel.close();
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
            if (posix && !exactModes) {
                setMode(path, mode);
            }
            setTimes(path, entry.getLastModifiedTime(), false);
        }

        private void copy(TarArchiveInputStream tar, FileChannel channel, String name, Path path)
                throws IOException, UserFixableException {
            long entryBytes = 0;
            while (true) {
                int n;
                try {
                    n = tar.read(buffer, 0, buffer.length);
                } catch (IOException | IllegalArgumentException e) {
                    throw readFailure(e, name);
                }
                if (n < 0) {
                    return;
                }
                entryBytes += n;
                contentBytes += n;
                if (entryBytes > limits.maxEntryBytes()) {
                    throw refuse(name, "is larger than the limit of " + limits.maxEntryBytes() + " bytes for one file");
                }
                if (contentBytes > limits.maxTotalBytes()) {
                    throw refuse(
                            name, "takes the archive past the limit of " + limits.maxTotalBytes() + " unpacked bytes");
                }
                ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
                try {
                    while (data.hasRemaining()) {
                        channel.write(data);
                    }
                } catch (IOException e) {
                    throw writeFailure(path, e);
                }
            }
        }

        private void addLink(String name, String relative, TarArchiveEntry entry)
                throws IOException, UnsafeArchiveException {
            String target = entry.getLinkName();
            split(name, target, "link target"); // refuses empty, absolute and NUL targets
            if (links.containsKey(relative)
                    || directories.contains(relative)
                    || Files.exists(staging.resolve(relative), LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(name, "appears twice in the archive (or clashes with another entry of the same name)");
            }
            links.put(relative, new Link(name, target, entry.getLastModifiedTime()));
        }

        /** Checks every link against all the others, then creates them. */
        private void createLinks() throws IOException, UnsafeArchiveException {
            for (Map.Entry<String, Link> item : links.entrySet()) {
                checkLinkTarget(item.getKey(), item.getValue());
            }
            for (Map.Entry<String, Link> item : links.entrySet()) {
                String relative = item.getKey();
                Link link = item.getValue();
                Path path = staging.resolve(relative);
                ensureParent(link.entryName, relative, path);
                try {
                    Files.createSymbolicLink(path, path.getFileSystem().getPath(link.target));
                } catch (FileAlreadyExistsException e) {
                    throw refuse(
                            link.entryName,
                            "appears twice in the archive (or clashes with another entry of the" + " same name)");
                } catch (IOException e) {
                    throw writeFailure(path, e);
                }
                setTimes(path, link.time, true);
            }
        }

        /**
         * Follows the target one component at a time, substituting the archive's own links as the kernel
         * would, and refuses it if it ever steps out of the top-level directory.
         */
        private void checkLinkTarget(String relative, Link link) throws UnsafeArchiveException {
            ArrayDeque<String> current = new ArrayDeque<>(List.of(relative.split("/")));
            current.removeLast();
            ArrayDeque<String> pending = new ArrayDeque<>(split(link.entryName, link.target, "link target"));
            int hops = 0;
            while (!pending.isEmpty()) {
                String part = pending.removeFirst();
                if (part.equals("..")) {
                    if (current.size() <= 1) {
                        throw refuse(
                                link.entryName,
                                "is a symbolic link to \"" + UnsafeArchiveException.printable(link.target)
                                        + "\", which leads outside the top-level directory " + topName + "/");
                    }
                    current.removeLast();
                    continue;
                }
                current.addLast(part);
                Link via = links.get(String.join("/", current));
                if (via != null) {
                    if (++hops > MAX_LINK_HOPS) {
                        throw refuse(link.entryName, "is a symbolic link in a loop of links");
                    }
                    current.removeLast();
                    List<String> replacement = split(via.entryName, via.target, "link target");
                    for (int i = replacement.size() - 1; i >= 0; i--) {
                        pending.addFirst(replacement.get(i));
                    }
                }
            }
        }

        private void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
            try {
                Files.setPosixFilePermissions(path, mode);
            } catch (IOException e) {
                throw writeFailure(path, e);
            }
        }

        private void setTimes(Path path, FileTime modified, boolean link) throws IOException {
            if (modified == null) {
                return;
            }
            BasicFileAttributeView view = link
                    ? Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.getFileAttributeView(path, BasicFileAttributeView.class);
            try {
                view.setTimes(modified, now, null);
            } catch (IOException e) {
                if (!link) {
                    throw writeFailure(path, e);
                }
                // some file systems cannot time-stamp a link itself; the link still works
            }
        }

        private UnsafeArchiveException refuse(String entry, String rule) {
            return new UnsafeArchiveException(archive, entry, rule);
        }

        private UserFixableException readFailure(Exception e, String entry) {
            if (counter != null && counter.exceeded) {
                return refuse(
                        entry == null ? "(headers)" : entry,
                        "takes the archive past the limit of " + counter.limit
                                + " unpacked bytes (including tar headers)");
            }
            return damaged(e);
        }

        private UserFixableException damaged(Exception e) {
            return new UserFixableException(
                    "Cannot extract " + archive + ": it is damaged or not a .tar.gz archive ("
                            + describe(e) + "). Nothing was installed. Delete it from the release cache so that it is"
                            + " downloaded again, and check downloadUrl (-Daegir.downloadUrl).",
                    e);
        }

        private IOException writeFailure(Path path, IOException e) {
            String reason = describe(e);
            boolean full = DiskFull.isCause(e);
            return new LocalWriteException(
                    "Could not write " + path + " while extracting " + archive + ": " + reason
                            + ". Nothing was installed; the partial staging directory " + staging + " is removed. "
                            + (full
                                    ? "The disk is full: free space on the file system of " + staging.getParent()
                                            + " and run again."
                                    : "Check the free space and the permissions of " + staging.getParent() + "."),
                    e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    private record Link(String entryName, String target, FileTime time) {}

    private record Stamp(Path path, FileTime time) {}

    /** Counts the unpacked bytes and fails past a limit, so that even tar headers cannot balloon. */
    private static final class LimitedInputStream extends FilterInputStream {
        final long limit;
        long count;
        boolean exceeded;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if (skipped > 0) {
                add(skipped);
            }
            return skipped;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("more than " + limit + " unpacked bytes");
            }
        }
    }
}
