package io.github.aegirmaven.aegir.home.lock;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.PropertiesText;
import io.github.aegirmaven.aegir.home.user.Ownership;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run lock's {@code lock.info} beside {@code .aegir-maven-plugin/lock}: who holds it, written complete under a
 * temporary name before the lock is taken and renamed into place the moment it is, read by the builds it turns away
 * and by {@code status}; and the temporary files killed builds left beside it.
 */
final class LockInfo {

    private static final String PENDING_PREFIX = ".lock.info.tmp-pid";
    private static final Pattern PENDING = Pattern.compile(Pattern.quote(PENDING_PREFIX) + "(\\d+)-.*");

    private LockInfo() {}

    /**
     * This build's {@code lock.info}, complete and forced to disk under a temporary name in the state directory,
     * ready to be renamed into place the moment the lock is taken.
     */
    static Path writePending(AegirHome home, RunLock.Holder me) throws IOException, UserFixableException {
        String text =
                PropertiesText.format("The aegir-maven-plugin build holding " + home.lockFile(), holderValues(me));
        for (int attempt = 1; ; attempt++) {
            Path pending = home.stateDir()
                    .resolve(PENDING_PREFIX + me.pid() + "-"
                            + UUID.randomUUID().toString().substring(0, 8));
            try {
                home.ensureStateDir();
                try (FileChannel ch = FileChannel.open(
                        pending, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    ByteBuffer buf = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    ch.force(true);
                }
                AtomicFiles.setFileMode(pending);
                return pending;
            } catch (NoSuchFileException e) {
                if (attempt >= RunLock.ATTEMPTS) {
                    throw e; // a build that ended removed the empty state directory every time
                }
            } catch (FileSystemException e) {
                throw new UserFixableException(
                        "Cannot write the run lock's details " + pending + " in the Aegir home: "
                                + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason()) + ". The state"
                                + " directory " + home.stateDir() + " must be a directory the user running the build ("
                                + Ownership.currentUserName()
                                + ") can write: run the build as the aegir user or as root.",
                        e);
            }
        }
    }

    /** What {@code lock.info} says, or why it cannot be used (unreadable, edited into something else). */
    static RunLock.HolderInfo read(AegirHome home) {
        Path info = home.lockInfoFile();
        SortedMap<String, String> p;
        try {
            // one look at the file: a build that ends may remove it at any moment, which is not a problem
            if (!Files.readAttributes(info, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .isRegularFile()) {
                return new RunLock.HolderInfo(Optional.empty(), Optional.of("is not a regular file"));
            }
            p = PropertiesText.read(info);
        } catch (NoSuchFileException e) {
            return RunLock.HolderInfo.none();
        } catch (IOException | RuntimeException e) {
            return new RunLock.HolderInfo(
                    Optional.empty(),
                    Optional.of("cannot be read (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")"));
        }
        try {
            long pid = Long.parseLong(p.getOrDefault("pid", "").strip());
            String goal = p.getOrDefault("goal", "").strip();
            Instant started = Instant.parse(p.getOrDefault("started", "").strip());
            if (pid <= 0 || goal.isEmpty()) {
                throw new IllegalArgumentException("pid " + pid + ", goal '" + goal + "'");
            }
            return new RunLock.HolderInfo(
                    Optional.of(new RunLock.Holder(
                            pid, goal, started, p.getOrDefault("host", ""), p.getOrDefault("user", ""))),
                    Optional.empty());
        } catch (RuntimeException e) {
            return new RunLock.HolderInfo(
                    Optional.empty(),
                    Optional.of("is not what this plugin writes (expected pid=, goal= and"
                            + " started= lines; it was edited by hand or damaged)"));
        }
    }

    static Map<String, String> holderValues(RunLock.Holder h) {
        Map<String, String> p = new TreeMap<>();
        p.put("pid", Long.toString(h.pid()));
        p.put("goal", h.goal());
        p.put("started", h.started().toString());
        p.put("host", h.host());
        p.put("user", h.user());
        return p;
    }

    /** Renames the pending details over {@code lock.info} (written afresh if a finishing build removed them). */
    static void place(AegirHome home, RunLock.Holder h, Path pending) throws IOException {
        Path info = home.lockInfoFile();
        if (Files.exists(info, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(info, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(info + " is not a regular file; remove it (it only says who holds the run lock)");
        }
        try {
            Files.move(pending, info, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.syncDirectory(home.stateDir());
        } catch (NoSuchFileException e) {
            PropertiesText.write(info, "The aegir-maven-plugin build holding " + home.lockFile(), holderValues(h));
        }
        home.adopt(info);
    }

    /**
     * Removes the temporary files ({@code .NAME.tmp-*}) that builds killed while writing left in the state directory;
     * called holding the lock, so that no build of this home is writing one, except the pending details of builds
     * still trying to take the lock, which are kept while their process runs.
     */
    static void removeLeftTemporaryFiles(AegirHome home, BuildLog log) throws IOException {
        List<String> removed = new ArrayList<>();
        long me = ProcessHandle.current().pid();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.stateDir(), ".*.tmp-*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher pending = PENDING.matcher(name);
                if (pending.matches() && pending.group(1).length() < 19) {
                    long pid = Long.parseLong(pending.group(1));
                    if (pid != me
                            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue; // another build waiting for the lock
                    }
                }
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(file)) {
                    removed.add(name);
                }
            }
        }
        if (!removed.isEmpty()) {
            log.info("Removed temporary files a killed build left in " + home.stateDir() + ": " + removed);
        }
    }
}
