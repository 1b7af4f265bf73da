package io.github.aegirmaven.aegir.archive;

import io.github.aegirmaven.aegir.core.DiskFull;
import io.github.aegirmaven.aegir.core.LocalWriteException;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;
import org.apache.commons.io.file.PathUtils;
import org.apache.commons.io.file.StandardDeleteOption;

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

    static final int BUFFER = 128 * 1024;
    static final int READ_AHEAD_CHUNKS = 4;
    static final int MAX_LINK_HOPS = 40;
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    static final Set<PosixFilePermission> EXECUTABLE_MODE = DIRECTORY_MODE;
    static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(DIRECTORY_MODE);
    static final FileAttribute<Set<PosixFilePermission>> FILE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(FILE_MODE);
    static final FileAttribute<Set<PosixFilePermission>> EXECUTABLE_ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(EXECUTABLE_MODE);
    static final Set<OpenOption> NEW_FILE =
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
        return extract(tarGz, stagingDir, expectedTopDir, null, null);
    }

    /**
     * As {@link #extract(Path, Path, String)}, and gives every directory, file and link it creates to {@code owner}
     * and {@code group} as it goes (as root; links themselves, never followed): while each entry is fresh, instead of
     * a second walk over the whole tree that changes every inode again.
     */
    public Path extract(Path tarGz, Path stagingDir, String expectedTopDir, UserPrincipal owner, GroupPrincipal group)
            throws IOException, UserFixableException {
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
            new Extraction(limits, opener, tarGz, staging, expectedTopDir, owner, group).run();
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
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(root, StandardDeleteOption.OVERRIDE_READ_ONLY);
        }
    }

    static UserFixableException damaged(Path archive, Exception e) {
        return new UserFixableException(
                "Cannot extract " + archive + ": it is damaged or not a .tar.gz archive ("
                        + describe(e) + "). Nothing was installed. Delete it from the release cache so that it is"
                        + " downloaded again, and check " + Setting.DOWNLOAD_URL + ".",
                e);
    }

    static IOException writeFailure(Path archive, Path staging, Path path, IOException e) {
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

    static String describe(Exception e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
