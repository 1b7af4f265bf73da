package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Downloader;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;

/**
 * The downloads of locked make files, kept by their SHA-256: {@code <directory>/<sha256>/<file name>}. A file
 * is stored only after every sum the lock gives matched, and checked again each time it is used, so the cache
 * is trusted no more than the network. Once a lock's downloads are here, building it needs no network
 * ({@code -o}).
 */
final class ArchiveStore {

    private final Path directory;
    private final Downloader downloader;
    private final BuildLog log;

    ArchiveStore(Path directory, Downloader downloader, BuildLog log) {
        this.directory = directory.toAbsolutePath().normalize();
        this.downloader = downloader;
        this.log = log;
    }

    /** The file name a URL's download is stored under: its last path segment, or "download". */
    static String fileName(LockedMakefile.Download download) {
        String path = download.url().getPath() == null ? "" : download.url().getPath();
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.matches("[A-Za-z0-9][A-Za-z0-9._+-]{0,200}") ? name : "download";
    }

    Path pathFor(LockedMakefile.Download download) {
        return directory.resolve(download.checksums().get("sha256")).resolve(fileName(download));
    }

    /**
     * The verified download: from the cache, or fetched (and then cached) when it is not there.
     *
     * @param what the project or library, for messages
     * @throws UserFixableException when a sum does not match (the download is deleted), or the download fails
     */
    Path fetch(LockedMakefile.Download download, String what) throws IOException, UserFixableException {
        Path cached = pathFor(download);
        if (Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
            verify(cached, download, what, true);
            return cached;
        }
        Files.createDirectories(cached.getParent());
        Path pending = cached.resolveSibling("." + cached.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            downloader.download(download.url(), pending);
            verify(pending, download, what, false);
            try {
                Files.move(pending, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pending, cached, StandardCopyOption.REPLACE_EXISTING);
            }
            log.info("Downloaded " + download.url() + " for " + what + " (sha256 "
                    + download.checksums().get("sha256") + ")");
            return cached;
        } finally {
            Files.deleteIfExists(pending);
        }
    }

    private void verify(Path file, LockedMakefile.Download download, String what, boolean fromCache)
            throws IOException, UserFixableException {
        Map<String, String> expected = download.checksums();
        Map<String, String> actual = Checksums.of(file, expected.keySet());
        for (Map.Entry<String, String> sum : expected.entrySet()) {
            String found = actual.get(sum.getKey());
            if (!found.equals(sum.getValue())) {
                if (fromCache) {
                    Files.deleteIfExists(file);
                }
                throw new ChecksumMismatchException("Checksum " + sum.getKey() + " verification failed for "
                        + download.url() + " (" + what + (fromCache ? ", cached as " + file : "") + "): expected "
                        + sum.getValue() + ", received " + found + ". Nothing was built"
                        + (fromCache ? " and the cached copy was deleted" : "") + ". If the locked make file is"
                        + " right, the server (or a proxy) sends a different file: check the URL; if the project"
                        + " changed on purpose, run mvn aegir:makefile-lock again.");
            }
        }
    }

    /** A download whose sum is not the one the lock records. */
    static final class ChecksumMismatchException extends UserFixableException {
        private static final long serialVersionUID = 1L;

        ChecksumMismatchException(String message) {
            super(message);
        }
    }
}
