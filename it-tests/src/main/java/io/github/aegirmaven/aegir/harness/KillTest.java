package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Kills a real {@code mvn aegir:upgrade} at many moments and checks that the next, unkilled run always
 * ends with the home fully upgraded, the original release intact in a backup set, and nothing else
 * left behind.
 *
 * <p>Every kill point gets a fresh sandbox (the old release installed, the aegir user's crontab with
 * Aegir's line and the administrator's), an empty release cache, a slow release server (so that
 * downloads take a while) and a slowed-down stand-in drush (so that the migration does). The build
 * is started, killed at the point, and then run again with everything fast and nothing killed. Kill
 * points are of two kinds:
 * <ul>
 *   <li>a time after the start, spread evenly over the duration of a measured unkilled run;</li>
 *   <li>a line of the build's output: right after it appears (each rename of the swap, the backend
 *       check, each step of the stand-in's hostmaster-migrate).</li>
 * </ul>
 * and of two ways: {@link Kill#JVM} ({@code kill -9} of Maven's JVM: drush, started through su,
 * survives and carries on, orphaned) and {@link Kill#TREE} (the JVM and everything it started at
 * once, as a power cut).
 *
 * <p>Used by the {@code robust-killed-anywhere} IT: {@code KillTest.forIt(...).run()}, then
 * {@link Report#table()}.
 */
public final class KillTest {

    /** How the build is killed. */
    public enum Kill {
        /** SIGKILL to Maven's JVM only. */
        JVM,
        /** SIGKILL to the JVM and every process it started, frozen first so none escapes. */
        TREE
    }

    /**
     * Where to kill: {@code atMillis} after the start, or right after a line matching {@code afterLine}; with
     * {@code stepDelayMillis} above 0, the stand-in drush is that slow for this point (so that the drush a
     * {@link Kill#JVM} kill orphans is still at work when the next build starts).
     */
    public record Point(String name, Kill kill, long atMillis, Pattern afterLine, long stepDelayMillis) {

        public static Point at(long millis, Kill kill) {
            return new Point("t=" + millis + "ms", kill, millis, null, 0);
        }

        public static Point after(String name, String regex, Kill kill) {
            return new Point(name, kill, -1, Pattern.compile(regex), 0);
        }

        /** This point with a slower stand-in drush. */
        public Point slowDrush(long millis) {
            return new Point(name, kill, atMillis, afterLine, millis);
        }
    }

    private static final String ENDED_EARLY = "the build ended (or never showed the line) before the kill point: ";

    /** What one kill point showed. */
    public record Outcome(
            Point point,
            long killedAtMillis,
            String phase,
            String lastLine,
            int orphans,
            List<String> recovery,
            long rerunMillis,
            List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** All outcomes, and the measured unkilled run. */
    public record Report(long unkilledMillis, List<Outcome> outcomes, long totalMillis) {

        public List<Outcome> failures() {
            return outcomes.stream().filter(o -> !o.ok()).toList();
        }

        /** A table for the IT's output: one row per kill point. */
        public String table() {
            StringBuilder t = new StringBuilder();
            t.append("Kill points (unkilled run: ")
                    .append(unkilledMillis)
                    .append(" ms; all: ")
                    .append(totalMillis / 1000)
                    .append(" s)\n");
            t.append(String.format(
                    Locale.ROOT,
                    "%-3s %-5s %-22s %7s  %-46s %-3s %7s  %s%n",
                    "#",
                    "kill",
                    "point",
                    "at ms",
                    "phase the log showed last",
                    "orp",
                    "rerun",
                    "what the next run did"));
            int i = 1;
            for (Outcome o : outcomes) {
                t.append(String.format(
                        Locale.ROOT,
                        "%-3d %-5s %-22s %7d  %-46s %-3d %5d ms  %s%n",
                        i++,
                        o.point().kill(),
                        cut(o.point().name(), 22),
                        o.killedAtMillis(),
                        cut(o.phase(), 46),
                        o.orphans(),
                        o.rerunMillis(),
                        String.join(", ", o.recovery())));
                for (String p : o.problems()) {
                    t.append("      PROBLEM: ").append(p).append('\n');
                }
            }
            t.append(
                            failures().isEmpty()
                                    ? "Every kill point ended fully upgraded with the original release backed up."
                                    : failures().size() + " kill point(s) FAILED")
                    .append('\n');
            return t.toString();
        }
    }

    private static final String UPGRADE_GOAL = "io.github.aegirmaven:aegir-maven-plugin:%s:upgrade";
    /** What the next run said while putting things right, in short: the first pattern found in a line wins. */
    private static final List<Map.Entry<Pattern, String>> RECOVERY = List.of(
            Map.entry(Pattern.compile("Taking over the stale lock"), "stale lock taken over"),
            Map.entry(Pattern.compile("left drush running"), "waited for the orphaned drush"),
            Map.entry(Pattern.compile("Undid the unfinished"), "swap undone"),
            Map.entry(Pattern.compile("Removed leftover staging"), "staging removed"),
            Map.entry(Pattern.compile("marked abandoned"), "open backup set abandoned"),
            Map.entry(Pattern.compile("Removed the (empty )?backup set"), "empty backup set removed"),
            Map.entry(Pattern.compile("Removed temporary files a killed build left"), "temporary files removed"),
            Map.entry(Pattern.compile("Resuming the upgrade of the killed build"), "its backup set resumed"),
            Map.entry(Pattern.compile("hostmaster-migrate of .* was interrupted"), "interrupted migrate found"),
            Map.entry(Pattern.compile("put back the crontab saved"), "crontab put back"),
            Map.entry(Pattern.compile("which that drush had started to build"), "its new platform moved aside"),
            Map.entry(Pattern.compile("moved the hostmaster alias back"), "alias put back"),
            Map.entry(Pattern.compile("the migration is complete"), "site had moved: migrate done"),
            Map.entry(Pattern.compile("starts again from there"), "site had not moved"),
            Map.entry(Pattern.compile("Removing old backup set"), "emptied set pruned"),
            Map.entry(Pattern.compile("backend: +installed"), "=> backend installed"),
            Map.entry(Pattern.compile("backend: +already"), "=> backend already upgraded"),
            Map.entry(Pattern.compile("frontend: .* migrated to"), "migrated"),
            Map.entry(Pattern.compile("frontend: .* already on"), "already migrated"));

    private final Path basedir;
    private final Path home;
    private final Optional<String> owner;
    private final Path releases;
    private final Path cache;
    private final ReleaseServer server;
    private final Path settings;
    private final Path localRepository;
    private final String pluginVersion;
    private final Path logs;
    private long stepDelayMillis = 60;
    private int slowChunkBytes = 1024;
    private long slowChunkMillis = 70;

    private KillTest(
            Path basedir,
            Path home,
            Optional<String> owner,
            Path releases,
            Path cache,
            ReleaseServer server,
            Path settings,
            Path localRepository,
            String pluginVersion) {
        this.basedir = basedir;
        this.home = home;
        this.owner = owner;
        this.releases = releases;
        this.cache = cache;
        this.server = server;
        this.settings = settings;
        this.localRepository = localRepository;
        this.pluginVersion = pluginVersion;
        this.logs = basedir.resolve("kill-logs");
    }

    /**
     * For an IT prepared with {@link ItSupport#prepare}: its sandbox home, release server and cache.
     *
     * @param itSettings           {@code src/it/settings.xml}
     * @param localRepository      the IT local repository (the invoker's {@code localRepositoryPath})
     * @param outerLocalRepository the local repository of the build running the ITs
     */
    public static KillTest forIt(
            Path basedir,
            Path harnessBuildDirectory,
            Path itSettings,
            Path localRepository,
            Path outerLocalRepository,
            String pluginVersion)
            throws IOException {
        Properties context = ItSupport.context(basedir.toFile());
        ReleaseServer server = ItSupport.server(basedir.toFile());
        if (server == null) {
            throw new IllegalStateException(
                    "No release server for " + basedir + ": setup.groovy must call ItSupport.prepare");
        }
        String owner = context.getProperty("owner", "");
        Path settings = MavenRun.writeSettings(itSettings, outerLocalRepository, basedir.resolve("child-settings.xml"));
        return new KillTest(
                basedir,
                Path.of(context.getProperty("home")),
                owner.isEmpty() ? Optional.empty() : Optional.of(owner),
                harnessBuildDirectory.resolve("releases"),
                Path.of(context.getProperty("cache")),
                server,
                settings,
                localRepository,
                pluginVersion);
    }

    /** How slow each stand-in step is while a build may be killed (60 ms unless set). */
    public KillTest stepDelay(long millis) {
        this.stepDelayMillis = millis;
        return this;
    }

    /** The pace of the release server while a build may be killed (1 KiB per 70 ms unless set). */
    public KillTest slowDownloads(int chunkBytes, long chunkMillis) {
        this.slowChunkBytes = chunkBytes;
        this.slowChunkMillis = chunkMillis;
        return this;
    }

    /**
     * The kill points used by the IT: one while Maven starts, {@code timed - 1} instants spread evenly from the
     * moment the goal starts to 90 % of the unkilled run (kinds alternating), plus one point after each swap
     * rename, the backend check and each step of the migration.
     */
    public static List<Point> standardPoints(long goalStartMillis, long unkilledMillis, int timed) {
        List<Point> points = new ArrayList<>();
        points.add(Point.at(goalStartMillis / 2, Kill.TREE));
        long from = goalStartMillis;
        long to = Math.round(unkilledMillis * 0.9);
        for (int i = 0; i < timed - 1; i++) {
            long at = from + (to - from) * i / Math.max(1, timed - 2);
            points.add(Point.at(at, i % 2 == 0 ? Kill.JVM : Kill.TREE));
        }
        points.add(Point.after("extracting provision", "^\\[INFO\\] Staged drush ", Kill.JVM));
        points.add(Point.after("swap 1: drush retired", "^\\[INFO\\] Moved \\S+/drush -> \\S+/pre-upgrade-", Kill.JVM));
        points.add(Point.after("swap 2: drush installed", "^\\[INFO\\] Moved \\S+/\\.staging-drush-", Kill.TREE));
        points.add(Point.after(
                "swap 3: provision out", "^\\[INFO\\] Moved \\S+/provision -> \\S+/pre-upgrade-", Kill.JVM));
        points.add(Point.after("swap 4: provision in", "^\\[INFO\\] Moved \\S+/\\.staging-provision-", Kill.TREE));
        points.add(Point.after("swap 6: drush_make in", "^\\[INFO\\] Moved \\S+/\\.staging-drush_make-", Kill.JVM));
        points.add(Point.after("backend check", "drush\\.php (--php=\\S+ )?--version\\)", Kill.TREE));
        points.add(Point.after("crontab saved", "^\\[INFO\\] Saved the crontab of ", Kill.JVM));
        points.add(Point.after("drush make started", "\\[drush\\] Platform path .* does not exist", Kill.TREE));
        points.add(Point.after("drush make (JVM, slow)", "\\[drush\\] Platform path .* does not exist", Kill.JVM)
                .slowDrush(300));
        points.add(Point.after("drush make copying", "\\[drush\\] hostmaster downloaded", Kill.TREE));
        points.add(Point.after("crontab -r (JVM, slow)", "\\[drush\\] Removed the crontab", Kill.JVM)
                .slowDrush(500));
        points.add(Point.after("after crontab -r (tree)", "\\[drush\\] Removed the crontab", Kill.TREE));
        points.add(Point.after("site deployed (copy)", "\\[drush\\] Deployed \\S+ into \\S+/sites/", Kill.TREE));
        points.add(Point.after("site verified (JVM)", "\\[drush\\] Verified @hostmaster on ", Kill.JVM)
                .slowDrush(500));
        points.add(Point.after("before new crontab", "\\[drush\\] Started the queue again", Kill.TREE));
        points.add(Point.after("after drush", "^\\[INFO\\] Migrated aegir\\.example\\.com to ", Kill.JVM));
        return points;
    }

    /** Measures an unkilled run, then kills at {@link #standardPoints} and checks each recovery. */
    public Report run(int timedPoints) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Files.createDirectories(logs);
        SortedMap<String, String> pristine = pristineBackend();

        fresh(true);
        MavenRun.Result measured = upgrade("unkilled").run(Duration.ofMinutes(3));
        if (!measured.succeeded()) {
            throw new IllegalStateException(
                    "The unkilled upgrade failed, so there is nothing to interrupt:\n" + measured);
        }
        List<String> baseline = checkUpgraded(pristine);
        if (!baseline.isEmpty()) {
            throw new IllegalStateException("Even the unkilled upgrade does not pass the checks: " + baseline);
        }
        long unkilled = measured.elapsed().toMillis();
        long goalStart = measured.lines().stream()
                .filter(l -> l.text().contains(":upgrade (default-cli)"))
                .mapToLong(MavenRun.Line::millis)
                .findFirst()
                .orElse(unkilled / 3);

        List<Outcome> outcomes = new ArrayList<>();
        int n = 0;
        for (Point point : standardPoints(goalStart, unkilled, timedPoints)) {
            Outcome outcome = killAndRecover(++n, point, pristine);
            // the aegir user's crontab is shared by every test run on this machine: when another one rewrote it
            // meanwhile (it names another IT's home), the point is tried again
            for (int retry = 0;
                    retry < 2 && outcome.problems().stream().anyMatch(this::crontabOfAnotherTest);
                    retry++) {
                outcome = killAndRecover(n, point, pristine);
            }
            // a timed point late in the run: on a busy machine the build under test can be quicker than the
            // unkilled one measured before and end before the instant; then that instant is met with a slower drush
            for (long delay = 200;
                    delay <= 400
                            && point.afterLine() == null
                            && outcome.problems().stream().anyMatch(p -> p.startsWith(ENDED_EARLY));
                    delay += 200) {
                outcome = killAndRecover(n, point.slowDrush(delay), pristine);
            }
            outcomes.add(outcome);
        }
        return new Report(
                unkilled, outcomes, Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    private Outcome killAndRecover(int n, Point point, SortedMap<String, String> pristine)
            throws IOException, InterruptedException {
        fresh(true);
        if (point.stepDelayMillis() > 0) {
            Sandbox.at(home, owner).delaySteps(point.stepDelayMillis());
        }
        MavenRun.Running run = upgrade(String.format("%02d-killed", n)).start();
        boolean reached = point.afterLine() == null
                ? run.awaitMillis(point.atMillis())
                : run.awaitLine(l -> point.afterLine().matcher(l).find(), Duration.ofMinutes(2))
                                .isPresent()
                        && run.isAlive();
        long killedAt = run.millis();
        int orphans = 0;
        List<String> problems = new ArrayList<>();
        if (!reached) {
            problems.add(ENDED_EARLY
                    + run.lines().stream()
                            .skip(Math.max(0, run.lines().size() - 3))
                            .map(MavenRun.Line::text)
                            .toList());
        } else if (point.kill() == Kill.JVM) {
            orphans = run.killJvm().size();
        } else {
            run.killTree();
        }
        MavenRun.Result killed = run.waitFor(Duration.ofSeconds(30));
        String phase = phase(killed.lines());
        String lastLine = killed.lines().isEmpty()
                ? ""
                : killed.lines().get(killed.lines().size() - 1).text();

        fast();
        MavenRun.Result rerun = upgrade(String.format("%02d-rerun", n)).run(Duration.ofMinutes(3));
        if (!rerun.succeeded()) {
            problems.add("the next run failed (exit " + rerun.exitCode() + "): "
                    + rerun.linesContaining("[ERROR]").stream().limit(6).toList());
        }
        problems.addAll(checkUpgraded(pristine));
        List<String> recovery = new ArrayList<>();
        for (MavenRun.Line line : rerun.lines()) {
            if (line.text().contains("[drush]")) {
                continue;
            }
            RECOVERY.stream()
                    .filter(e -> e.getKey().matcher(line.text()).find())
                    .findFirst()
                    .map(Map.Entry::getValue)
                    .filter(tag -> !recovery.contains(tag))
                    .ifPresent(recovery::add);
        }
        List<String> strays = strayProcesses();
        if (!strays.isEmpty()) {
            problems.add("processes of the killed build still running after the next run: " + strays);
        }
        return new Outcome(
                point,
                killedAt,
                phase,
                lastLine,
                orphans,
                recovery,
                rerun.elapsed().toMillis(),
                problems);
    }

    private boolean crontabOfAnotherTest(String problem) {
        return problem.startsWith("the crontab of ")
                && problem.contains(ItSupport.ROOT_HOMES + "/")
                && !problem.contains(home + "/");
    }

    private MavenRun upgrade(String log) {
        return MavenRun.in(basedir)
                .settings(settings)
                .localRepository(localRepository)
                .goals(String.format(UPGRADE_GOAL, pluginVersion))
                .logTo(logs.resolve(log + ".log"));
    }

    /** A fresh sandbox, an empty cache, and the slow (or fast) pace. */
    private void fresh(boolean slow) throws IOException {
        killStrays();
        Sandbox.delete(home);
        Sandbox.delete(cache);
        Sandbox sandbox = Sandbox.create(home, releases, owner);
        if (slow) {
            sandbox.delaySteps(stepDelayMillis);
            server.setSlowPace(slowChunkBytes, Duration.ofMillis(slowChunkMillis));
            for (Release r : ReleaseCatalog.upgradeReleases()) {
                server.setMode(r.fileName(), ReleaseServer.Mode.SLOW);
            }
        } else {
            fast();
        }
    }

    private void fast() throws IOException {
        Sandbox.at(home, owner).delaySteps(0);
        for (Release r : ReleaseCatalog.upgradeReleases()) {
            server.setMode(r.fileName(), ReleaseServer.Mode.NORMAL);
        }
    }

    /** The old drush, provision and drush_make as a fresh sandbox has them: relative path to sha256 (or "dir"). */
    private SortedMap<String, String> pristineBackend() throws IOException {
        Sandbox.delete(home);
        Sandbox sandbox = Sandbox.create(home, releases, owner);
        SortedMap<String, String> out = new TreeMap<>();
        out.putAll(hashes(sandbox.drushDir(), "drush"));
        out.putAll(hashes(sandbox.provisionDir(), "provision"));
        out.putAll(hashes(sandbox.drushMakeDir(), "drush_make"));
        return out;
    }

    private static SortedMap<String, String> hashes(Path dir, String name) throws IOException {
        SortedMap<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        for (Map.Entry<String, Snapshot.Entry> e : Snapshot.of(dir).entries().entrySet()) {
            Snapshot.Entry entry = e.getValue();
            out.put(
                    name + "/" + e.getKey(),
                    entry.type() + " " + entry.mode() + " " + (entry.sha256() == null ? "" : entry.sha256()));
        }
        return out;
    }

    /** Everything that must hold after the next run: empty when it does. */
    List<String> checkUpgraded(SortedMap<String, String> pristine) throws IOException {
        List<String> problems = new ArrayList<>();
        Sandbox s = Sandbox.at(home, owner);
        expect(
                problems,
                read(s.drushDir().resolve("drush.info")).contains("drush_version=4.4"),
                "drush is not 7.x-4.4");
        expect(
                problems,
                read(s.provisionDir().resolve("provision.info")).contains("version = \"6.x-1.0-rc3\""),
                "provision is not 6.x-1.0-rc3");
        expect(
                problems,
                read(s.drushMakeDir().resolve("drush_make.drush.inc")).contains("return '2.2';"),
                "drush_make is not 6.x-2.2");
        expect(
                problems,
                Files.isRegularFile(s.siteDir(s.newPlatform()).resolve("settings.php")),
                "the site is not in " + Sandbox.NEW_PLATFORM);
        expect(
                problems,
                !Files.exists(s.siteDir(s.oldPlatform())),
                "the site is still (also) in " + Sandbox.OLD_PLATFORM);
        expect(
                problems,
                read(s.alias("hostmaster")).contains("'root' => '" + s.newPlatform() + "'"),
                "@hostmaster does not point at " + Sandbox.NEW_PLATFORM);
        expect(
                problems,
                missingPlatformParts(s.newPlatform()).isEmpty(),
                Sandbox.NEW_PLATFORM + " is incomplete: lacks " + missingPlatformParts(s.newPlatform()));
        if (owner.isPresent()) {
            String cron = Host.readCrontab(owner.get());
            expect(
                    problems,
                    cron.contains(s.hostingDispatchLine()),
                    "the crontab of " + owner.get() + " has no hosting-dispatch line: "
                            + cron.strip().replace('\n', '/'));
        }

        // The original release, intact, in a backup set (with the crontab as it was).
        boolean backedUp = false;
        boolean cronSaved = false;
        List<String> sets = new ArrayList<>();
        try (Stream<Path> children = Files.list(home)) {
            for (Path dir : children.sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!name.startsWith("pre-upgrade-") && !name.startsWith("pre-rollback-")) {
                    continue;
                }
                Properties manifest = manifest(dir);
                sets.add(name + "=" + manifest.getProperty("state", "no manifest"));
                SortedMap<String, String> saved = new TreeMap<>();
                saved.putAll(hashes(dir.resolve("drush"), "drush"));
                saved.putAll(hashes(dir.resolve("provision"), "provision"));
                saved.putAll(hashes(dir.resolve("drush_make"), "drush_make"));
                if (saved.equals(pristine) && "COMPLETE".equals(manifest.getProperty("state"))) {
                    backedUp = true;
                }
                if (read(dir.resolve("crontab")).contains(Sandbox.ADMIN_CRON_LINE)) {
                    cronSaved = true;
                }
                if (!List.of("COMPLETE", "RESTORED").contains(manifest.getProperty("state"))) {
                    problems.add(
                            "backup set " + name + " is left " + manifest.getProperty("state", "without a manifest"));
                }
            }
        }
        expect(
                problems,
                backedUp,
                "no complete backup set holds the original drush, provision and drush_make" + " byte for byte (sets: "
                        + sets + ")");
        expect(problems, cronSaved, "no backup set holds the original crontab (with the administrator's line)");
        // One upgrade, one backup set: the run that resumes a killed one keeps its set, and empty ones go.
        expect(
                problems,
                sets.size() == 1,
                sets.size() + " backup sets after the next run, expected exactly one: " + sets);

        // Nothing else left behind.
        try (Stream<Path> all = Files.walk(home)) {
            for (Path p : all.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(".staging-")) {
                    problems.add("staging directory left behind: " + home.relativize(p));
                }
                if (name.startsWith("leftover-")
                        && !home.relativize(p).toString().startsWith("pre-upgrade-")) {
                    problems.add("leftover outside a backup set: " + home.relativize(p));
                }
            }
        }
        Path state = home.resolve(".aegir-maven-plugin");
        for (String file : List.of("journal", "lock.info", "migration")) {
            expect(problems, !Files.exists(state.resolve(file)), ".aegir-maven-plugin/" + file + " left behind");
        }
        if (Files.isDirectory(state)) {
            try (Stream<Path> files = Files.list(state)) {
                List<String> temporary = files.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith(".") && n.contains(".tmp-"))
                        .toList();
                expect(problems, temporary.isEmpty(), "temporary files left in .aegir-maven-plugin: " + temporary);
            }
        }
        try (Stream<Path> top = Files.list(home)) {
            List<String> unexpected = top.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("pre-upgrade-")
                            && !List.of(
                                            "drush",
                                            ".drush",
                                            ".aegir-maven-plugin",
                                            Sandbox.BACKUPS,
                                            Sandbox.OLD_PLATFORM,
                                            Sandbox.NEW_PLATFORM)
                                    .contains(n))
                    .toList();
            expect(problems, unexpected.isEmpty(), "unexpected entries in the home: " + unexpected);
        }
        return problems;
    }

    private static List<String> missingPlatformParts(Path platform) {
        List<String> missing = new ArrayList<>();
        for (String part : List.of(
                "index.php",
                "includes/bootstrap.inc",
                "modules/system/system.module",
                "sites/default/default.settings.php",
                "profiles/hostmaster/hostmaster.profile")) {
            if (!Files.isRegularFile(platform.resolve(part))) {
                missing.add(part);
            }
        }
        return missing;
    }

    private static Properties manifest(Path set) throws IOException {
        Properties p = new Properties();
        Path file = set.resolve("manifest.properties");
        if (Files.isRegularFile(file)) {
            try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(in);
            }
        }
        return p;
    }

    private static void expect(List<String> problems, boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** What the log of a killed build showed last: the phase it was in. */
    static String phase(List<MavenRun.Line> lines) {
        String phase = "Maven starting";
        for (MavenRun.Line line : lines) {
            String t = line.text();
            if (t.contains("Aegir upgrade plan")) {
                phase = "plan printed";
            } else if (t.contains("] Downloading ")) {
                phase = "downloading " + word(t, "Downloading ");
            } else if (t.contains("] Verified ") && t.contains(" against ")) {
                phase = "verified " + word(t, "Verified ");
            } else if (t.contains("] Staged ")) {
                phase = "extracted " + word(t, "Staged ");
            } else if (t.startsWith("[INFO] Moved ") && t.contains(" -> ")) {
                phase = "swap: " + shortPath(t.substring(t.indexOf("Moved ") + 6, t.indexOf(" -> "))) + " moved";
            } else if (t.matches(".*drush\\.php (--php=\\S+ )?--version\\).*")) {
                phase = "backend check: drush --version";
            } else if (t.matches(".*drush\\.php (--php=\\S+ )?help hostmaster-migrate\\).*")) {
                phase = "backend check: drush help";
            } else if (t.contains("] Backend upgraded to ")) {
                phase = "backend committed";
            } else if (t.contains("] Saved the crontab of ")) {
                phase = "crontab saved, drush next";
            } else if (t.contains("[drush] ") && !t.endsWith("[drush] ")) {
                phase = "drush: "
                        + t.substring(t.indexOf("[drush] ") + 8)
                                .replaceAll("\\s+\\[(\\w+)\\]$", "")
                                .strip();
            } else if (t.contains("] Migrated aegir.example.com to ")) {
                phase = "migrated, checking";
            } else if (t.contains("Aegir upgrade summary")) {
                phase = "summary";
            }
        }
        return phase.replaceAll("/tmp/aegir-it/[^/ ]+/?", "~/");
    }

    private static String word(String text, String after) {
        String rest = text.substring(text.indexOf(after) + after.length());
        String[] words = rest.split("\\s+");
        return words.length >= 2 ? words[0] + " " + words[1] : words[0];
    }

    private static String shortPath(String path) {
        String[] parts = path.split("/");
        return parts.length >= 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : path;
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    /** Processes whose command line names the sandbox home (stand-in drush started by a killed build). */
    private List<String> strayProcesses() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
    }

    /** Kills what a failed check may have left running, and removes drush make's temp builds of killed runs. */
    private void killStrays() throws IOException {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()))
                .forEach(ProcessHandle::destroyForcibly);
        if (owner.isPresent()) {
            try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                for (Path dir : tmp.filter(p -> p.getFileName().toString().startsWith("drush_make_tmp_"))
                        .toList()) {
                    // only old ones: another IT's drush make may be building in a fresh one right now
                    boolean old = Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS)
                            .toInstant()
                            .isBefore(java.time.Instant.now().minusSeconds(120));
                    if (old
                            && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS)
                                    .getName()
                                    .equals(owner.get())) {
                        Sandbox.delete(dir);
                    }
                }
            }
        }
    }
}
