package io.github.aegirmaven.aegir.release;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Downloaded release archives, one file per release: {@code <directory>/<project>/<project>-<version>.tar.gz}.
 *
 * <p>A file appears under its final name only by an atomic rename of a complete, verified file
 * ({@link #store}); partial downloads live under hidden {@code .*.part} names beside it, so a killed build
 * never leaves a half file that looks cached.
 */
public final class ReleaseCache {

    /** Where the cache lives inside a Maven local repository. */
    public static final String LOCAL_REPOSITORY_SUBDIRECTORY = "io/github/aegirmaven/aegir-releases";

    private final Path directory;

    public ReleaseCache(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The cache inside a Maven local repository ({@code ~/.m2/repository}). */
    public static ReleaseCache inLocalRepository(Path localRepository) {
        return new ReleaseCache(localRepository.resolve(LOCAL_REPOSITORY_SUBDIRECTORY));
    }

    public Path directory() {
        return directory;
    }

    /** Where the release's archive is (or would be) cached. */
    public Path pathFor(Release release) {
        return directory.resolve(release.project()).resolve(release.archiveFileName());
    }

    /** The cached archive, if there is one (a regular file, not a link). */
    public Optional<Path> find(Release release) {
        Path path = pathFor(release);
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) ? Optional.of(path) : Optional.empty();
    }

    /**
     * A fresh, unique, hidden file name beside {@link #pathFor} to download into; the caller verifies it and
     * then {@link #store stores} or deletes it. The project directory is created; the file is not.
     */
    public Path newPendingPath(Release release) throws IOException {
        Path target = pathFor(release);
        Files.createDirectories(target.getParent());
        removeStalePartialFiles(target.getParent());
        Path pending = Files.createTempFile(target.getParent(), "." + release.archiveFileName() + ".", ".part");
        Files.delete(pending);
        return pending;
    }

    /**
     * Moves a complete, verified file into the cache under the release's name by an atomic rename, replacing
     * any older file. The file should come from {@link #newPendingPath} so that the rename stays on one file
     * system.
     */
    public Path store(Release release, Path verifiedFile) throws IOException {
        Path target = pathFor(release);
        Files.createDirectories(target.getParent());
        try {
            Files.move(verifiedFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Path pending = newPendingPath(release);
            Files.copy(verifiedFile, pending);
            Files.move(pending, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(verifiedFile);
        }
        return target;
    }

    /** Deletes hidden {@code .part} files older than a day: left behind by builds that were killed. */
    private static void removeStalePartialFiles(Path directory) throws IOException {
        FileTime dayAgo = FileTime.from(Instant.now().minus(Duration.ofDays(1)));
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory, ".*.part")) {
            for (Path partial : partials) {
                try {
                    if (Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(partial, LinkOption.NOFOLLOW_LINKS)
                                            .compareTo(dayAgo)
                                    < 0) {
                        Files.deleteIfExists(partial);
                    }
                } catch (IOException e) {
                    // another build may be removing it too
                }
            }
        }
    }

    /** Removes the release's cached archive; whether there was one. */
    public boolean delete(Release release) throws IOException {
        return Files.deleteIfExists(pathFor(release));
    }

    @Override
    public String toString() {
        return directory.toString();
    }
}
