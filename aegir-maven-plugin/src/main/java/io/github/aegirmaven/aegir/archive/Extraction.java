package io.github.aegirmaven.aegir.archive;

import static io.github.aegirmaven.aegir.archive.SafeExtractor.BUFFER;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.DIRECTORY_ATTRIBUTE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.DIRECTORY_MODE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.EXECUTABLE_ATTRIBUTE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.EXECUTABLE_MODE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.FILE_ATTRIBUTE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.FILE_MODE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.MAX_LINK_HOPS;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.NEW_FILE;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.READ_AHEAD_CHUNKS;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.damaged;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.describe;
import static io.github.aegirmaven.aegir.archive.SafeExtractor.writeFailure;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
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
import org.apache.commons.io.input.BoundedInputStream;

/** The state and steps of one {@link SafeExtractor#extract} run: reads the entries in order and applies the rules. */
final class Extraction {

    private final SafeExtractor.Limits limits;
    private final SafeExtractor.FileOpener opener;
    private final Path archive;
    private final Path staging;
    private final String topName;
    private final Path top;
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
    private long streamLimit;
    private boolean streamLimitExceeded;
    private final EntryAttributes attributes;

    Extraction(
            SafeExtractor.Limits limits,
            SafeExtractor.FileOpener opener,
            Path archive,
            Path staging,
            String topName,
            UserPrincipal owner,
            GroupPrincipal group) {
        this.limits = limits;
        this.opener = opener;
        this.archive = archive;
        this.staging = staging;
        this.topName = topName;
        this.top = staging.resolve(topName);
        this.attributes = new EntryAttributes(archive, staging, owner, group);
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
                throw damaged(archive, e);
            }
            streamLimit = limits.maxTotalBytes() + 1024 * Math.min(limits.maxEntries(), 1L << 30) + (1 << 20);
            // Counts the unpacked bytes and fails past the limit, so that even tar headers cannot balloon:
            // the stream may hold streamLimit bytes, and reading one byte more fails.
            InputStream counter = BoundedInputStream.builder()
                    .setInputStream(gzip)
                    .setMaxCount(streamLimit + 1)
                    .setOnMaxCount((max, count) -> {
                        streamLimitExceeded = true;
                        throw new IOException("more than " + streamLimit + " unpacked bytes");
                    })
                    .get();
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
            attributes.setTimes(stamp.path, stamp.time, false);
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

    private void ensureDirectory(String name, String relative, Path path) throws IOException, UnsafeArchiveException {
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
                    "clashes with another entry of the same name (" + staging.relativize(path) + " is already a file)");
        } catch (IOException e) {
            throw writeFailure(archive, staging, path, e);
        }
        if (posix && !exactModes) {
            attributes.setMode(path, DIRECTORY_MODE);
        }
        attributes.setOwner(path);
        directories.add(relative);
    }

    private void writeFile(TarArchiveInputStream tar, TarArchiveEntry entry, String name, String relative, Path path)
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
            throw writeFailure(archive, staging, path, e);
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
            throw writeFailure(archive, staging, path, e);
        }
        if (posix && !exactModes) {
            attributes.setMode(path, mode);
        }
        attributes.setOwner(path);
        attributes.setTimes(path, entry.getLastModifiedTime(), false);
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
                throw refuse(name, "takes the archive past the limit of " + limits.maxTotalBytes() + " unpacked bytes");
            }
            ByteBuffer data = ByteBuffer.wrap(buffer, 0, n);
            try {
                while (data.hasRemaining()) {
                    channel.write(data);
                }
            } catch (IOException e) {
                throw writeFailure(archive, staging, path, e);
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
                throw writeFailure(archive, staging, path, e);
            }
            attributes.setOwner(path);
            attributes.setTimes(path, link.time, true);
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

    private UnsafeArchiveException refuse(String entry, String rule) {
        return new UnsafeArchiveException(archive, entry, rule);
    }

    private UserFixableException readFailure(Exception e, String entry) {
        if (streamLimitExceeded) {
            return refuse(
                    entry == null ? "(headers)" : entry,
                    "takes the archive past the limit of " + streamLimit + " unpacked bytes (including tar headers)");
        }
        return damaged(archive, e);
    }

    private record Link(String entryName, String target, FileTime time) {}

    private record Stamp(Path path, FileTime time) {}

    /** Counts the unpacked bytes and fails past a limit, so that even tar headers cannot balloon. */
}
