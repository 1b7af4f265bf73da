package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.frontend.InterruptedMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.journal.Journal;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a build that changes the home says when it is stopped (Ctrl-C, SIGINT, SIGTERM) before it ends: while it
 * is installed, a JVM shutdown hook stops every process the build started (drush, and whatever drush started, such
 * as drush make), then says what state the home is in and what to run next. Every change is journaled step by
 * step, so the journal is consistent at any moment; the next build puts right what this one left.
 */
public final class StopNotice implements AutoCloseable {

    /** How long the children get to end after SIGTERM before SIGKILL. */
    static final Duration GRACE = Duration.ofSeconds(3);

    /**
     * How long the build's own work gets, once its children are stopped, to end the step it is in (a failed drush
     * puts the saved crontab back, for one) before the state is read and the JVM halts.
     */
    static final Duration SETTLE = Duration.ofSeconds(15);

    private final AegirHome home;
    private final String command;
    private final PrintStream out;
    private final Thread hook;
    private final CountDownLatch ended = new CountDownLatch(1);

    private StopNotice(AegirHome home, String command, PrintStream out) {
        this.home = home;
        this.command = command;
        this.out = out;
        this.hook = new Thread(this::stopped, "aegir-maven-plugin-stopped");
    }

    /**
     * Installs the notice for the work that follows; {@link #close} when it has ended (either way).
     *
     * @param command how to run the goal again, e.g. {@code mvn aegir:upgrade}
     */
    public static StopNotice install(AegirHome home, String command) {
        StopNotice notice = new StopNotice(home, command, standardError());
        Runtime.getRuntime().addShutdownHook(notice.hook);
        return notice;
    }

    /**
     * A stream of its own to where standard error goes now (opened through {@code /proc/self/fd/2}, the same pipe or
     * terminal): by the time the JVM shuts down, Maven may have uninstalled the console its log and
     * {@code System.err} write to.
     */
    private static PrintStream standardError() {
        try {
            return new PrintStream(new FileOutputStream("/proc/self/fd/2", true), true, Charset.defaultCharset());
        } catch (IOException | RuntimeException notLinux) {
            return new PrintStream(new FileOutputStream(FileDescriptor.err), true, Charset.defaultCharset());
        }
    }

    @Override
    public void close() {
        ended.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            out.close();
        } catch (IllegalStateException shuttingDown) {
            // the JVM is shutting down: the hook runs, and writes to the stream
        }
    }

    private void stopped() {
        int stopped = stopChildren(ProcessHandle.current(), GRACE);
        boolean settled = false;
        try {
            settled = ended.await(SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            List<String> lines = new ArrayList<>(describe(home, command, stopped));
            if (!settled) {
                lines.add(1, "  It was still at work when the JVM ended; whatever it was doing is journaled.");
            }
            lines.forEach(l -> out.println("[ERROR] " + l));
        } catch (IOException | RuntimeException e) {
            out.println("[ERROR] The build was stopped; the state of " + home.root() + " could not be read (" + e
                    + "). Run `" + command + "` again: it puts right what this build left first.");
        }
        out.flush();
    }

    /** SIGTERM to every descendant of {@code top}, then SIGKILL to any still running after {@code grace}. */
    static int stopChildren(ProcessHandle top, Duration grace) {
        List<ProcessHandle> all = top.descendants().toList();
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        while (all.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return all.size();
    }

    /** The lines said when the build is stopped: what was stopped, what is half-done, the backend now, what next. */
    static List<String> describe(AegirHome home, String command, int stoppedProcesses) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("The build was stopped before it ended"
                + (stoppedProcesses > 0
                        ? "; the " + stoppedProcesses
                                + " process(es) it had started (drush and what drush started) were stopped too"
                        : "")
                + ".");
        boolean halfDone = false;
        Optional<Journal> journal = Journal.read(home);
        if (journal.isPresent()) {
            halfDone = true;
            lines.add("  The journaled " + journal.get().kind()
                    + " of the backend was under way, recorded step by step in " + "the journal in " + home.stateDir()
                    + " (backup set " + journal.get().backupSet() + ").");
        }
        Optional<String> migration = InterruptedMigration.describeUnderWay(home);
        if (migration.isPresent()) {
            halfDone = true;
            lines.add("  " + migration.get());
        }
        InstalledVersions.Installed now = InstalledVersions.read(home);
        lines.add("  Installed now in " + home.root() + ": drush " + now.drush().orElse("(none)") + ", provision "
                + now.provision().orElse("(none)") + ", drush_make "
                + now.drushMake().orElse("(none)") + ".");
        if (halfDone) {
            lines.add("  Next: run `" + command + "` again: it first puts right what this build left (finishes or"
                    + " undoes the swap, puts the saved crontab back), then goes on. `mvn aegir:status` shows the"
                    + " state; `mvn aegir:rollback` goes back to the newest backup set instead.");
        } else {
            lines.add("  Nothing was left half-done. Next: run `" + command + "` again to go on, or `mvn aegir:status`"
                    + " to see the state.");
        }
        return lines;
    }
}
