package io.github.aegirmaven.aegir.bench;

import io.github.aegirmaven.aegir.harness.ReleaseServer;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.LockEntry;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import io.github.aegirmaven.aegir.release.VerifiedArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark, not a test: the plugin's {@link ReleaseResolver} fetching the three upgrade releases (drush
 * 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2) from a loopback {@link ReleaseServer}, cold cache, against
 * {@code curl -s -o} fetching the same three files one after the other, as an administrator does by hand. The
 * resolver does more than curl: it downloads into a hidden file, computes the SHA-256, checks it and the size
 * against the lock file and renames the file into the cache; so {@code curl} followed by {@code sha256sum -c} is
 * shown too. Then the same resolve with the cache filled, which must send no request at all.
 *
 * <p>Three sets of files: the harness's fixture tarballs (3 to 7 KB), drupal.org-sized ones (drush 400 KB,
 * provision 250 KB, drush_make 80 KB) and large ones (4 MB, 2.5 MB and 0.8 MB), the last two of random bytes (as
 * incompressible as gzip output). Each run uses fresh directories; run 0 warms up and is not counted; the
 * plugin's very first run (its code not yet loaded or compiled, as in a fresh Maven build) is printed too. The
 * JVM's own HTTP server serves with {@code TCP_NODELAY}, as real web servers do.
 *
 * <p>Run by {@code bash benchmarks/run}; alone, after {@code ./mvnw install -DskipTests}:
 * <pre>
 * ./mvnw -q -o -pl it-tests exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.aegirmaven.aegir.bench.DownloadBenchmark -Dexec.args="--repo-root $PWD --runs 7"
 * </pre>
 */
public final class DownloadBenchmark {

    private static final List<Release> RELEASES = List.of(
            new Release("drush", "7.x-4.4"),
            new Release("provision", "6.x-1.0-rc3"),
            new Release("drush_make", "6.x-2.2"));

    private DownloadBenchmark() {}

    public static void main(String[] args) throws Exception {
        // Like a real web server, answer without Nagle's delay: the JDK server writes the headers and a small body
        // separately, and the second write would otherwise wait for the client's delayed ACK (40 ms on Linux),
        // making every small download look slow, with curl and the plugin alike.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path repoRoot = null;
        int runs = 7;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--repo-root" ->
                    repoRoot = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default ->
                    throw new IllegalArgumentException(
                            "Unknown option " + args[i] + "; expected --repo-root DIR, --runs N");
            }
        }
        if (repoRoot == null || !Files.isDirectory(repoRoot.resolve("it-tests/target/releases"))) {
            throw new IllegalArgumentException("--repo-root must name the repository root, with the fixture releases"
                    + " built in it-tests/target/releases; got " + repoRoot);
        }
        Path work =
                Files.createDirectories(repoRoot.resolve("target/benchmarks")).resolve("downloads");
        Bench.delete(work);
        Files.createDirectories(work);
        try {
            Path fixtures = Files.createDirectories(work.resolve("fixtures"));
            for (Release r : RELEASES) {
                Files.copy(
                        repoRoot.resolve("it-tests/target/releases").resolve(r.archiveFileName()),
                        fixtures.resolve(r.archiveFileName()));
            }
            run("fixture tarballs", fixtures, runs, work, true);
            run(
                    "drupal.org-sized",
                    generate(work.resolve("drupal-sized"), 400_000, 250_000, 80_000),
                    runs,
                    work,
                    false);
            run("large", generate(work.resolve("large"), 4_000_000, 2_500_000, 800_000), runs, work, false);
        } finally {
            Bench.delete(work);
        }
    }

    private static Path generate(Path dir, int... sizes) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(sizes[0]);
        for (int i = 0; i < RELEASES.size(); i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Files.write(dir.resolve(RELEASES.get(i).archiveFileName()), bytes);
        }
        return dir;
    }

    /** @param first whether this is the first set, whose run 0 is the plugin's first download in this JVM */
    private static void run(String name, Path served, int runs, Path work, boolean first) throws Exception {
        LockFile lock = LockFile.empty();
        long total = 0;
        for (Release r : RELEASES) {
            Path file = served.resolve(r.archiveFileName());
            lock = lock.with(new LockEntry(r, Bench.sha256(file), Files.size(file)));
            total += Files.size(file);
        }
        Bench.out(Bench.format("%s: %s = %.0f KB", name, sizes(served), total / 1e3));
        try (ReleaseServer server = new ReleaseServer(served)) {
            UrlTemplate urls = UrlTemplate.parse(server.urlTemplate());
            List<Long> plugin = new ArrayList<>();
            List<Long> curl = new ArrayList<>();
            List<Long> curlSha = new ArrayList<>();
            long firstPluginRun = 0;
            for (int i = 0; i <= runs; i++) {
                Path dir = work.resolve("run");
                Bench.delete(dir);
                Files.createDirectories(dir);
                boolean pluginFirst = i % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == pluginFirst) {
                        long t = resolveAll(urls, dir.resolve("cache"), lock, true);
                        if (i == 0) {
                            firstPluginRun = t;
                        } else {
                            plugin.add(t);
                        }
                    } else {
                        long[] t = curlAll(server, dir.resolve("curl"), lock);
                        if (i > 0) {
                            curl.add(t[0]);
                            curlSha.add(t[1]);
                        }
                    }
                }
            }
            // Warm cache: the files are there; nothing may be requested.
            Path cache = work.resolve("run/cache");
            int before = server.totalRequests();
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i <= runs; i++) {
                long t = resolveAll(urls, cache, lock, false);
                if (i > 0) {
                    warm.add(t);
                }
            }
            int warmRequests = server.totalRequests() - before;

            double p = Bench.medianMillis(plugin);
            double c = Bench.medianMillis(curl);
            double cs = Bench.medianMillis(curlSha);
            double w = Bench.medianMillis(warm);
            Bench.out(Bench.format(
                    "  plugin (ReleaseResolver, cold cache)  median of %d: %7.1f ms  runs %s",
                    runs, p, Bench.millis(plugin)));
            if (first) {
                Bench.out(Bench.format(
                        "  plugin, first run in this JVM (its code not yet loaded or compiled, as in a"
                                + " fresh Maven build): %.1f ms",
                        firstPluginRun / 1e6));
            }
            Bench.out(Bench.format(
                    "  curl -s -o, 3 files one after another median of %d: %7.1f ms  runs %s",
                    runs, c, Bench.millis(curl)));
            Bench.out(Bench.format("  curl, then sha256sum -c                median of %d: %7.1f ms", runs, cs));
            Bench.out(Bench.format("  ratio plugin / curl: %.2f; plugin / (curl + sha256sum): %.2f", p / c, p / cs));
            Bench.out(Bench.format(
                    "  warm cache (3 cached files, SHA-256 checked) median of %d: %.1f ms, %d requests"
                            + " (must be 0)",
                    runs, w, warmRequests));
            Bench.figure(
                    "Downloads, " + name + ": plugin / `curl -s -o` one after another (loopback)",
                    sizes(served) + ", cold cache, median of " + runs,
                    Bench.format(
                            "%.1f ms / %.1f ms = **%.2f** (/ curl + sha256sum: %.2f)%s; warm cache %.1f ms, **%d**"
                                    + " requests",
                            p,
                            c,
                            p / c,
                            p / cs,
                            first ? Bench.format("; first run in the JVM %.0f ms", firstPluginRun / 1e6) : "",
                            w,
                            warmRequests));
        }
    }

    /** Resolves the three releases as the plugin does (each result's lock passed on); the elapsed nanoseconds. */
    private static long resolveAll(UrlTemplate urls, Path cacheDir, LockFile lock, boolean expectDownload)
            throws Exception {
        ReleaseResolver resolver = new ReleaseResolver(
                urls,
                new ReleaseCache(cacheDir),
                new Downloader(DownloadSettings.builder().build()));
        long t0 = System.nanoTime();
        LockFile pins = lock;
        List<VerifiedArchive> archives = new ArrayList<>();
        for (Release r : RELEASES) {
            VerifiedArchive a = resolver.resolve(r, pins, true);
            pins = a.updatedLock();
            archives.add(a);
        }
        long elapsed = System.nanoTime() - t0;
        for (VerifiedArchive a : archives) {
            if (a.downloaded() != expectDownload || !Files.isRegularFile(a.path())) {
                throw new IllegalStateException(
                        "Expected " + a.release() + (expectDownload ? " downloaded" : " cached") + ", got " + a);
            }
        }
        return elapsed;
    }

    /** curl fetches each file (one process each, one after another), then sha256sum -c checks them. */
    private static long[] curlAll(ReleaseServer server, Path dir, LockFile lock) throws Exception {
        Files.createDirectories(dir);
        StringBuilder sums = new StringBuilder();
        for (LockEntry e : lock.entries()) {
            sums.append(e.sha256())
                    .append("  ")
                    .append(e.release().archiveFileName())
                    .append('\n');
        }
        Files.writeString(dir.resolve("SHA256SUMS"), sums.toString());
        long t0 = System.nanoTime();
        for (Release r : RELEASES) {
            exec(dir, "curl", "-s", "-f", "-o", r.archiveFileName(), server.url(r.archiveFileName()));
        }
        long curl = System.nanoTime() - t0;
        exec(dir, "sha256sum", "--quiet", "-c", "SHA256SUMS");
        long both = System.nanoTime() - t0;
        return new long[] {curl, both};
    }

    private static void exec(Path dir, String... command) throws Exception {
        Process p =
                new ProcessBuilder(command).directory(dir.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }

    private static String sizes(Path dir) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Release r : RELEASES) {
            long size = Files.size(dir.resolve(r.archiveFileName()));
            out.put(
                    r.project(),
                    size >= 1_000_000 ? Bench.format("%.1f MB", size / 1e6) : Bench.format("%.0f KB", size / 1e3));
        }
        return out.toString().replace("=", " ").replace("{", "").replace("}", "");
    }
}
