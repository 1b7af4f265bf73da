package io.github.aegirmaven.aegir.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Writes a real .tar.gz entry by entry, including entries no honest release contains; for tests. */
final class TarGz implements AutoCloseable {

    static final FileTime TIME = FileTime.from(Instant.parse("2011-03-31T12:00:00Z"));

    private final Path file;
    private final TarArchiveOutputStream tar;

    TarGz(Path file) throws IOException {
        this.file = file;
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024);
        this.tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    TarGz dir(String name, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE & ~0777 | mode);
        entry.setLastModifiedTime(TIME);
        return put(entry, null);
    }

    TarGz file(String name, String content, int mode) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8), mode);
    }

    TarGz file(String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        entry.setSize(content.length);
        entry.setLastModifiedTime(TIME);
        return put(entry, content);
    }

    TarGz symlink(String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setLastModifiedTime(TIME);
        return put(entry, null);
    }

    TarGz special(String name, byte flag, String linkName) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, flag, true);
        if (linkName != null) {
            entry.setLinkName(linkName);
        }
        entry.setLastModifiedTime(TIME);
        return put(entry, null);
    }

    /** A file of {@code size} zero bytes, written in pieces (compresses to almost nothing). */
    TarGz zeros(String name, long size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        byte[] block = new byte[64 * 1024];
        for (long left = size; left > 0; left -= block.length) {
            tar.write(block, 0, (int) Math.min(block.length, left));
        }
        tar.closeArchiveEntry();
        return this;
    }

    /** An empty file whose PAX extended header carries a comment of {@code size} characters. */
    TarGz withPaxComment(String name, int size) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
        entry.setLastModifiedTime(TIME);
        entry.addPaxHeader("comment", "x".repeat(size));
        return put(entry, new byte[0]);
    }

    private TarGz put(TarArchiveEntry entry, byte[] content) throws IOException {
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
        return this;
    }

    Path path() {
        return file;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
