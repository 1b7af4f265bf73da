package io.github.aegirmaven.aegir.drush;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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

    /** SIGTERM to the descendants and the process, then SIGKILL to survivors after {@link #GRACE}. */
    static void kill(Process process, Runnable destroyTop) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        for (ProcessHandle h : all) {
            h.destroy();
        }
        destroyTop.run();
        all.add(process.toHandle());
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : all) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // still alive: killed below
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
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

        @Override
        public synchronized void timeoutOccured(Watchdog w) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                super.timeoutOccured(w);
                return;
            }
            kill(p, () -> super.timeoutOccured(w));
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
