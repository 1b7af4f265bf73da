package io.github.aegirmaven.aegir.drush;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;
import org.apache.commons.exec.Watchdog;

/**
 * Killing drush together with whatever it started. Through {@code su} the JVM's child is {@code su}, and
 * drush's php is su's child (possibly with children of its own): signalling only the direct child would
 * rely on su passing the signal on. So every descendant is sent SIGTERM too, and whatever is still alive
 * after a grace period gets SIGKILL.
 */
final class ProcessTrees {

    static final Duration GRACE = Duration.ofSeconds(3);

    private ProcessTrees() {}

    /**
     * SIGTERM to the descendants first (so that su sees its child die and exits by itself, reaping it), then
     * to the process if it is still there; SIGKILL to whatever still runs after {@link #GRACE} each time.
     */
    static void kill(Process process, Runnable destroyTop) {
        List<ProcessHandle> descendants = new ArrayList<>(process.descendants().toList());
        for (ProcessHandle h : descendants) {
            h.destroy();
        }
        awaitGone(descendants);
        destroyTop.run();
        List<ProcessHandle> all = new ArrayList<>(descendants);
        all.add(process.toHandle());
        awaitGone(all);
        for (ProcessHandle h : all) {
            if (isRunning(h.pid())) {
                h.destroyForcibly();
            }
        }
    }

    /** SIGTERM to a process (not a child of this JVM) and its descendants; SIGKILL after {@link #GRACE}. */
    static void killTree(ProcessHandle top) {
        List<ProcessHandle> all = new ArrayList<>(top.descendants().toList());
        all.add(top);
        for (ProcessHandle h : all) {
            h.destroy();
        }
        awaitGone(all);
        for (ProcessHandle h : all) {
            if (isRunning(h.pid())) {
                h.destroyForcibly();
            }
        }
    }

    private static void awaitGone(List<ProcessHandle> handles) {
        long deadline = System.nanoTime() + GRACE.toNanos();
        while (handles.stream().anyMatch(h -> isRunning(h.pid())) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether a process still runs: it exists and is not a zombie (a killed php whose parent su has not
     * reaped it yet is dead, though {@link ProcessHandle#isAlive()} still says alive).
     */
    static boolean isRunning(long pid) {
        Path stat = Paths.get("/proc", Long.toString(pid), "stat");
        if (Files.isReadable(Paths.get("/proc/self/stat"))) {
            try {
                String s = Files.readString(stat);
                int close = s.lastIndexOf(')');
                char state = close > 0 && close + 2 < s.length() ? s.charAt(close + 2) : '?';
                return state != 'Z' && state != 'X' && state != 'x';
            } catch (IOException e) {
                return false; // no such process
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A watchdog that kills the whole tree at the timeout. */
    static final class Watch extends ExecuteWatchdog {
        private Process process;

        @SuppressWarnings("deprecation")
        Watch(Duration timeout) {
            super(timeout.toMillis());
        }

        @Override
        public synchronized void start(Process process) {
            this.process = process;
            super.start(process);
        }

        /**
         * Set when the timeout found drush running. Killing the descendants first can let su exit before the
         * base class looks, which then would not count the process as killed.
         */
        private boolean killedTree;

        @Override
        public synchronized void timeoutOccured(Watchdog w) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                super.timeoutOccured(w);
                return;
            }
            killedTree = true;
            kill(p, () -> super.timeoutOccured(w));
        }

        @Override
        public synchronized boolean killedProcess() {
            return killedTree || super.killedProcess();
        }
    }

    /** Kills the trees of running drush processes when the JVM shuts down (Ctrl-C, an ended build). */
    static final class OnShutdown extends ShutdownHookProcessDestroyer {
        private final Set<Process> running = ConcurrentHashMap.newKeySet();

        @Override
        public boolean add(Process process) {
            running.add(process);
            return super.add(process);
        }

        @Override
        public boolean remove(Process process) {
            running.remove(process);
            try {
                return super.remove(process);
            } catch (IllegalStateException shuttingDown) {
                return true; // the JVM is shutting down: the hook is running and cannot be removed any more
            }
        }

        @Override
        public void run() {
            for (Process p : running) {
                kill(p, p::destroy);
            }
            super.run();
        }
    }
}
