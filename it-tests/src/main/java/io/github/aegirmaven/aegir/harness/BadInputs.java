package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The catalogue of bad inputs, each run as a real {@code mvn aegir:upgrade} against a fresh sandbox: the build
 * must fail, its output must contain the expected words (the parameter or file named, what is wrong), and
 * nothing may change on disk (the home, byte for byte and mode for mode, the aegir user's crontab, the lock
 * file of the project). Used by the {@code robust-bad-inputs} IT:
 *
 * <pre>
 * def bad = BadInputs.forIt(...)
 * bad.expect('aegirDomain with a space', ['aegir.domain': 'aegir example.com'], ["aegirDomain (-Daegir.domain)"])
 * bad.expect('home owned by root', [:], ['is owned by root']) { c -&gt;
 *     Processes.check(['chown', 'root:root', c.home().toString()])
 * }
 * def report = bad.run()
 * </pre>
 */
public final class BadInputs {

    /** What a case's set-up and extra checks see. */
    public record Context(Sandbox sandbox, Path basedir, Path scratch, Path releases, ReleaseServer server) {
        public Path home() {
            return sandbox.home();
        }
    }

    /** Prepares a case after its fresh sandbox is made (before the snapshot). */
    @FunctionalInterface
    public interface Setup {
        void apply(Context context) throws Exception;
    }

    /** Extra checks after the build: the problems found. */
    @FunctionalInterface
    public interface Check {
        List<String> problems(Context context) throws Exception;
    }

    /** One bad input. */
    public record Case(String name, Map<String, String> properties, List<String> expected, Setup setup, Check check) {}

    /** What one case showed. */
    public record Row(Case input, int exitCode, String message, List<String> changes, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final String UPGRADE_GOAL = "io.github.aegirmaven:aegir-maven-plugin:%s:upgrade";

    private final Path basedir;
    private final Path home;
    private final Optional<String> owner;
    private final Path releases;
    private final ReleaseServer server;
    private final Path settings;
    private final Path localRepository;
    private final String pluginVersion;
    private final List<Case> cases = new ArrayList<>();

    private BadInputs(
            Path basedir,
            Path home,
            Optional<String> owner,
            Path releases,
            ReleaseServer server,
            Path settings,
            Path localRepository,
            String pluginVersion) {
        this.basedir = basedir;
        this.home = home;
        this.owner = owner;
        this.releases = releases;
        this.server = server;
        this.settings = settings;
        this.localRepository = localRepository;
        this.pluginVersion = pluginVersion;
    }

    /** For an IT prepared with {@link ItSupport#prepare} (see {@link KillTest#forIt} for the parameters). */
    public static BadInputs forIt(
            Path basedir,
            Path harnessBuildDirectory,
            Path itSettings,
            Path localRepository,
            Path outerLocalRepository,
            String pluginVersion)
            throws IOException {
        Properties context = ItSupport.context(basedir.toFile());
        String owner = context.getProperty("owner", "");
        return new BadInputs(
                basedir,
                Path.of(context.getProperty("home")),
                owner.isEmpty() ? Optional.empty() : Optional.of(owner),
                harnessBuildDirectory.resolve("releases"),
                ItSupport.server(basedir.toFile()),
                MavenRun.writeSettings(itSettings, outerLocalRepository, basedir.resolve("child-settings.xml")),
                localRepository,
                pluginVersion);
    }

    /** A case with no set-up. */
    public BadInputs expect(String name, Map<String, String> properties, List<String> expected) {
        return expect(name, properties, expected, c -> {}, c -> List.of());
    }

    /** A case whose set-up breaks something in the fresh sandbox first. */
    public BadInputs expect(String name, Map<String, String> properties, List<String> expected, Setup setup) {
        return expect(name, properties, expected, setup, c -> List.of());
    }

    public BadInputs expect(
            String name, Map<String, String> properties, List<String> expected, Setup setup, Check check) {
        cases.add(new Case(name, new LinkedHashMap<>(properties), List.copyOf(expected), setup, check));
        return this;
    }

    /** Runs every case; the rows say what each showed. */
    public List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        Path logs = Files.createDirectories(basedir.resolve("bad-input-logs"));
        int n = 0;
        for (Case c : cases) {
            rows.add(run(c, logs.resolve(String.format(Locale.ROOT, "%02d.log", ++n))));
        }
        return rows;
    }

    /**
     * Runs a case; again (up to twice more) when the aegir user's crontab was meanwhile rewritten by another test
     * run on this machine (it then names another IT's home): the crontab is shared by all of them.
     */
    private Row run(Case c, Path log) throws Exception {
        Row row = runOnce(c, log);
        for (int retry = 0; retry < 2 && crontabOfAnotherTest(row); retry++) {
            row = runOnce(c, log);
        }
        return row;
    }

    private boolean crontabOfAnotherTest(Row row) {
        return row.changes().stream()
                .anyMatch(ch -> ch.startsWith("crontab of ")
                        && ch.lines().anyMatch(l -> l.contains(ItSupport.ROOT_HOMES + "/") && !l.contains(home + "/")));
    }

    private Row runOnce(Case c, Path log) throws Exception {
        Sandbox.delete(home);
        Sandbox sandbox = Sandbox.create(home, releases, owner);
        Path scratch = basedir.resolve("bad-input-scratch");
        Sandbox.delete(scratch);
        Sandbox.createDirectoriesTraversable(scratch);
        Context context = new Context(sandbox, basedir, scratch, releases, server);
        c.setup().apply(context);
        Path lockFile = basedir.resolve(ReleaseCatalog.LOCK_FILE);
        String lockBefore = Files.isRegularFile(lockFile) ? Sha256.of(lockFile) : "none";
        Snapshot before = Sandbox.snapshot(home);

        MavenRun maven = MavenRun.in(basedir)
                .settings(settings)
                .localRepository(localRepository)
                .logTo(log)
                .goals(String.format(UPGRADE_GOAL, pluginVersion));
        c.properties().forEach(maven::property);
        MavenRun.Result result = maven.run(Duration.ofMinutes(2));

        List<String> problems = new ArrayList<>();
        if (result.exitCode() == 0) {
            problems.add("the build succeeded");
        }
        String output = result.output();
        for (String part : c.expected()) {
            if (!output.contains(part)) {
                problems.add("the output lacks \"" + part + "\"");
            }
        }
        if (result.exitCode() != 0 && !output.contains("MAVEN/MojoFailureException")) {
            problems.add("the build failed, but not as something the user can fix (no MojoFailureException)");
        }
        if (output.contains("Exception") && output.contains("\tat ")) {
            problems.add("the output shows a stack trace");
        }
        List<String> changes = new ArrayList<>(Snapshot.diff(before, Sandbox.snapshot(home)));
        String lockAfter = Files.isRegularFile(lockFile) ? Sha256.of(lockFile) : "none";
        if (!lockAfter.equals(lockBefore)) {
            changes.add("the lock file " + lockFile + " changed");
        }
        if (!changes.isEmpty()) {
            problems.add("the disk changed: " + changes);
        }
        problems.addAll(c.check().problems(context));
        return new Row(c, result.exitCode(), message(result), changes, problems);
    }

    /** The failure message Maven printed (all its lines, joined), or the first error line. */
    static String message(MavenRun.Result result) {
        List<String> lines = result.lines().stream().map(MavenRun.Line::text).toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("[ERROR] Failed to execute goal")) {
                continue;
            }
            int at = line.indexOf(" on project ");
            int colon = at < 0 ? -1 : line.indexOf(": ", at);
            StringBuilder text = new StringBuilder(colon < 0 ? line : line.substring(colon + 2));
            for (int j = i + 1; j < lines.size() && !text.toString().contains("-> [Help"); j++) {
                text.append(' ')
                        .append(lines.get(j)
                                .replaceFirst("^\\[ERROR\\]\\s*", "")
                                .strip());
            }
            return text.toString().replaceFirst("\\s*-> \\[Help 1\\].*$", "");
        }
        return result.linesContaining("[ERROR]").stream().findFirst().orElse("(no error message)");
    }

    /** A table of the rows: case, exit code, the message's start, what changed on disk. */
    public static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("Bad inputs\n");
        int i = 1;
        for (Row r : rows) {
            t.append(String.format(
                    Locale.ROOT,
                    "%2d %-4s %-38s exit %d  changed: %s%n     %s%n",
                    i++,
                    r.ok() ? "ok" : "FAIL",
                    r.input().name(),
                    r.exitCode(),
                    r.changes().isEmpty() ? "nothing" : r.changes().size() + " entries",
                    cut(r.message(), 400)));
            r.problems().forEach(p -> t.append("     PROBLEM: ").append(p).append('\n'));
        }
        return t.toString();
    }

    private static String cut(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "~";
    }

    /**
     * A copy of the release tarballs in {@code dir} where the given ones are replaced by hostile variants, and a
     * lock file {@code dir/aegir.lock} pinning the upgrade releases with the hostile ones' own sums (so that only
     * safe extraction can stop them).
     *
     * @return the {@code file:} downloadUrl template serving {@code dir}
     */
    public static String hostileReleases(Path releases, Path dir, Map<String, String> hostile, long bombBytes)
            throws IOException {
        Sandbox.createDirectoriesTraversable(dir);
        Map<String, String> sums = new LinkedHashMap<>();
        for (Release release : ReleaseCatalog.upgradeReleases()) {
            Path target = dir.resolve(release.fileName());
            String kind = hostile.get(release.fileName());
            if (kind == null) {
                Files.copy(releases.resolve(release.fileName()), target);
            } else {
                TarballBuilder.hostile(
                        releases.resolve(release.fileName()),
                        Hostility.valueOf(kind.toUpperCase(Locale.ROOT)),
                        bombBytes,
                        target);
            }
            sums.put(release.fileName(), Sha256.of(target));
        }
        ReleaseCatalog.writeLockFile(dir.resolve(ReleaseCatalog.LOCK_FILE), sums, dir);
        return dir.toUri().toString().replaceAll("/?$", "/") + "{project}-{version}.tar.gz";
    }

    /** Whether {@code path} exists (not following links): for checks that something was not created. */
    public static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
