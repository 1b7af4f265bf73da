package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * drush processes that a killed build left running. A build whose JVM was killed with SIGKILL cannot stop what it
 * started: drush runs on through {@code su} in a session of its own and may still be changing the home (drush
 * make, {@code crontab -r}, moving the site) when the next build starts.
 * The next build must not put anything right, or run drush again, before that drush has ended.
 *
 * <p>Every drush the {@link DrushRunner} starts carries {@value #HOME_VARIABLE}{@code =<the Aegir home>} in its
 * environment, and so does everything it starts in turn. Holding the home's run lock, a build knows that any live
 * process carrying that variable for its home belongs to a build that is gone. They are found through
 * {@code /proc/<pid>/environ} (Linux; elsewhere none are found).
 */
public final class OrphanedDrush {

    /** Set for every drush run to the Aegir home it works on. */
    public static final String HOME_VARIABLE = "AEGIR_MAVEN_PLUGIN_HOME";
    /** Set for every drush run to the process id of the build that started it. */
    public static final String BUILD_VARIABLE = "AEGIR_MAVEN_PLUGIN_BUILD";

    private static final Path PROC = Paths.get("/proc");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);

    /** One process a gone build started. */
    public record Orphan(long pid, String commandLine, Optional<String> build, Optional<Instant> started) {
        String describe() {
            return "pid " + pid
                    + (build.map(b -> ", started by the build with pid " + b).orElse(""))
                    + started.map(s -> " at " + s).orElse("") + ": " + commandLine;
        }
    }

    private OrphanedDrush() {}

    /**
     * The live processes (not zombies) carrying {@value #HOME_VARIABLE} for {@code home}, except this JVM's own
     * children.
     */
    public static List<Orphan> find(AegirHome home) {
        return find(PROC, home.root().toString(), OrphanedDrush::ownDescendants);
    }

    static List<Orphan> find(Path proc, String home, Set<Long> exclude) {
        return find(proc, home, () -> exclude);
    }

    /**
     * @param exclude asked only when a process carries the variable: in the usual case (none does) this JVM's
     *     process tree is not walked
     */
    static List<Orphan> find(Path proc, String home, Supplier<Set<Long>> exclude) {
        List<Orphan> out = new ArrayList<>();
        if (!Files.isDirectory(proc)) {
            return out;
        }
        String wanted = HOME_VARIABLE + "=" + home;
        byte[] wantedBytes = wanted.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        Set<Long> excluded = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName()))) {
            for (Path dir : entries) {
                long pid = Long.parseLong(dir.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                byte[] environ;
                try {
                    environ = Files.readAllBytes(dir.resolve("environ"));
                } catch (IOException e) {
                    continue; // gone, or not ours to read (another user's process)
                }
                if (!holdsVariable(environ, wantedBytes)) {
                    continue;
                }
                if (excluded == null) {
                    excluded = exclude.get();
                }
                if (excluded.contains(pid)) {
                    continue;
                }
                List<String> variables = split(environ);
                if (!ProcessTrees.isRunning(pid)) {
                    continue;
                }
                Optional<String> build = variables.stream()
                        .filter(v -> v.startsWith(BUILD_VARIABLE + "="))
                        .map(v -> v.substring(BUILD_VARIABLE.length() + 1))
                        .findFirst();
                Optional<ProcessHandle> handle = ProcessHandle.of(pid);
                Optional<Instant> started = handle.flatMap(h -> h.info().startInstant());
                out.add(new Orphan(pid, commandLine(dir), build, started));
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }

    private static boolean isNumber(Path name) {
        String s = name.toString();
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether one of the NUL-separated entries of {@code environ} is exactly {@code wanted}. */
    static boolean holdsVariable(byte[] environ, byte[] wanted) {
        int from = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - from == wanted.length && Arrays.equals(environ, from, i, wanted, 0, wanted.length)) {
                    return true;
                }
                from = i + 1;
            }
        }
        return false;
    }

    private static List<String> split(byte[] environ) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i > from) {
                    out.add(new String(environ, from, i - from, StandardCharsets.UTF_8));
                }
                from = i + 1;
            }
        }
        return out;
    }

    private static String commandLine(Path procDir) {
        try {
            String text = String.join(" ", split(Files.readAllBytes(procDir.resolve("cmdline"))));
            return new SecretMasker().mask(text.length() > 300 ? text.substring(0, 300) + "..." : text);
        } catch (IOException e) {
            return "(command line unknown)";
        }
    }

    private static Set<Long> ownDescendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    /**
     * Waits until no process left by a gone build works on {@code home}, saying what it waits for. After
     * {@code timeout} (the drush timeout of this build) whatever still runs is killed, as a drush of this build
     * would be.
     *
     * @return the processes that were found at first (empty when there were none)
     */
    public static List<Orphan> awaitGone(AegirHome home, Duration timeout, BuildLog log) {
        return awaitGone(() -> find(home), home.root().toString(), timeout, log);
    }

    interface Finder {
        List<Orphan> find();
    }

    static List<Orphan> awaitGone(Finder finder, String home, Duration timeout, BuildLog log) {
        List<Orphan> first = finder.find();
        if (first.isEmpty()) {
            return first;
        }
        log.warn("A build that was killed left drush running on " + home + "; waiting for it to end before anything"
                + " is checked or put right (at most " + human(timeout) + ", the timeout parameter):");
        first.forEach(o -> log.warn("  " + o.describe()));
        long start = System.nanoTime();
        long nextReport = start + REPORT_EVERY.toNanos();
        List<Orphan> left = first;
        while (!left.isEmpty()) {
            long now = System.nanoTime();
            if (now - start >= timeout.toNanos()) {
                log.error("drush of the killed build still runs after " + human(timeout) + "; stopping it as this"
                        + " build's timeout would: "
                        + left.stream().map(o -> Long.toString(o.pid())).collect(Collectors.joining(", ")));
                for (Orphan o : left) {
                    ProcessHandle.of(o.pid()).ifPresent(ProcessTrees::killTree);
                }
                left = finder.find();
                break;
            }
            if (now >= nextReport) {
                log.info("Still waiting for drush of the killed build (" + left.size() + " process(es), "
                        + human(Duration.ofNanos(now - start)) + " so far)");
                nextReport = now + REPORT_EVERY.toNanos();
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return first;
            }
            left = finder.find();
        }
        if (left.isEmpty()) {
            log.info("drush of the killed build has ended (after " + human(Duration.ofNanos(System.nanoTime() - start))
                    + ").");
        }
        return first;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return d.toMillis() < 10_000
                    ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                    : s + " s";
        }
        return s / 60 + " min";
    }
}
