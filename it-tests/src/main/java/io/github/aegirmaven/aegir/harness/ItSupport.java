package io.github.aegirmaven.aegir.harness;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Glue for the invoker ITs, called from their Groovy hook scripts.
 *
 * <pre>
 * // setup.groovy
 * io.github.aegirmaven.aegir.harness.ItSupport.prepare(basedir, harnessBuildDirectory, [failAt: 'migrate'])
 * // verify.groovy
 * def counts = io.github.aegirmaven.aegir.harness.ItSupport.finish(basedir)
 * // invoker.properties of an IT that needs root and the aegir user (read by the shared selector script)
 * aegir.it.requires = root-and-aegir-user
 * </pre>
 *
 * {@link #prepare} gives the IT its own sandbox Aegir home, its own release server and release
 * cache, and writes {@code <basedir>/.mvn/maven.config} so that the IT's Maven build picks them up.
 */
public final class ItSupport {

    /** Where IT homes go when running as root: world-traversable, so the aegir user reaches them. */
    public static final String ROOT_HOMES = "/tmp/aegir-it";
    /** Written by {@link #prepare} into the IT's base directory; read by {@link #context}. */
    public static final String CONTEXT_FILE = "it-context.properties";

    private static final Map<String, ReleaseServer> SERVERS = new ConcurrentHashMap<>();
    private static final Map<String, UpdateService> UPDATE_SERVICES = new ConcurrentHashMap<>();

    private ItSupport() {}

    /** {@link #prepare(File, String, Map)} with no options. */
    public static Map<String, Object> prepare(File basedir, String harnessBuildDirectory) throws IOException {
        return prepare(basedir, harnessBuildDirectory, Map.of());
    }

    /**
     * Prepares an IT: a sandbox Aegir home (as root: {@code /tmp/aegir-it/<IT name>} owned by the
     * aegir user, if it exists; otherwise {@code <harness target>/it-homes/<IT name>}), a release
     * server over the release tarballs, a release cache {@code <basedir>/aegir-cache}, the lock
     * file {@code <basedir>/aegir.lock} (copied unless the IT ships its own), and
     * {@code <basedir>/.mvn/maven.config} with {@code -Daegir.home}, {@code -Daegir.downloadUrl},
     * {@code -Daegir.cacheDirectory} and {@code -Daegir.lockFile}.
     *
     * <p>Options (all optional):
     * <ul>
     *   <li>{@code modes}: file name to {@link ReleaseServer.Mode} name, e.g.
     *       {@code ['provision-6.x-1.0-rc3.tar.gz': 'CORRUPT']};</li>
     *   <li>{@code slowMillis}, {@code slowChunkBytes}: the pace of SLOW answers;</li>
     *   <li>{@code hostile}: file name to {@link Hostility} name: the IT gets its own release
     *       directory where that tarball is replaced by its hostile variant, and a lock file with
     *       the hostile tarball's sum (so that only safe extraction can stop it);
     *       {@code bombBytes} sets the size of BOMB;</li>
     *   <li>{@code fatal}: file names whose release is served (and locked) in a variant that
     *       declares the right version but dies with a PHP fatal error when run (see
     *       {@link TarballBuilder#fatal}): for a failed verification after the swap;</li>
     *   <li>{@code failAt}: a step of the stand-in drush's failure injection;</li>
     *   <li>{@code trailingLines}: how many lines the stand-in drush prints after its first
     *       error ({@link Sandbox#trailingLines}), so that the error is far from the end;</li>
     *   <li>{@code installed}: {@code 'old'} (default) or {@code 'upgrade'}: which releases the
     *       sandbox holds;</li>
     *   <li>{@code consoleTable}: where drush 4 finds PEAR's Console_Table ({@link Sandbox.ConsoleTable}):
     *       {@code 'table-inc'} (default: {@code drush/includes/table.inc}, as on every real server),
     *       {@code 'include-path'} (not in the home; {@code -Daegir.php} is a php wrapper with it on its
     *       include_path) or {@code 'none'};</li>
     *   <li>{@code lock}: false to write no lock file;</li>
     *   <li>{@code properties}: more {@code -D} properties for maven.config;</li>
     *   <li>{@code projectStatus}: project name to the {@code project_status} the update service double
     *       ({@link UpdateService}, always started, its URL in {@code -Daegir.updateUrl}) gives it, e.g.
     *       {@code [provision: 'insecure']}.</li>
     * </ul>
     *
     * @return {@code home}, {@code sandbox}, {@code server}, {@code url} (the downloadUrl
     *         template), {@code releases}, {@code cache}, {@code lockFile}, {@code owner}
     */
    public static Map<String, Object> prepare(File basedir, String harnessBuildDirectory, Map<String, ?> options)
            throws IOException {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        String name = base.getFileName().toString();
        Path buildDir = Path.of(harnessBuildDirectory).toAbsolutePath();
        Path releases = buildDir.resolve("releases");
        stopServer(base);

        Map<String, String> lockSums = new LinkedHashMap<>();
        Map<String, String> allSums = readSums(releases.resolve(ReleaseCatalog.SHA256SUMS));
        for (Release release : ReleaseCatalog.upgradeReleases()) {
            lockSums.put(release.fileName(), allSums.get(release.fileName()));
        }
        Map<?, ?> hostile = options.get("hostile") == null ? Map.of() : (Map<?, ?>) options.get("hostile");
        List<?> fatal = options.get("fatal") == null ? List.of() : (List<?>) options.get("fatal");
        if (!hostile.isEmpty() || !fatal.isEmpty()) {
            Path own = base.resolve("it-releases");
            Sandbox.delete(own);
            Sandbox.createDirectoriesTraversable(own);
            try (var files = Files.list(releases)) {
                for (Path file : files.toList()) {
                    Files.copy(file, own.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            long bombBytes = options.containsKey("bombBytes")
                    ? ((Number) options.get("bombBytes")).longValue()
                    : TarballBuilder.DEFAULT_BOMB_BYTES;
            for (Map.Entry<?, ?> entry : hostile.entrySet()) {
                String file = entry.getKey().toString();
                Hostility kind = Hostility.valueOf(entry.getValue().toString().toUpperCase(Locale.ROOT));
                TarballBuilder.hostile(releases.resolve(file), kind, bombBytes, own.resolve(file));
                lockSums.put(file, Sha256.of(own.resolve(file)));
            }
            for (Object entry : fatal) {
                String file = entry.toString();
                TarballBuilder.fatal(releases.resolve(file), own.resolve(file));
                lockSums.put(file, Sha256.of(own.resolve(file)));
            }
            releases = own;
        }

        Optional<String> owner =
                Host.isRoot() && Host.userExists(Host.AEGIR_USER) ? Optional.of(Host.AEGIR_USER) : Optional.empty();
        Path home = Host.isRoot()
                ? Path.of(ROOT_HOMES, name)
                : buildDir.resolve("it-homes").resolve(name);
        Sandbox.delete(home);
        Sandbox.createDirectoriesTraversable(home.getParent());
        List<Release> installed = "upgrade".equals(options.get("installed"))
                ? ReleaseCatalog.upgradeReleases()
                : ReleaseCatalog.oldReleases();
        Sandbox.ConsoleTable consoleTable = options.get("consoleTable") == null
                ? Sandbox.ConsoleTable.TABLE_INC
                : Sandbox.ConsoleTable.valueOf(options.get("consoleTable")
                        .toString()
                        .toUpperCase(Locale.ROOT)
                        .replace('-', '_'));
        Sandbox sandbox = Sandbox.create(home, buildDir.resolve("releases"), owner, installed, consoleTable);
        if (options.get("failAt") != null) {
            sandbox.failAt(options.get("failAt").toString());
        }
        if (options.get("trailingLines") != null) {
            sandbox.trailingLines(((Number) options.get("trailingLines")).intValue());
        }

        ReleaseServer server = new ReleaseServer(releases);
        Map<?, ?> modes = (Map<?, ?>) options.get("modes");
        if (modes != null) {
            modes.forEach((file, mode) -> server.setMode(
                    file.toString(), ReleaseServer.Mode.valueOf(mode.toString().toUpperCase(Locale.ROOT))));
        }
        if (options.containsKey("slowMillis") || options.containsKey("slowChunkBytes")) {
            int chunk =
                    options.containsKey("slowChunkBytes") ? ((Number) options.get("slowChunkBytes")).intValue() : 512;
            long millis = options.containsKey("slowMillis") ? ((Number) options.get("slowMillis")).longValue() : 100;
            server.setSlowPace(chunk, Duration.ofMillis(millis));
        }
        SERVERS.put(base.toString(), server);
        UpdateService updates = new UpdateService();
        Map<?, ?> projectStatus = (Map<?, ?>) options.get("projectStatus");
        if (projectStatus != null) {
            projectStatus.forEach((project, status) -> updates.setProjectStatus(project.toString(), status.toString()));
        }
        UPDATE_SERVICES.put(base.toString(), updates);

        Path cache = base.resolve("aegir-cache");
        Path lockFile = base.resolve(ReleaseCatalog.LOCK_FILE);
        boolean writeLock = !Boolean.FALSE.equals(options.get("lock")) && !Files.exists(lockFile);
        if (writeLock) {
            ReleaseCatalog.writeLockFile(lockFile, lockSums, releases);
        }

        Map<String, String> config = new LinkedHashMap<>();
        config.put("aegir.home", home.toString());
        config.put("aegir.downloadUrl", server.urlTemplate());
        config.put("aegir.cacheDirectory", cache.toString());
        config.put("aegir.lockFile", lockFile.toString());
        config.put("aegir.updateUrl", updates.updateUrl());
        if (consoleTable == Sandbox.ConsoleTable.INCLUDE_PATH) {
            config.put("aegir.php", sandbox.phpWithConsoleTable().toString());
        }
        Map<?, ?> extra = (Map<?, ?>) options.get("properties");
        if (extra != null) {
            extra.forEach((key, value) -> config.put(key.toString(), value.toString()));
        }
        StringBuilder mavenConfig = new StringBuilder();
        config.forEach((key, value) ->
                mavenConfig.append("-D").append(key).append('=').append(value).append('\n'));
        Files.createDirectories(base.resolve(".mvn"));
        Files.writeString(base.resolve(".mvn/maven.config"), mavenConfig.toString(), StandardCharsets.UTF_8);

        Properties context = new Properties();
        context.setProperty("home", home.toString());
        context.setProperty("owner", owner.orElse(""));
        context.setProperty("releases", releases.toString());
        context.setProperty("url", server.urlTemplate());
        context.setProperty("cache", cache.toString());
        context.setProperty("lockFile", lockFile.toString());
        context.setProperty("updateUrl", updates.updateUrl());
        try (Writer writer = Files.newBufferedWriter(base.resolve(CONTEXT_FILE))) {
            context.store(writer, "Written by ItSupport.prepare for " + name);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("home", home.toFile());
        result.put("sandbox", sandbox);
        result.put("server", server);
        result.put("url", server.urlTemplate());
        result.put("releases", releases.toFile());
        result.put("cache", cache.toFile());
        result.put("lockFile", lockFile.toFile());
        result.put("owner", owner.orElse(null));
        System.out.println("[it-harness] " + name + ": Aegir home " + home
                + (owner.map(o -> " (owner " + o + ")").orElse("")) + ", releases " + server.urlTemplate());
        return result;
    }

    /** A snapshot of the IT's Aegir home (with its owner's crontab, as root). */
    public static Snapshot snapshot(File basedir) throws IOException {
        return Sandbox.snapshot(Path.of(context(basedir).getProperty("home")));
    }

    /**
     * Takes a snapshot of the IT's home and saves it as {@code <basedir>/snapshot-<name>.txt}, e.g.
     * in setup.groovy, for verify.groovy to compare with {@link #diffSince}.
     */
    public static Snapshot saveSnapshot(File basedir, String name) throws IOException {
        Snapshot snapshot = snapshot(basedir);
        snapshot.write(basedir.toPath().resolve("snapshot-" + name + ".txt"));
        return snapshot;
    }

    /** The snapshot {@link #saveSnapshot} saved under {@code name}. */
    public static Snapshot savedSnapshot(File basedir, String name) throws IOException {
        return Snapshot.read(basedir.toPath().resolve("snapshot-" + name + ".txt"));
    }

    /** The differences from the snapshot saved under {@code name} to the home as it is now; empty when none. */
    public static List<String> diffSince(File basedir, String name) throws IOException {
        return Snapshot.diff(savedSnapshot(basedir, name), snapshot(basedir));
    }

    /**
     * Fails, listing the differences, unless the home (crontab included) is byte for byte as the
     * snapshot saved under {@code name}. When only the crontab differs in a way this IT cannot have
     * caused (it no longer names this IT's home), the message says that the aegir user's crontab is
     * shared by every test on the machine, so that a concurrent test run is not taken for a bug.
     */
    public static void assertHomeUnchangedSince(File basedir, String name, String what) throws IOException {
        Snapshot before = savedSnapshot(basedir, name);
        Snapshot now = snapshot(basedir);
        List<String> diff = Snapshot.diff(before, now);
        if (diff.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder(what)
                .append(" changed the Aegir home ")
                .append(before.root())
                .append(" (compared with the snapshot '")
                .append(name)
                .append("'):\n")
                .append(String.join("\n", diff));
        String home = before.root().toString() + "/";
        boolean onlyCrontab = diff.size() == 1 && diff.get(0).startsWith("crontab of ");
        if (onlyCrontab && !now.crontab().orElse("").contains(home)) {
            message.append("\nThe crontab no longer names ")
                    .append(home)
                    .append(" at all: the aegir user's crontab is")
                    .append(" shared by every test on this machine, and another test run probably replaced it. Run")
                    .append(" this IT again alone before taking it for a bug.");
        }
        throw new AssertionError(message.toString());
    }

    /**
     * Makes every Maven run of this IT take a snapshot of the home before it starts (a Java agent
     * in {@code .mvn/jvm.config}, see {@link SnapshotAgent}); read them with {@link #snapshotBeforeRun}.
     * Call after {@link #prepare}.
     */
    public static void snapshotBeforeEachRun(File basedir) throws IOException {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path jar = base.resolve("snapshot-agent.jar");
        writeAgentJar(jar);
        try (var old = Files.list(base)) {
            for (Path file : old.filter(f -> f.getFileName().toString().startsWith(SnapshotAgent.PREFIX))
                    .toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(
                base.resolve(".mvn/jvm.config"), "-javaagent:" + jar + "=" + base + "\n", StandardCharsets.UTF_8);
    }

    /** The snapshot the {@link SnapshotAgent} took before Maven run {@code run} (from 1) of this IT. */
    public static Snapshot snapshotBeforeRun(File basedir, int run) throws IOException {
        return Snapshot.read(basedir.toPath().resolve(SnapshotAgent.PREFIX + run + ".txt"));
    }

    /** A jar holding the harness classes with {@link SnapshotAgent} as its Premain-Class. */
    private static void writeAgentJar(Path jar) throws IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", SnapshotAgent.class.getName());
        Path classes;
        try {
            classes = Path.of(SnapshotAgent.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("Cannot locate the harness classes", e);
        }
        String packageDir = SnapshotAgent.class.getPackageName().replace('.', '/');
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (Files.isDirectory(classes)) {
                try (var files = Files.list(classes.resolve(packageDir))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class"))
                            .sorted()
                            .toList()) {
                        out.putNextEntry(new java.util.jar.JarEntry(packageDir + "/" + file.getFileName()));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            } else {
                try (var in = new java.util.jar.JarInputStream(Files.newInputStream(classes))) {
                    java.util.jar.JarEntry entry;
                    while ((entry = in.getNextJarEntry()) != null) {
                        if (entry.getName().startsWith(packageDir + "/")
                                && entry.getName().endsWith(".class")) {
                            out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                            in.transferTo(out);
                            out.closeEntry();
                        }
                    }
                }
            }
        }
    }

    /** Keeps a server for {@link #finish}, stopping one an earlier setup of the IT left. */
    static void register(File basedir, ReleaseServer server) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        stopServer(base);
        SERVERS.put(base.toString(), server);
    }

    /** The release server {@link #prepare} started for this IT, if it is still running. */
    public static ReleaseServer server(File basedir) {
        return SERVERS.get(basedir.toPath().toAbsolutePath().normalize().toString());
    }

    /** The update service double {@link #prepare} started for this IT, if it is still running. */
    public static UpdateService updateService(File basedir) {
        return UPDATE_SERVICES.get(basedir.toPath().toAbsolutePath().normalize().toString());
    }

    /**
     * Stops the IT's update service double.
     *
     * @return request path to number of requests, sorted, plus {@code total}; empty when none was running
     */
    public static Map<String, Integer> finishUpdates(File basedir) {
        UpdateService service = UPDATE_SERVICES.remove(
                basedir.toPath().toAbsolutePath().normalize().toString());
        if (service == null) {
            return Map.of();
        }
        Map<String, Integer> counts = service.requestCounts();
        service.close();
        return counts;
    }

    /** What {@link #prepare} wrote to {@value #CONTEXT_FILE}. */
    public static Properties context(File basedir) throws IOException {
        Properties context = new Properties();
        try (Reader reader = Files.newBufferedReader(basedir.toPath().resolve(CONTEXT_FILE))) {
            context.load(reader);
        }
        return context;
    }

    /** The sandbox {@link #prepare} made for this IT. */
    public static Sandbox sandbox(File basedir) throws IOException {
        Properties context = context(basedir);
        String owner = context.getProperty("owner", "");
        return Sandbox.at(
                Path.of(context.getProperty("home")), owner.isEmpty() ? Optional.empty() : Optional.of(owner));
    }

    /**
     * Stops the IT's release server.
     *
     * @return request path to number of requests, sorted, plus {@code total}
     * @throws IllegalStateException when no server is known for this IT (setup did not run)
     */
    public static Map<String, Integer> finish(File basedir) {
        ReleaseServer server =
                SERVERS.remove(basedir.toPath().toAbsolutePath().normalize().toString());
        if (server == null) {
            throw new IllegalStateException(
                    "No release server for " + basedir + ": setup.groovy must call ItSupport.prepare first");
        }
        Map<String, Integer> counts = new TreeMap<>(server.requestCounts());
        counts.put("total", server.totalRequests());
        server.close();
        finishUpdates(basedir);
        return counts;
    }

    /** The key in an IT's {@code invoker.properties} that lists what it needs of this machine. */
    public static final String REQUIRES = "aegir.it.requires";

    /**
     * For the one shared selector script ({@code src/it-shared/selector.groovy}): true when this machine has
     * everything the IT's {@code invoker.properties} lists under {@value #REQUIRES} (comma-separated; none: it
     * runs anywhere): {@code root-and-aegir-user} (root, the aegir user, su, crontab and php), {@code tmpfs}
     * (permission to mount a small tmpfs, for a file system that really fills up), {@code
     * php-without-console-table} (a php whose include_path has no PEAR Console_Table). Otherwise prints why the IT
     * is skipped and returns false. An unknown name is an error, so that a typo does not skip an IT silently.
     */
    public static boolean selected(File basedir) throws IOException {
        Properties props = new Properties();
        Path file = basedir.toPath().resolve("invoker.properties");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(in);
            }
        }
        String needs = props.getProperty(REQUIRES, "").trim();
        for (String need : needs.split(",")) {
            Optional<String> why = switch (need.trim()) {
                case "" -> Optional.empty();
                case "root-and-aegir-user" -> Host.whyNoAegirUser().or(Host::whyNoPhp);
                case "tmpfs" -> Host.whyNoTmpfs(basedir.getName());
                case "php-without-console-table" -> Host.whyPhpHasConsoleTable();
                default ->
                    throw new IllegalArgumentException(file + ": " + REQUIRES + " names \"" + need.trim()
                            + "\"; expected root-and-aegir-user, tmpfs or php-without-console-table");
            };
            if (why.isPresent()) {
                System.out.println("[it-harness] " + basedir.getName() + " skipped: " + why.get());
                return false;
            }
        }
        if (!needs.isEmpty()) {
            System.out.println("[it-harness] " + basedir.getName() + " runs here: it needs " + needs);
        }
        return true;
    }

    private static void stopServer(Path base) {
        ReleaseServer old = SERVERS.remove(base.toString());
        if (old != null) {
            old.close();
        }
        UpdateService oldUpdates = UPDATE_SERVICES.remove(base.toString());
        if (oldUpdates != null) {
            oldUpdates.close();
        }
    }

    private static Map<String, String> readSums(Path file) throws IOException {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+", 2);
            sums.put(parts[1], parts[0]);
        }
        return sums;
    }
}
