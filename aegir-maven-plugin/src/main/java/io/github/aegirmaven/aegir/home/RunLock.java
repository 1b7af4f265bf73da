package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One build at a time per Aegir home. The lock is an operating-system lock ({@link FileChannel#tryLock()})
 * on {@code .aegir-maven-plugin/lock}, which the kernel releases when the holding process dies, even by
 * SIGKILL, so a killed build never blocks the next one. Beside it, {@code lock.info} says who holds it (pid,
 * goal, start time, host, user) for the message another build shows, and lets the next build say whose
 * stale lock it takes over.
 *
 * <p>A build leaves no trace of the lock: {@link #close} deletes both files while still holding the lock,
 * and the state directory too when nothing else is in it, so that a build that changed nothing (it failed a
 * check, or found nothing to do) leaves the home byte for byte as it was. Because the file can vanish,
 * {@link #acquire} checks after locking that the path still names the file it locked (the same inode, found
 * through {@code /proc/self/fd} without opening the file again: closing any descriptor of a file drops the
 * process's POSIX locks on it); if not, the file it locked was deleted by the build before it, and it tries
 * again. Where there is no {@code /proc} the check is skipped.
 *
 * <pre>
 * try (RunLock lock = RunLock.acquire(home, "backend-upgrade", log)) {
 *     SwapTransaction.recover(home, log);
 *     ...
 * }
 * </pre>
 */
public final class RunLock implements AutoCloseable {

    /** Lock files held by this JVM: POSIX locks are per process, and closing any channel on the file drops them. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** How often {@link #acquire} tries again when the file it locked was deleted by the build before it. */
    private static final int MAX_ATTEMPTS = 100;

    /** Who holds (or held) the lock. */
    public record Holder(long pid, String goal, Instant started, String host, String user) {
        String describe() {
            return "pid " + pid + ", goal " + goal + ", started " + started + (host.isEmpty() ? "" : " on " + host)
                    + (user.isEmpty() ? "" : " by " + user);
        }
    }

    private final AegirHome home;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private boolean closed;

    private RunLock(AegirHome home, Path lockFile, FileChannel channel, FileLock lock, Holder holder) {
        this.home = home;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
    }

    /** {@link #acquire(AegirHome, String, BuildLog)} without logging a stale takeover. */
    public static RunLock acquire(AegirHome home, String goal) throws IOException, UserFixableException {
        return acquire(home, goal, BuildLog.NONE);
    }

    /**
     * Takes the home's run lock.
     *
     * @throws UserFixableException when another live build holds it
     */
    public static RunLock acquire(AegirHome home, String goal, BuildLog log) throws IOException, UserFixableException {
        Path lockFile = home.lockFile().toAbsolutePath().normalize();
        if (!HELD_HERE.add(lockFile)) {
            throw busy(home, readHolder(home));
        }
        boolean acquired = false;
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<RunLock> lock = tryAcquire(home, lockFile, goal, log);
                if (lock.isPresent()) {
                    acquired = true;
                    return lock.get();
                }
                if (attempt == MAX_ATTEMPTS) {
                    throw new IOException("Could not take the run lock " + lockFile + ": it was deleted and created again "
                            + MAX_ATTEMPTS + " times while this build tried to take it. Other builds keep starting on "
                            + home.root() + "; run again when they are done.");
                }
            }
        } finally {
            if (!acquired) {
                HELD_HERE.remove(lockFile);
            }
        }
    }

    /** One attempt: the lock, or empty when the file locked turned out to be deleted meanwhile (try again). */
    private static Optional<RunLock> tryAcquire(AegirHome home, Path lockFile, String goal, BuildLog log)
            throws IOException, UserFixableException {
        // NoSuchFileException (and FileAlreadyExistsException from createDirectories) below: a build that just
        // finished removed the lock file or the empty state directory between two of these steps; try again.
        FileChannel channel;
        boolean created;
        try {
            home.ensureStateDir();
            created = !Files.exists(lockFile);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return Optional.empty();
        }
        try {
            if (created) {
                try {
                    home.adopt(lockFile);
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw busy(home, readHolder(home));
            }
            if (!stillNamedByPath(lockFile)) {
                return Optional.empty();
            }
            Optional<Holder> previous = readHolder(home);
            previous.ifPresent(p -> log.warn("Taking over the stale lock of a build that is gone (" + p.describe()
                    + "): it was killed or crashed. The journal check that follows puts right what it left half done."));
            Holder me = new Holder(ProcessHandle.current().pid(), goal, Instant.now(), hostName(), Ownership.currentUserName());
            writeHolder(home, me);
            RunLock runLock = new RunLock(home, lockFile, channel, lock, me);
            channel = null;
            return Optional.of(runLock);
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    /**
     * Whether the path still names the file this process has open: some descriptor in {@code /proc/self/fd} is
     * on the same device and inode as the path. Only one channel per lock file is open in this JVM
     * ({@link #HELD_HERE}), so a match is the channel just locked. True where {@code /proc} is missing.
     */
    static boolean stillNamedByPath(Path file) throws IOException {
        Path fds = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return true;
        }
        Object named;
        try {
            named = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return false;
        }
        if (named == null) {
            return true;
        }
        try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
            for (Path fd : open) {
                try {
                    // stat follows the /proc link to the open file itself, even when it was deleted
                    if (named.equals(Files.readAttributes(fd, BasicFileAttributes.class).fileKey())) {
                        return true;
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the directory listing itself, or one closed by another thread
                }
            }
        }
        return false;
    }

    private static UserFixableException busy(AegirHome home, Optional<Holder> holder) {
        String who = holder.map(Holder::describe).orElse("details unknown: " + home.lockInfoFile() + " is missing");
        return new UserFixableException("Another aegir-maven-plugin build (" + who + ") is working on " + home.root()
                + "; wait for it to finish, or stop it" + holder.map(h -> " (kill " + h.pid() + ")").orElse("")
                + " and run again. The lock " + home.lockFile() + " is released by the operating system when that process "
                + "ends, so there is nothing to delete by hand.");
    }

    /** Who holds or last held the lock, from {@code lock.info}. */
    public static Optional<Holder> readHolder(AegirHome home) {
        Path info = home.lockInfoFile();
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        try {
            SortedMap<String, String> p = PropertiesText.read(info);
            return Optional.of(new Holder(Long.parseLong(p.getOrDefault("pid", "-1")), p.getOrDefault("goal", "?"),
                    p.containsKey("started") ? Instant.parse(p.get("started")) : Instant.EPOCH, p.getOrDefault("host", ""),
                    p.getOrDefault("user", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writeHolder(AegirHome home, Holder h) throws IOException {
        Map<String, String> p = new TreeMap<>();
        p.put("pid", Long.toString(h.pid()));
        p.put("goal", h.goal());
        p.put("started", h.started().toString());
        p.put("host", h.host());
        p.put("user", h.user());
        PropertiesText.write(home.lockInfoFile(), "The aegir-maven-plugin build holding " + home.lockFile(), p);
        home.adopt(home.lockInfoFile());
    }

    static String hostName() {
        try {
            Path kernel = Paths.get("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel, StandardCharsets.UTF_8).strip();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    public Holder holder() {
        return holder;
    }

    public AegirHome home() {
        return home;
    }

    /**
     * Removes {@code lock.info}, the lock file and, when nothing else is in it, the state directory, then
     * releases the lock. The files go while the lock is still held, so no other build can have locked them.
     */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Files.deleteIfExists(home.lockInfoFile());
            Files.deleteIfExists(lockFile);
            try {
                Files.delete(home.stateDir());
            } catch (DirectoryNotEmptyException | NoSuchFileException keep) {
                // the journal, the install record or another build's files are in it: it stays
            }
        } finally {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
                HELD_HERE.remove(lockFile);
            }
        }
    }
}
