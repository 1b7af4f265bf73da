package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.FileModes;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The {@code platform} service: builds a platform directory from a {@link LockedMakefile}, laid out as drush
 * make lays it out, every download verified against the lock, in a staging directory beside the target that is
 * renamed into place at the end. The digest of the tree ({@link TreeDigest}) is recorded beside the platform in
 * {@code <platform>.digest}, outside the Drupal root, where neither drush, provision nor the web server see
 * it. On any failure the staging directory is deleted: no target, no record.
 */
public final class PlatformBuilder {

    /** What a build did. */
    public record Outcome(Path platform, String digest, boolean built) {}

    private static final String RECORD_SUFFIX = ".digest";

    private final ArchiveStore store;
    private final SafeExtractor extractor;
    private final Optional<UnixUser> owner;
    private final BuildLog log;

    /**
     * @param cacheDirectory where verified downloads are kept by SHA-256
     * @param owner the aegir user the tree is given to (when running as root), or empty
     */
    public PlatformBuilder(Path cacheDirectory, Downloader downloader, Optional<UnixUser> owner, BuildLog log) {
        this.store = new ArchiveStore(cacheDirectory, downloader, log);
        this.extractor = new SafeExtractor();
        this.owner = owner;
        this.log = log;
    }

    /**
     * A builder that downloads as {@code settings} say into {@code <cacheDirectory>/platform-downloads} and, when
     * this process runs as root, gives the platform to {@code aegirUser}.
     */
    public static PlatformBuilder forUser(Path cacheDirectory, DownloadSettings settings, String aegirUser)
            throws IOException, UserFixableException {
        Optional<UnixUser> owner = Ownership.isRoot() ? Optional.of(UnixUser.lookup(aegirUser)) : Optional.empty();
        return new PlatformBuilder(
                cacheDirectory.resolve("platform-downloads"), new Downloader(settings), owner, settings.log());
    }

    /** Where the digest of {@code platform} is recorded: {@code <platform>.digest} beside it. */
    public static Path recordFor(Path platform) {
        return platform.resolveSibling(platform.getFileName() + RECORD_SUFFIX);
    }

    /**
     * Builds {@code platform} from the locked make file {@code lockedMakefile}: {@code platform} is checked first
     * (set, absolute, its parent there), then the lock is read, before anything is downloaded or written.
     *
     * @param platform {@code platformDir}, or {@code null} when it is not set (refused)
     * @throws UserFixableException as {@link #target} and {@link LockedMakefile#read} refuse, and as
     *     {@link #build(LockedMakefile, Path)} does
     */
    public Outcome build(Path lockedMakefile, Path platform) throws IOException, UserFixableException {
        Path target = target(platform);
        return build(LockedMakefile.read(lockedMakefile), target);
    }

    /**
     * The platform directory to build, normalised: refused when it is not set, relative, or its parent directory is
     * not there (platform-build creates only the platform itself, so that a mistyped path leaves no stray tree).
     */
    static Path target(Path platform) throws UserFixableException {
        if (platform == null) {
            throw new UserFixableException(Setting.PLATFORM_DIR + " is not set, so platform-build does not know"
                    + " where to build the platform. Set it to the directory to create, e.g. "
                    + Setting.PLATFORM_DIR.flag() + "=/var/aegir/platforms/drupal-6.38 (in the pom: <"
                    + Setting.PLATFORM_DIR.parameter() + ">).");
        }
        if (!platform.isAbsolute()) {
            throw new UserFixableException(Setting.PLATFORM_DIR + " must be an absolute path, but is '" + platform
                    + "'. Give the full path, e.g. /var/aegir/platforms/drupal-6.38.");
        }
        Path target = platform.normalize();
        Path parent = target.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            String found = Files.exists(parent, LinkOption.NOFOLLOW_LINKS) ? "is not a directory" : "does not exist";
            throw new UserFixableException(Setting.PLATFORM_DIR + " " + target + " cannot be built: its parent "
                    + parent + " " + found + ". platform-build creates only the platform directory itself, so that a"
                    + " mistyped path leaves no stray directories. Fix the path, or create the parent first (e.g."
                    + " /var/aegir/platforms, owned by the aegir user).");
        }
        return target;
    }

    /**
     * Builds {@code platform} from {@code lock}, or does nothing when it is already the platform the lock builds.
     *
     * @throws UserFixableException when {@code platform} is not usable ({@link #target}), the target exists and is
     *     not that platform, a download does not match the lock, an archive is unsafe, or a patch does not apply;
     *     nothing is left behind
     */
    public Outcome build(LockedMakefile lock, Path platform) throws IOException, UserFixableException {
        Path target = target(platform);
        Path record = recordFor(target);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            String digest = checkExisting(lock, target, record);
            log.info("Platform " + target + " is already built from "
                    + lock.file().getFileName() + " (tree sha256 " + digest + "): nothing to do.");
            return new Outcome(target, digest, false);
        }
        Path parent = target.getParent();
        Path lockFile = parent.resolve(".platform-build-" + target.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = channel.tryLock()) {
            if (held == null) {
                throw new UserFixableException("Another platform-build is building " + target + " (it holds " + lockFile
                        + "). Wait for it to finish, or build into another platformDir.");
            }
            removeLeftovers(parent, target);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                String digest = checkExisting(lock, target, record);
                log.info("Platform " + target + " was built from " + lock.file().getFileName()
                        + " meanwhile (tree sha256 " + digest + "): nothing to do.");
                return new Outcome(target, digest, false);
            }
            return buildLocked(lock, target, record, parent);
        } finally {
            Files.deleteIfExists(lockFile);
        }
    }

    /** Staging directories of this target that a killed build left (only called holding the target's lock). */
    private void removeLeftovers(Path parent, Path target) throws IOException {
        try (DirectoryStream<Path> left =
                Files.newDirectoryStream(parent, ".platform-build-" + target.getFileName() + "-*")) {
            for (Path dir : left) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    Trees.deleteRecursively(dir);
                    log.info("Removed " + dir + ", left by a platform-build that was stopped before it ended");
                }
            }
        }
    }

    private Outcome buildLocked(LockedMakefile lock, Path target, Path record, Path parent)
            throws IOException, UserFixableException {
        Path staging = parent.resolve(".platform-build-" + target.getFileName() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectory(staging);
        boolean recorded = false;
        try {
            Path root = staging.resolve("platform");
            int index = 0;
            for (LockedMakefile.Entry entry : lock.entries()) {
                Path archive = store.fetch(entry.download(), entry.display());
                Path dir = place(entry, archive, staging.resolve("x" + index++), root);
                patch(entry, dir, staging.resolve("p" + index));
                warnNestedMakefile(entry, dir);
            }
            String digest = TreeDigest.of(root);
            if (owner.isPresent()) {
                Ownership.chownTree(root, owner.get());
            }
            writeRecord(lock, target, record, digest);
            recorded = true;
            try {
                Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("Cannot rename " + root + " to " + target + " atomically: " + e.getMessage(), e);
            }
            log.info("Built platform " + target + " from " + lock.file().getFileName() + ": "
                    + lock.entries().size()
                    + " projects and libraries, every download verified; tree sha256 " + digest + " (recorded in "
                    + record + ")");
            return new Outcome(target, digest, true);
        } catch (IOException | UserFixableException | RuntimeException failure) {
            try {
                if (recorded && !Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(record);
                }
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        } finally {
            Trees.deleteRecursively(staging);
        }
    }

    /** The recorded digest when the existing target is the lock's platform, unchanged; a refusal otherwise. */
    private static String checkExisting(LockedMakefile lock, Path target, Path record)
            throws IOException, UserFixableException {
        String what = Setting.PLATFORM_DIR + " " + target + " already exists";
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFixableException(
                    what + " and is not a directory. Choose another platformDir or remove" + " it.");
        }
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFixableException(what + ", and platform-build did not build it (there is no " + record
                    + "). Refusing to touch it: choose another platformDir for the new platform, or move the old"
                    + " one away if it is not in use.");
        }
        Properties recorded = new Properties();
        recorded.load(new StringReader(Files.readString(record, StandardCharsets.UTF_8)));
        String lockSum = recorded.getProperty("lock-sha256", "");
        if (!lockSum.equals(lock.sha256())) {
            throw new UserFixableException(what + ", built from another locked make file (sha256 " + lockSum
                    + ", " + record + ") than " + lock.file() + " (sha256 " + lock.sha256() + "). A platform is never"
                    + " rebuilt in place: build the new lock into a new platformDir and migrate the sites to it.");
        }
        String expected = recorded.getProperty("tree-sha256", "");
        String actual = TreeDigest.of(target);
        if (!actual.equals(expected)) {
            throw new UserFixableException(what + " and was built from this lock, but its tree changed since: sha256 "
                    + actual + " instead of " + expected + " (" + record + "). Refusing to touch it: find what"
                    + " changed, or build the lock into a new platformDir.");
        }
        return expected;
    }

    private void writeRecord(LockedMakefile lock, Path target, Path record, String digest) throws IOException {
        String text = "# Written by aegir-maven-plugin platform-build: the digest of " + target.getFileName()
                + " as built (recipe: docs/platform-digest.md).\n"
                + "lock-file=" + escape(lock.file().getFileName().toString()) + "\n"
                + "lock-sha256=" + lock.sha256() + "\n"
                + "tree-sha256=" + digest + "\n";
        AtomicFiles.write(record, text);
        if (owner.isPresent()) {
            Ownership.adopt(record, target.getParent());
        }
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Extracts the archive and moves its single top directory where drush make puts the entry. */
    private Path place(LockedMakefile.Entry entry, Path archive, Path scratch, Path root)
            throws IOException, UserFixableException {
        String top = topDirectory(archive, entry);
        Path tree = extractor.extract(archive, scratch, top);
        Path destination = entry.directory().isEmpty() ? root : root.resolve(entry.directory());
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserFixableException("The locked make file " + entry.display() + " goes to " + entry.directory()
                    + ", which another project of the make file already fills (drush make: \"Base path already"
                    + " exists\"). Give one of them another [directory_name] or [subdir] in the source make file and"
                    + " lock again.");
        }
        makeDirectories(root, destination.getParent());
        Files.move(tree, destination, StandardCopyOption.ATOMIC_MOVE);
        return destination;
    }

    /** Creates the missing directories from {@code root} down to {@code dir}, each 755 whatever the umask. */
    private static void makeDirectories(Path root, Path dir) throws IOException {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!dir.equals(root)) {
            makeDirectories(root, dir.getParent());
        }
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, FileModes.DIRECTORY);
    }

    /** The name of the archive's first entry's first component: the top directory drush make renames. */
    private static String topDirectory(Path archive, LockedMakefile.Entry entry)
            throws IOException, UserFixableException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive));
                TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8")) {
            TarArchiveEntry first;
            while ((first = tar.getNextEntry()) != null) {
                for (String part : first.getName().split("/")) {
                    if (!part.isEmpty() && !part.equals(".")) {
                        if (part.equals("..")) {
                            break;
                        }
                        return part;
                    }
                }
                if (!first.getName().equals("./")) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UserFixableException(
                    "The download of " + entry.display() + " ("
                            + entry.download().url()
                            + ", cached as " + archive + ") is not a .tar.gz archive: " + e.getMessage()
                            + ". platform-build"
                            + " extracts .tar.gz archives with one top directory;"
                            + " lock the project to a .tar.gz release.",
                    e);
        }
        // Let the extractor refuse it with its own rule and message.
        return entry.name();
    }

    /** Applies the entry's patches in order, as drush make: {@code patch -p1}, else {@code -p0}; PATCHES.txt. */
    private void patch(LockedMakefile.Entry entry, Path dir, Path scratch) throws IOException, UserFixableException {
        if (entry.patches().isEmpty()) {
            return;
        }
        StringBuilder applied = new StringBuilder();
        for (LockedMakefile.Download patch : entry.patches()) {
            Path file = store.fetch(patch, "a patch of " + entry.display());
            if (!runPatch(dir, file, "-p1", true) || !runPatch(dir, file, "-p1", false)) {
                if (!runPatch(dir, file, "-p0", true) || !runPatch(dir, file, "-p0", false)) {
                    throw new UserFixableException("The patch " + patch.url() + " (sha256 "
                            + patch.checksums().get("sha256") + ") does not apply to " + entry.display() + " with"
                            + " patch -p1 or -p0. Nothing was built. Fix the patch or the version it is locked"
                            + " with in the source make file, and lock again.");
                }
            }
            applied.append("- ").append(patch.url()).append('\n');
            log.info(entry.name() + " patched with " + ArchiveStore.fileName(patch) + ".");
        }
        Path patches = dir.resolve("PATCHES.txt");
        if (!Files.exists(patches, LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(
                    patches,
                    "The following patches have been applied to this project:\n" + applied
                            + "\nThis file was automatically generated by Drush Make"
                            + " (http://drupal.org/project/drush_make).");
        }
        FileModes.normalizeTree(dir);
    }

    private static boolean runPatch(Path dir, Path file, String strip, boolean dryRun) throws IOException {
        List<String> command = new ArrayList<>(List.of("patch", strip, "--batch", "--forward", "--silent"));
        command.add("--no-backup-if-mismatch");
        command.add("--reject-file=-");
        if (dryRun) {
            command.add("--dry-run");
        }
        command.addAll(List.of("-d", dir.toString(), "-i", file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        process.getInputStream().transferTo(OutputStreamSink.INSTANCE);
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException("patch did not finish within 5 minutes: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + String.join(" ", command), e);
        }
        return process.exitValue() == 0;
    }

    /** Discards a process's output. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }

    /** drush make would build a make file inside a project too; a locked make file lists every project itself. */
    private void warnNestedMakefile(LockedMakefile.Entry entry, Path dir) throws IOException {
        if (entry.library() || entry.type().equals("core")) {
            return;
        }
        try (DirectoryStream<Path> makes = Files.newDirectoryStream(dir, "*.make")) {
            for (Path make : makes) {
                log.warn(entry.display() + " contains " + make.getFileName() + ", which drush make would build too;"
                        + " platform-build builds only what the locked make file lists (lock the projects it names"
                        + " into the locked make file).");
            }
        }
    }
}
