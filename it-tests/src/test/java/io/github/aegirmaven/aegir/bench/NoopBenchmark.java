package io.github.aegirmaven.aegir.bench;

import io.github.aegirmaven.aegir.harness.Host;
import io.github.aegirmaven.aegir.harness.Processes;
import io.github.aegirmaven.aegir.harness.ReleaseCatalog;
import io.github.aegirmaven.aegir.harness.ReleaseServer;
import io.github.aegirmaven.aegir.harness.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark, not a test: what {@code mvn aegir:upgrade} costs when there is nothing to do, as a CI job that runs it
 * on every push sees it. Whole Maven processes, {@code mvn -B -o aegir:upgrade} against {@code mvn -B -o validate}
 * on the same project (the sample project) with the same flags, median of several runs each, and beside them the
 * help goal of maven-clean-plugin (what starting any plugin goal costs: {@code validate} runs none); plus the
 * requests the plugin sent to the release server and the entries it wrote in the Aegir home, the release cache and the
 * lock file (both must be zero).
 *
 * <p>The up-to-date home: a sandbox made with the old releases, upgraded by a real {@code aegir:backend-upgrade}
 * (downloads from a loopback {@link ReleaseServer}, swap, drush check as the aegir user), then the result of
 * {@code hostmaster-migrate} laid out as provision leaves it (the new platform with the site moved into it and
 * {@code @hostmaster} pointing at it). The stand-in drush's own migrate is not used because it replaces the crontab
 * of the user it runs as, which a benchmark must not touch. As root the home belongs to the {@code aegir} user (when
 * it exists; its crontab is only read) and Maven acts through {@code su}, as on a server; otherwise it belongs to
 * the current user.
 *
 * <p>Run by {@code bash benchmarks/run}; alone, after {@code ./mvnw install -DskipTests}:
 * <pre>
 * ./mvnw -q -o -pl it-tests exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.aegirmaven.aegir.bench.NoopBenchmark -Dexec.args="--repo-root $PWD --runs 7"
 * </pre>
 * Options: {@code --runs N} (timed runs of each command, default 7), {@code --work DIR}, and {@code --maven-arg A}
 * (repeatable) passed to every Maven run, e.g. {@code -Dmaven.repo.local=...}; {@code --keep true} leaves the
 * sandbox in place afterwards (to profile a no-op run by hand).
 */
public final class NoopBenchmark {

    /**
     * The floor: the help goal of maven-clean-plugin (the version this build pins), a plugin with almost no
     * dependencies. {@code validate} on the sample project runs no plugin goal at all, so this is what starting any
     * plugin goal adds to it: resolving the plugin, its descriptor and realm, configuring and running a mojo.
     */
    static final String FLOOR_GOAL = "org.apache.maven.plugins:maven-clean-plugin:3.4.1:help";

    private NoopBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path repoRoot = null;
        Path work = null;
        int runs = 7;
        boolean keep = false;
        List<String> mavenArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--repo-root" ->
                    repoRoot = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--maven-arg" -> mavenArgs.add(args[i + 1]);
                case "--keep" -> keep = Boolean.parseBoolean(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; expected --repo-root DIR, --work DIR, --runs N, --maven-arg ARG, --keep true");
            }
        }
        if (repoRoot == null || !Files.isRegularFile(repoRoot.resolve("mvnw"))) {
            throw new IllegalArgumentException(
                    "--repo-root must name the repository root (with mvnw); got " + repoRoot);
        }
        Optional<String> owner =
                Host.isRoot() && Host.userExists(Host.AEGIR_USER) ? Optional.of(Host.AEGIR_USER) : Optional.empty();
        if (work == null) {
            // The aegir user must reach its home: under /tmp when it is someone else's.
            work = owner.isPresent() ? Path.of("/tmp/aegir-bench/noop") : repoRoot.resolve("target/benchmarks/noop");
        }
        Bench.delete(work);
        Sandbox.createDirectoriesTraversable(work);
        try {
            run(repoRoot, work, owner, runs, mavenArgs);
        } finally {
            if (keep) {
                Bench.out("Kept " + work + " (--keep true) for profiling; delete it when done.");
            } else {
                Bench.delete(work);
            }
        }
    }

    private static void run(Path repoRoot, Path work, Optional<String> owner, int runs, List<String> mavenArgs)
            throws Exception {
        Path releases = repoRoot.resolve("it-tests/target/releases");
        Path home = work.resolve("aegir");
        Path cache = work.resolve("cache");
        Path lockFile = work.resolve(ReleaseCatalog.LOCK_FILE);
        Path logs = repoRoot.resolve("target/benchmarks/noop-logs");
        Bench.delete(logs);
        Files.createDirectories(logs);
        Files.copy(releases.resolve(ReleaseCatalog.LOCK_FILE), lockFile, StandardCopyOption.REPLACE_EXISTING);
        Sandbox.create(home, releases, Optional.empty());
        String user = System.getProperty("user.name");
        if (owner.isPresent()) {
            user = owner.get();
            Processes.check(
                    List.of("chown", "-R", "--no-dereference", user + ":" + Host.primaryGroup(user), home.toString()));
        }

        try (ReleaseServer server = new ReleaseServer(releases)) {
            List<String> base = new ArrayList<>(List.of(
                    repoRoot.resolve("mvnw").toString(),
                    "-B",
                    "-f",
                    repoRoot.resolve("sample-project/pom.xml").toString()));
            base.addAll(mavenArgs);
            base.addAll(List.of(
                    "-Daegir.home=" + home,
                    "-Daegir.user=" + user,
                    "-Daegir.downloadUrl=" + server.urlTemplate(),
                    "-Daegir.cacheDirectory=" + cache,
                    "-Daegir.lockFile=" + lockFile,
                    "-Daegir.lock.strict=true"));

            Bench.out("Up-to-date sandbox " + home + " (aegir user: " + user
                    + "): backend by a real aegir:backend-upgrade" + " from " + server.baseUrl() + " ...");
            Result setup = maven(base, false, "aegir:backend-upgrade", logs.resolve("setup-backend-upgrade.log"));
            require(setup, "Backend upgraded to");
            layOutMigratedHostmaster(home, owner);
            int setupRequests = server.totalRequests();
            Bench.out(
                    "  backend upgraded (" + setupRequests + " requests), hostmaster migrated; Maven logs in " + logs);

            Bench.TreeState before = Bench.TreeState.of(home, cache, lockFile);
            // Warm-up (page cache, JIT-less startup paths), not timed: one of each; the upgrade online, as CI runs it.
            require(maven(base, true, "validate", logs.resolve("warmup-validate.log")), "BUILD SUCCESS");
            Result online = maven(base, false, "aegir:upgrade", logs.resolve("warmup-upgrade-online.log"));
            require(online, "nothing changed");
            // Three commands in turn, the order rotating each round: validate (runs no plugin goal at all), the help
            // goal of a small Apache plugin (what starting any plugin goal costs Maven) and the no-op upgrade.
            List<String> goals = List.of("validate", FLOOR_GOAL, "aegir:upgrade");
            List<List<Long>> wall = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            List<List<Long>> cpu = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            // online, so that Maven fetches the plugin when this machine has never used that version
            require(maven(base, false, FLOOR_GOAL, logs.resolve("warmup-floor.log")), "BUILD SUCCESS");
            for (int i = 0; i < runs; i++) {
                for (int k = 0; k < goals.size(); k++) {
                    int g = (k + i) % goals.size();
                    String goal = goals.get(g);
                    Result r = maven(
                            base, true, goal, logs.resolve("run-" + i + "-" + goal.replaceAll("\\W+", "-") + ".log"));
                    require(r, goal.equals("aegir:upgrade") ? "nothing changed" : "BUILD SUCCESS");
                    wall.get(g).add(r.nanos());
                    cpu.get(g).add(r.cpuNanos());
                }
            }
            List<Long> validate = wall.get(0);
            List<Long> floor = wall.get(1);
            List<Long> upgrade = wall.get(2);
            List<Long> validateCpu = cpu.get(0);
            List<Long> floorCpu = cpu.get(1);
            List<Long> upgradeCpu = cpu.get(2);
            Bench.TreeState after = Bench.TreeState.of(home, cache, lockFile);
            int requests = server.totalRequests() - setupRequests;
            List<String> changes = before.changesTo(after);

            double v = Bench.medianMillis(validate);
            double u = Bench.medianMillis(upgrade);
            Bench.out(Bench.format(
                    "mvn -B -o validate       median of %d: %7.0f ms  runs %s", runs, v, Bench.millis(validate)));
            double f = Bench.medianMillis(floor);
            Bench.out(Bench.format(
                    "mvn -B -o clean:help     median of %d: %7.0f ms  runs %s", runs, f, Bench.millis(floor)));
            Bench.out(Bench.format(
                    "mvn -B -o aegir:upgrade  median of %d: %7.0f ms  runs %s", runs, u, Bench.millis(upgrade)));
            Bench.out(Bench.format("mvn -B aegir:upgrade (online, warm-up, once): %.0f ms", online.nanos() / 1e6));
            double vc = Bench.medianMillis(validateCpu);
            double fc = Bench.medianMillis(floorCpu);
            double uc = Bench.medianMillis(upgradeCpu);
            Bench.out(Bench.format(
                    "CPU time (user + system, Maven and its children), median: validate %.0f ms, clean:help %.0f ms,"
                            + " aegir:upgrade %.0f ms",
                    vc, fc, uc));
            Bench.out(Bench.format(
                    "ratio aegir:upgrade / validate: %.2f wall time (target <= 1.10), %.2f CPU time", u / v, uc / vc));
            Bench.out(Bench.format(
                    "ratio clean:help / validate (any plugin goal): %.2f wall time, %.2f CPU time", f / v, fc / vc));
            Bench.out("requests to the release server during the " + (runs + 1) + " no-op upgrades: " + requests
                    + " (must be 0)");
            Bench.out("entries written in the home, the release cache and the lock file (" + before.size()
                    + " entries watched, modification times included): " + changes.size() + " (must be 0)");
            changes.forEach(c -> Bench.out("  " + c));
            Bench.figure(
                    "Nothing to do: `mvn -B -o aegir:upgrade` / `mvn -B -o validate`, whole process",
                    "sample project, up-to-date sandbox, median of " + runs,
                    Bench.format(
                            "%.0f ms / %.0f ms = **%.2f** (target <= 1.1); CPU time %.0f / %.0f ms = **%.2f**;"
                                    + " any plugin goal (`clean:help`): %.2f wall, %.2f CPU",
                            u, v, u / v, uc, vc, uc / vc, f / v, fc / vc));
            Bench.figure(
                    "Nothing to do: requests to the release server, entries written",
                    (runs + 1) + " no-op upgrades (1 online), home + cache + lock file with mtimes",
                    "**" + requests + "** requests, **" + changes.size() + "** entries written (must be 0 and 0)");
        }
    }

    /** The outcome of one Maven run: exit code, wall time, CPU time (user + system, all its processes), log. */
    record Result(int exitCode, long nanos, long cpuNanos, Path log) {}

    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /**
     * Runs Maven through bash, whose {@code times} (printed at the end of the log) gives the CPU time of Maven and
     * its children: less disturbed than the wall time by other work on the machine.
     */
    static Result maven(List<String> base, boolean offline, String goal, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(base);
        if (offline) {
            command.add(1, "-o");
        }
        command.add(goal);
        return timed(command, log);
    }

    /** Runs a command through bash, its output to {@code log}: wall time, and CPU time from bash's {@code times}. */
    static Result timed(List<String> commandLine, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "\"$@\"; rc=$?; times; exit $rc", "bash"));
        command.addAll(commandLine);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_ARGS");
        long t0 = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        int code = process.waitFor();
        long nanos = System.nanoTime() - t0;
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Matcher children = TIMES.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        long cpu = children.matches()
                ? Math.round((Long.parseLong(children.group(1)) * 60
                                + Double.parseDouble(children.group(2))
                                + Long.parseLong(children.group(3)) * 60
                                + Double.parseDouble(children.group(4)))
                        * 1e9)
                : -1;
        return new Result(code, nanos, cpu, log);
    }

    static void require(Result r, String expected) throws IOException {
        String text = Files.readString(r.log(), StandardCharsets.UTF_8);
        if (r.exitCode() != 0 || !text.contains(expected)) {
            throw new IllegalStateException("Maven run failed or did not say '" + expected + "' (exit " + r.exitCode()
                    + "); see " + r.log() + ":\n" + tail(text, 40));
        }
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * What provision's hostmaster-migrate leaves: the new platform (here a copy of the old platform's code), the
     * site moved into it, {@code @hostmaster} pointing at it and its {@code @platform_...} alias saved.
     */
    private static void layOutMigratedHostmaster(Path home, Optional<String> owner) throws IOException {
        Path oldPlatform = home.resolve(Sandbox.OLD_PLATFORM);
        Path newPlatform = home.resolve(Sandbox.NEW_PLATFORM);
        Path oldSite = oldPlatform.resolve("sites").resolve(Sandbox.DOMAIN);
        try (Stream<Path> walk = Files.walk(oldPlatform)) {
            for (Path p : walk.toList()) {
                if (p.startsWith(oldSite)) {
                    continue;
                }
                Path target = newPlatform.resolve(oldPlatform.relativize(p).toString());
                Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        Path newSite = newPlatform.resolve("sites").resolve(Sandbox.DOMAIN);
        Files.move(oldSite, newSite, StandardCopyOption.ATOMIC_MOVE);
        String platformName = "platform_" + Sandbox.NEW_PLATFORM.replaceAll("\\W", "");
        Path dotDrush = home.resolve(".drush");
        Files.writeString(
                dotDrush.resolve(platformName + ".alias.drushrc.php"),
                "<?php \n$aliases['" + platformName
                        + "'] = array (\n  'context_type' => 'platform',\n  'server' =>"
                        + " '@server_master',\n  'web_server' =>"
                        + " '@server_master',\n  'root' => '" + newPlatform + "',\n  'makefile' => '" + home
                        + "/.drush/provision/aegir.make',\n);\n");
        Path hostmaster = dotDrush.resolve("hostmaster.alias.drushrc.php");
        String alias = Files.readString(hostmaster)
                .replace("'root' => '" + oldPlatform + "'", "'root' => '" + newPlatform + "'")
                .replace("'site_path' => '" + oldSite + "'", "'site_path' => '" + newSite + "'")
                .replace("'platform' => '@platform_hostmaster'", "'platform' => '@" + platformName + "'");
        Files.writeString(hostmaster, alias);
        if (owner.isPresent()) {
            Processes.check(List.of(
                    "chown",
                    "-R",
                    "--no-dereference",
                    owner.get() + ":" + Host.primaryGroup(owner.get()),
                    home.toString()));
        }
    }
}
