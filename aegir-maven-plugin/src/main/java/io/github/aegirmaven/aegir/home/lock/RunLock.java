package io.github.aegirmaven.aegir.home.lock;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.user.Ownership;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One build at a time per Aegir home. The lock is an operating-system lock ({@link FileChannel#tryLock()})
 * on {@code .aegir-maven-plugin/lock}, which the kernel releases when the holding process dies, even by
 * SIGKILL, so a killed build never blocks the next one. Beside it, {@code lock.info} says who holds it (pid,
 * goal, start time, host, user) for the message another build shows, and lets the next build say whose
 * stale lock it takes over.
 *
 * <p>The details are in place the moment the lock is: a build writes its {@code lock.info} completely under a
 * temporary name ({@code .lock.info.tmp-pid<pid>-<random>}) before it tries the lock and renames it into place
 * right after taking it. A build refused in the instant between the two (or while a stale {@code lock.info} of a
 * killed build is being replaced) waits a moment for the details of a live holder instead of reporting
 * "details unknown". Temporary files a killed build left in the state directory ({@code .lock.info.tmp-*},
 * {@code .journal.tmp-*}, ...) are removed by the next build that takes the lock.
 *
 * <p>A build that ends removes both files (and the state directory when nothing else is in it), so a build
 * refused for a bad parameter leaves the home as it found it. Since the file is removed while locked, a build
 * that opened it just before must not trust a lock on a file that is no longer there: having locked, it checks
 * that the file it holds is still the one at the path, or tries again.
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

    static final int ATTEMPTS = 200;
    /** How long a refused build waits for the holder's details to name a live process. */
    private static final Duration DETAILS_WAIT = Duration.ofSeconds(3);

    /** Who holds (or held) the lock. */
    public record Holder(long pid, String goal, Instant started, String host, String user) {
        /** {@code pid 123, goal upgrade, started 2026-01-01T10:00:00Z on host by user}. */
        public String describe() {
            return "pid " + pid + ", goal " + goal + ", started " + started + (host.isEmpty() ? "" : " on " + host)
                    + (user.isEmpty() ? "" : " by " + user);
        }
    }

    /** What {@code lock.info} says: its holder, or why it could not be read; both empty when it is absent. */
    public record HolderInfo(Optional<Holder> holder, Optional<String> problem) {
        static HolderInfo none() {
            return new HolderInfo(Optional.empty(), Optional.empty());
        }
    }

    private final AegirHome home;
    private final Path lockFile;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private final Optional<Holder> takenOverFrom;
    private boolean closed;

    private RunLock(
            AegirHome home,
            Path lockFile,
            FileChannel channel,
            FileLock lock,
            Holder holder,
            Optional<Holder> takenOverFrom) {
        this.home = home;
        this.lockFile = lockFile;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
        this.takenOverFrom = takenOverFrom;
    }

    /** {@link #acquire(AegirHome, String, BuildLog)} without logging a stale takeover. */
    public static RunLock acquire(AegirHome home, String goal) throws IOException, UserFixableException {
        return acquire(home, goal, BuildLog.NONE);
    }

    /**
     * Takes the home's run lock. The home must exist (it is never created here).
     *
     * @throws UserFixableException when another live build holds it, or the lock file cannot be opened
     */
    public static RunLock acquire(AegirHome home, String goal, BuildLog log) throws IOException, UserFixableException {
        if (!Files.isDirectory(home.root())) {
            throw new UserFixableException(Setting.HOME + " " + home.root() + " does not exist or is not a"
                    + " directory: expected the aegir user's home (e.g. /var/aegir). Set aegirHome to it.");
        }
        Path lockFile = home.lockFile().toAbsolutePath().normalize();
        if (!HELD_HERE.add(lockFile)) {
            throw busy(home, detailsOfALiveHolder(home));
        }
        Holder me =
                new Holder(ProcessHandle.current().pid(), goal, Instant.now(), hostName(), Ownership.currentUserName());
        Path pending = null;
        try {
            pending = LockInfo.writePending(home, me);
            long deadline = System.nanoTime() + DETAILS_WAIT.toNanos();
            for (int attempt = 1; ; attempt++) {
                Optional<RunLock> taken;
                try {
                    taken = tryOnce(home, lockFile, me, pending, log);
                } catch (Busy busy) {
                    if (shown(busy.info) || System.nanoTime() > deadline) {
                        throw busy(home, busy.info);
                    }
                    // the holder has the lock but its details are not in place yet (or are a killed build's): a
                    // moment, then look again (the lock may even be free by then)
                    pause();
                    attempt--;
                    continue;
                }
                if (taken.isPresent()) {
                    pending = null;
                    return taken.get();
                }
                if (attempt >= ATTEMPTS) {
                    throw new IOException("Could not take the run lock " + lockFile + " in " + ATTEMPTS
                            + " attempts: it was" + " removed and created again every time (builds starting and ending"
                            + " at a high rate?)");
                }
            }
        } catch (IOException | UserFixableException | RuntimeException e) {
            HELD_HERE.remove(lockFile);
            throw e;
        } finally {
            if (pending != null) {
                Files.deleteIfExists(pending);
            }
        }
    }

    /** Another build holds the lock; {@code info} is what its {@code lock.info} said. */
    private static final class Busy extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient HolderInfo info;

        Busy(HolderInfo info) {
            super(null, null, false, false);
            this.info = info;
        }
    }

    /**
     * Whether {@code info} is worth showing as it is: a live holder (or one on another host, which cannot be
     * checked), or a record that is not what this plugin writes (it never writes one half: never transient).
     */
    private static boolean shown(HolderInfo info) {
        return info.problem().isPresent()
                || info.holder().map(RunLock::mayBeAlive).orElse(false);
    }

    /**
     * Whether the holder may be the live process it names: on another host it cannot be told; here its pid must
     * run, and must have started before the holder took the lock (not a later process given the same pid).
     */
    static boolean mayBeAlive(Holder h) {
        String here = hostName();
        if (!h.host().isEmpty() && !here.isEmpty() && !h.host().equals(here)) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(h.pid()).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return false;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return started.isEmpty() || !started.get().isAfter(h.started().plusSeconds(2));
    }

    /** For a refusal in this JVM: the details, once the holder has written them (or after the wait). */
    private static HolderInfo detailsOfALiveHolder(AegirHome home) {
        long deadline = System.nanoTime() + DETAILS_WAIT.toNanos();
        HolderInfo info = readHolderInfo(home);
        while (!shown(info) && System.nanoTime() < deadline) {
            pause();
            info = readHolderInfo(home);
        }
        return info;
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One attempt: the lock, or empty when the file was replaced under us (the caller tries again). */
    private static Optional<RunLock> tryOnce(AegirHome home, Path lockFile, Holder me, Path pending, BuildLog log)
            throws IOException, UserFixableException, Busy {
        FileChannel channel;
        try {
            home.ensureStateDir();
            channel = FileChannel.open(
                    lockFile,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // a build that just ended removed the (empty) state directory
        } catch (FileSystemException e) {
            throw new UserFixableException(
                    "Cannot open the run lock " + lockFile + " of the Aegir home: "
                            + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason())
                            + ". It must be a file the"
                            + " user running the build (" + Ownership.currentUserName()
                            + ") can write: run the build as the aegir"
                            + " user or as root, or remove " + lockFile
                            + " (it holds no data; the operating system keeps the"
                            + " lock).",
                    e);
        }
        boolean keep = false;
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                throw new Busy(readHolderInfo(home));
            }
            if (!stillAtItsPath(lockFile)) {
                lock.release();
                return Optional.empty(); // we locked a file that a finishing build had just removed
            }
            // The details go in place at once (the record of a killed holder is read first, to be named below).
            HolderInfo previous = readHolderInfo(home);
            LockInfo.place(home, me, pending);
            if (Files.getOwner(lockFile, LinkOption.NOFOLLOW_LINKS).getName().equals(Ownership.currentUserName())) {
                // Made by this build or by one that lost the race to lock it, so not set up yet. Only now: until it
                // is locked and still at its path, a finishing build may remove it at any moment.
                AtomicFiles.setFileMode(lockFile);
                home.adopt(lockFile);
            }
            announceTakeOver(home, previous, log);
            LockInfo.removeLeftTemporaryFiles(home, log);
            keep = true;
            return Optional.of(new RunLock(home, lockFile, channel, lock, me, previous.holder()));
        } finally {
            if (!keep) {
                channel.close();
            }
        }
    }

    private static void announceTakeOver(AegirHome home, HolderInfo previous, BuildLog log) {
        previous.holder()
                .ifPresent(p -> log.warn("Taking over the stale lock of a build that is gone (" + p.describe()
                        + "): it was killed or crashed. The checks that follow put right what it left half done."));
        previous.problem()
                .ifPresent(problem -> log.warn("The record of the run lock's last holder, " + home.lockInfoFile() + ", "
                        + problem + "; no build holds the lock, so it is replaced."));
    }

    /**
     * Whether the file this process has open as {@code lockFile} is still the one at that path. Opening the path
     * again to look would drop the lock (POSIX locks go with any close of the file), so the open file is examined
     * through {@code /proc/self/fd}: its inode (stat follows the link without opening) must be the path's. Where
     * there is no {@code /proc} this cannot be told and is taken as true.
     */
    private static boolean stillAtItsPath(Path lockFile) throws IOException {
        Path fds = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return true;
        }
        Object atPath;
        try {
            atPath = Files.readAttributes(lockFile, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .fileKey();
        } catch (NoSuchFileException e) {
            return false;
        }
        try (DirectoryStream<Path> open = Files.newDirectoryStream(fds)) {
            for (Path fd : open) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    continue;
                }
                if (!target.equals(lockFile.toString()) && !target.equals(lockFile + " (deleted)")) {
                    continue;
                }
                try {
                    if (!Files.readAttributes(fd, BasicFileAttributes.class)
                            .fileKey()
                            .equals(atPath)) {
                        return false;
                    }
                } catch (IOException e) {
                    // closed in the meantime: not ours
                }
            }
        }
        return true;
    }

    private static UserFixableException busy(AegirHome home, HolderInfo info) {
        String who = info.holder()
                .map(Holder::describe)
                .orElseGet(() -> info.problem()
                        .map(p -> "details unknown: " + home.lockInfoFile() + " " + p)
                        .orElse("details unknown: " + home.lockInfoFile() + " is missing"));
        return new UserFixableException("Another aegir-maven-plugin build (" + who + ") is working on " + home.root()
                + "; wait for it to finish, or stop it"
                + info.holder().map(h -> " (kill " + h.pid() + ")").orElse("")
                + " and run again. The lock " + home.lockFile() + " is released by the operating system when that"
                + " process ends, so there is nothing to delete by hand.");
    }

    /** What {@code lock.info} says, or why it cannot be used (unreadable, edited into something else). */
    public static HolderInfo readHolderInfo(AegirHome home) {
        return LockInfo.read(home);
    }

    /** Who holds or last held the lock, from {@code lock.info}; empty when it is missing or unreadable. */
    public static Optional<Holder> readHolder(AegirHome home) {
        return readHolderInfo(home).holder();
    }

    public static String hostName() {
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

    /** The holder of the stale lock this one took over (a build that was killed), if any. */
    public Optional<Holder> takenOverFrom() {
        return takenOverFrom;
    }

    public AegirHome home() {
        return home;
    }

    /**
     * Releases the lock and removes {@code lock.info} and the lock file (while still holding it), then the state
     * directory if nothing else is in it.
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
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
            HELD_HERE.remove(lockFile);
        }
        try {
            Files.delete(home.stateDir());
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            // it holds the plugin's state (or another build is starting): keep it
        }
    }
}
