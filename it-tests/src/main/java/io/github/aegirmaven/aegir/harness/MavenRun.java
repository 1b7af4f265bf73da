package io.github.aegirmaven.aegir.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A real Maven build in a child process, started as an administrator or a CI runner starts one: the
 * Maven installation's {@code bin/mvn} (which {@code exec}s the JVM, so the child process <em>is</em>
 * Maven's JVM), batch mode, with the IT settings and local repository. Its output (stdout
 * and stderr together) is read line by line with the time each line arrived, so that a test can
 * wait for a line and kill the build right there: {@link Running#killJvm()} as {@code kill -9} of
 * the Maven process does, {@link Running#killTree()} as a crash of the whole machine does.
 *
 * <pre>
 * MavenRun.Running run = MavenRun.in(projectDir).maven(mavenHome).settings(settings)
 *         .localRepository(repo).goals("io.github.aegirmaven:aegir-maven-plugin:0.1.0-SNAPSHOT:upgrade")
 *         .start();
 * run.awaitLine(l -&gt; l.contains("Moved "), Duration.ofMinutes(1));
 * run.killJvm();
 * </pre>
 */
public final class MavenRun {

    /** One line of output and when it arrived, in milliseconds after the start. */
    public record Line(long millis, String text) {
        @Override
        public String toString() {
            return String.format("%6d ms  %s", millis, text);
        }
    }

    /** How a build ended. */
    public record Result(int exitCode, List<Line> lines, Duration elapsed, boolean timedOut) {

        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }

        /** All output, one line each. */
        public String output() {
            return lines.stream().map(Line::text).collect(Collectors.joining("\n", "", "\n"));
        }

        /** The lines containing {@code part}. */
        public List<String> linesContaining(String part) {
            return lines.stream().map(Line::text).filter(t -> t.contains(part)).toList();
        }

        @Override
        public String toString() {
            return "Maven exited " + exitCode + (timedOut ? " (killed after timeout)" : "") + " in "
                    + elapsed.toMillis() + " ms\n" + output();
        }
    }

    /** Options that make Maven's own JVM start faster; the plugin's work is the same. */
    public static final String FAST_JVM_OPTIONS = "-XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC";

    private final Path directory;
    private Path mavenHome =
            Optional.ofNullable(System.getProperty("maven.home")).map(Path::of).orElse(null);
    private Path settings;
    private Path localRepository;
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String umask;
    private Path logFile;
    private boolean offline;
    private String input;

    private MavenRun(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** A build of the project in {@code directory} (its {@code .mvn/maven.config} applies). */
    public static MavenRun in(Path directory) {
        return new MavenRun(directory);
    }

    /**
     * Settings for child builds of an IT: the IT's {@code src/it/settings.xml} with
     * {@code @localRepositoryUrl@} pointing at {@code outerLocalRepository}, as the invoker writes
     * them for its own builds, written to {@code target}.
     */
    public static Path writeSettings(Path itSettings, Path outerLocalRepository, Path target) throws IOException {
        String text = Files.readString(itSettings, StandardCharsets.UTF_8)
                .replace(
                        "@localRepositoryUrl@",
                        outerLocalRepository.toAbsolutePath().toUri().toString());
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.writeString(target, text, StandardCharsets.UTF_8);
        return target;
    }

    /**
     * A build of an IT's project ({@code basedir}) as the invoker would run it: the IT settings (written to
     * {@code basedir/child-settings.xml}) and the IT local repository.
     */
    public static MavenRun forIt(Path basedir, Path itSettings, Path localRepository, Path outerLocalRepository)
            throws IOException {
        return in(basedir)
                .settings(writeSettings(itSettings, outerLocalRepository, basedir.resolve("child-settings.xml")))
                .localRepository(localRepository);
    }

    /** The Maven installation; the one running this JVM ({@code maven.home}) unless set. */
    public MavenRun maven(Path home) {
        this.mavenHome = home;
        return this;
    }

    public MavenRun settings(Path settingsFile) {
        this.settings = settingsFile;
        return this;
    }

    public MavenRun localRepository(Path repository) {
        this.localRepository = repository;
        return this;
    }

    /** Goals and other command-line arguments, in order. */
    public MavenRun goals(String... goals) {
        arguments.addAll(List.of(goals));
        return this;
    }

    /** {@code -Dname=value} (one argv entry, so the value may hold spaces). */
    public MavenRun property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    public MavenRun env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Runs Maven under this umask (e.g. {@code 077}), as a login shell with that umask would. */
    public MavenRun umask(String mask) {
        if (!mask.matches("[0-7]{3,4}")) {
            throw new IllegalArgumentException("Not an octal umask: " + mask);
        }
        this.umask = mask;
        return this;
    }

    /** Copies every output line to this file as it arrives. */
    public MavenRun logTo(Path file) {
        this.logFile = file;
        return this;
    }

    /**
     * {@code -o}. Builds run online unless told so: offline, the plugin would refuse to download from the
     * loopback release server. (Everything Maven itself needs is in the local repository.)
     */
    public MavenRun offline() {
        this.offline = true;
        return this;
    }

    /**
     * Interactive mode (no {@code -B}), with {@code text} as standard input, closed after it: the answers a person
     * would type. Without it, builds run in batch mode with standard input closed.
     */
    public MavenRun answering(String text) {
        this.input = text;
        return this;
    }

    /** The argv that {@link #start()} executes. */
    public List<String> command() {
        if (mavenHome == null) {
            throw new IllegalStateException("No Maven installation: set maven(...) or run inside Maven (maven.home)");
        }
        List<String> mvn = new ArrayList<>();
        mvn.add(mavenHome.resolve("bin/mvn").toString());
        if (input == null) {
            mvn.add("-B");
        }
        if (offline) {
            mvn.add("-o");
        }
        if (settings != null) {
            mvn.add("-s");
            mvn.add(settings.toString());
        }
        if (localRepository != null) {
            mvn.add("-Dmaven.repo.local=" + localRepository);
        }
        properties.forEach((name, value) -> mvn.add("-D" + name + "=" + value));
        mvn.addAll(arguments);
        if (umask == null) {
            return mvn;
        }
        List<String> sh = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        sh.addAll(mvn);
        return sh;
    }

    /** Starts the build. */
    public Running start() throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(command()).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().put("MAVEN_OPTS", FAST_JVM_OPTIONS);
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().putAll(environment);
        return new Running(builder.start(), logFile, input);
    }

    /** Runs the build to its end, killing it (and what it started) after {@code timeout}. */
    public Result run(Duration timeout) throws IOException {
        return start().waitFor(timeout);
    }

    /** A build that was started. */
    public static final class Running {
        private final Process process;
        private final long start = System.nanoTime();
        private final List<Line> lines = new ArrayList<>();
        private final Thread reader;
        private final Writer log;
        private volatile boolean timedOut;

        private Running(Process process, Path logFile, String input) throws IOException {
            this.process = process;
            this.log = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
            try (var stdin = process.getOutputStream()) { // batch mode: nobody answers
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            this.reader = new Thread(this::read, "maven-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String text;
                while ((text = in.readLine()) != null) {
                    Line line = new Line(millis(), text);
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                    if (log != null) {
                        log.write(line.toString());
                        log.write('\n');
                        log.flush();
                    }
                }
            } catch (IOException e) {
                // the build was killed: its output ends here
            } finally {
                synchronized (lines) {
                    lines.notifyAll();
                }
                if (log != null) {
                    try {
                        log.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }

        /** Milliseconds since the build started. */
        public long millis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }

        /** The process id of Maven's JVM. */
        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** The output so far. */
        public List<Line> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** The last line so far matching {@code filter}, if any. */
        public Optional<Line> lastLine(Predicate<String> filter) {
            List<Line> copy = lines();
            for (int i = copy.size() - 1; i >= 0; i--) {
                if (filter.test(copy.get(i).text())) {
                    return Optional.of(copy.get(i));
                }
            }
            return Optional.empty();
        }

        /**
         * Waits until a line matching {@code filter} arrives; empty when the build ends (or the time is up)
         * without one.
         */
        public Optional<Line> awaitLine(Predicate<String> filter, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            synchronized (lines) {
                while (true) {
                    for (; seen < lines.size(); seen++) {
                        if (filter.test(lines.get(seen).text())) {
                            return Optional.of(lines.get(seen));
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || (!reader.isAlive() && seen >= lines.size())) {
                        return Optional.empty();
                    }
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 50)));
                }
            }
        }

        /** Waits until {@code millis} after the start; false when the build ended before. */
        public boolean awaitMillis(long millis) throws InterruptedException {
            while (millis() < millis) {
                if (!process.isAlive()) {
                    return false;
                }
                Thread.sleep(Math.min(5, Math.max(1, millis - millis())));
            }
            return process.isAlive();
        }

        /**
         * SIGTERM to Maven's JVM only, as {@code kill <pid>}, a closed session or a service manager does (Ctrl-C
         * sends SIGINT, which the JVM handles the same way): its shutdown hooks run.
         */
        public void terminate() throws InterruptedException, IOException {
            requireJava();
            // through the handle: Process.destroy() would also close our end of the build's output, and with it
            // everything the build says on its way out
            process.toHandle().destroy();
        }

        /**
         * SIGKILL to Maven's JVM only, as {@code kill -9 <pid>} or an out-of-memory killer does: no shutdown hook
         * runs, and what the build started (drush through su) keeps running, orphaned.
         *
         * @return the processes the build had started that were still running right after the kill
         */
        public List<ProcessHandle> killJvm() throws InterruptedException, IOException {
            requireJava();
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            return children.stream().filter(ProcessHandle::isAlive).toList();
        }

        /**
         * SIGKILL to Maven's JVM and everything it started, at the same moment, as a power cut does: first every
         * process of the tree is stopped (SIGSTOP, repeated until no new descendant appears, so that none can
         * start another), then all are killed.
         *
         * @return how many processes were killed
         */
        public int killTree() throws InterruptedException, IOException {
            requireJava();
            List<ProcessHandle> stopped = new ArrayList<>();
            signal("STOP", List.of(process.toHandle()));
            stopped.add(process.toHandle());
            while (true) {
                List<ProcessHandle> fresh =
                        process.descendants().filter(h -> !stopped.contains(h)).toList();
                if (fresh.isEmpty()) {
                    break;
                }
                signal("STOP", fresh);
                stopped.addAll(fresh);
            }
            signal("KILL", stopped);
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : stopped) {
                h.onExit()
                        .toCompletableFuture()
                        .orTimeout(10, TimeUnit.SECONDS)
                        .exceptionally(t -> h)
                        .join();
            }
            return stopped.size();
        }

        private static void signal(String signal, List<ProcessHandle> handles) throws IOException {
            List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
            handles.forEach(h -> command.add(Long.toString(h.pid())));
            // "kill" fails for a process that ended in the meantime: that is fine
            Processes.run(command, null, null, null, Duration.ofSeconds(10));
        }

        /** The child must be the JVM (bin/mvn execs java): killing a wrapper script would leave Maven running. */
        private void requireJava() throws InterruptedException, IOException {
            for (int i = 0; i < 200; i++) {
                Path exe = Path.of("/proc", Long.toString(process.pid()), "exe");
                String target = Files.isSymbolicLink(exe)
                        ? Files.readSymbolicLink(exe).getFileName().toString()
                        : "";
                if (target.equals("java")) {
                    return;
                }
                if (!process.isAlive()) {
                    return;
                }
                Thread.sleep(5);
            }
            throw new IllegalStateException("Process " + process.pid() + " is not Maven's JVM: " + process.info());
        }

        /** Waits for the end; kills the build and everything it started after {@code timeout}. */
        public Result waitFor(Duration timeout) throws IOException {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut = true;
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                reader.join(10_000);
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for Maven", e);
            }
            return new Result(
                    process.isAlive() ? -1 : process.exitValue(), lines(), Duration.ofMillis(millis()), timedOut);
        }
    }
}
