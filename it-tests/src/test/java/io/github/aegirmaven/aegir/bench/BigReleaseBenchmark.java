package io.github.aegirmaven.aegir.bench;

import io.github.aegirmaven.aegir.harness.Host;
import io.github.aegirmaven.aegir.harness.Processes;
import io.github.aegirmaven.aegir.harness.ReleaseCatalog;
import io.github.aegirmaven.aegir.harness.ReleaseServer;
import io.github.aegirmaven.aegir.harness.Sandbox;
import io.github.aegirmaven.aegir.harness.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Benchmark, not a test: what a whole {@code mvn aegir:backend-upgrade} costs when one release is large, against
 * {@code tar -xzf} of the same archive. The pinned provision 6.x-1.0-rc3 is the fixture release with a generated
 * Drupal-platform-like tree added under {@code provision/platform/} (the archive {@code ExtractBenchmark --generate}
 * writes: about 20,000 files, 60 MB unpacked); the lock file pins it. Each run starts from a fresh copy of an
 * up-to-date-but-for-the-backend sandbox (the old releases) and an empty release cache, and times three whole
 * processes, in alternating order: {@code mvn -B aegir:backend-upgrade} (download from a loopback
 * {@link ReleaseServer}, SHA-256, extraction, modes, ownership, swap, drush check as the aegir user, install
 * record), then {@code mvn -B -o aegir:backend-upgrade} again with nothing to do (Maven and the plugin starting),
 * and {@code tar -xzf} of the large archive into a directory beside the home. The figure is (upgrade - no-op) /
 * tar, median of the runs (target: at most 1.2).
 *
 * <p>Run by {@code bash benchmarks/run}; alone, after {@code ./mvnw install -DskipTests} and
 * {@code ExtractBenchmark --generate FILE 20000 60} (see benchmarks/README.md):
 * <pre>
 * ./mvnw -q -o -pl it-tests exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.aegirmaven.aegir.bench.BigReleaseBenchmark \
 *     -Dexec.args="--repo-root $PWD --platform FILE --runs 3"
 * </pre>
 * Options as {@link NoopBenchmark}'s, plus {@code --platform FILE} (required).
 */
public final class BigReleaseBenchmark {

    private BigReleaseBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path repoRoot = null;
        Path platform = null;
        Path work = null;
        int runs = 3;
        boolean keep = false;
        List<String> mavenArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--repo-root" ->
                    repoRoot = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--platform" ->
                    platform = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--work" -> work = Path.of(args[i + 1]).toAbsolutePath().normalize();
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--maven-arg" -> mavenArgs.add(args[i + 1]);
                case "--keep" -> keep = Boolean.parseBoolean(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("Unknown option " + args[i] + "; expected --repo-root DIR,"
                            + " --platform FILE, --work DIR, --runs N, --maven-arg ARG, --keep true");
            }
        }
        if (repoRoot == null || !Files.isRegularFile(repoRoot.resolve("mvnw"))) {
            throw new IllegalArgumentException(
                    "--repo-root must name the repository root (with mvnw); got " + repoRoot);
        }
        if (platform == null || !Files.isRegularFile(platform)) {
            throw new IllegalArgumentException("--platform must name the archive ExtractBenchmark --generate writes"
                    + " (top directory platform/); got " + platform);
        }
        Optional<String> owner =
                Host.isRoot() && Host.userExists(Host.AEGIR_USER) ? Optional.of(Host.AEGIR_USER) : Optional.empty();
        if (work == null) {
            // The aegir user must reach its home: under /tmp when it is someone else's.
            work = owner.isPresent() ? Path.of("/tmp/aegir-bench/big") : repoRoot.resolve("target/benchmarks/big");
        }
        Bench.delete(work);
        Sandbox.createDirectoriesTraversable(work);
        try {
            run(repoRoot, platform, work, owner, runs, mavenArgs);
        } finally {
            if (keep) {
                Bench.out("Kept " + work + " (--keep true) for profiling; delete it when done.");
            } else {
                Bench.delete(work);
            }
        }
    }

    private static void run(
            Path repoRoot, Path platform, Path work, Optional<String> owner, int runs, List<String> mavenArgs)
            throws Exception {
        Path fixtures = repoRoot.resolve("it-tests/target/releases");
        Path releases = Files.createDirectories(work.resolve("releases"));
        Path logs = repoRoot.resolve("target/benchmarks/big-logs");
        Bench.delete(logs);
        Files.createDirectories(logs);
        Map<String, String> sums = new LinkedHashMap<>();
        for (var release : ReleaseCatalog.upgradeReleases()) {
            Path tarball = releases.resolve(release.fileName());
            if (release.equals(ReleaseCatalog.PROVISION_NEW)) {
                graft(fixtures.resolve(release.fileName()), platform, tarball);
            } else {
                Files.copy(fixtures.resolve(release.fileName()), tarball, StandardCopyOption.REPLACE_EXISTING);
            }
            sums.put(release.fileName(), Sha256.of(tarball));
        }
        Path big = releases.resolve(ReleaseCatalog.PROVISION_NEW.fileName());
        Path lockFile = work.resolve(ReleaseCatalog.LOCK_FILE);
        ReleaseCatalog.writeLockFile(lockFile, sums, releases);
        Path template = work.resolve("template");
        Sandbox.create(template, fixtures, Optional.empty());
        String user = System.getProperty("user.name");
        if (owner.isPresent()) {
            user = owner.get();
            chown(template, user);
        }
        Bench.out(Bench.format(
                "Large release: %s, %.1f MB compressed (the fixture provision plus %s under provision/platform/)",
                big.getFileName(), Files.size(big) / 1e6, platform.getFileName()));

        Path home = work.resolve("aegir");
        Path cache = work.resolve("cache");
        List<Long> upgrade = new ArrayList<>();
        List<Long> noop = new ArrayList<>();
        List<Long> tar = new ArrayList<>();
        List<Long> upgradeCpu = new ArrayList<>();
        List<Long> noopCpu = new ArrayList<>();
        List<Long> tarCpu = new ArrayList<>();
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
            for (int i = 0; i <= runs; i++) { // run 0 warms the page cache and Maven's; it is not counted
                boolean tarFirst = i % 2 == 1;
                if (tarFirst) {
                    tar(big, work.resolve("tar-" + i), i > 0 ? tar : null, tarCpu);
                }
                Bench.delete(home);
                Bench.delete(cache);
                Processes.check(List.of("cp", "-a", template.toString(), home.toString()));
                NoopBenchmark.Result up = NoopBenchmark.maven(
                        base, false, "aegir:backend-upgrade", logs.resolve("upgrade-" + i + ".log"));
                NoopBenchmark.require(up, "Backend upgraded to");
                NoopBenchmark.Result again =
                        NoopBenchmark.maven(base, true, "aegir:backend-upgrade", logs.resolve("noop-" + i + ".log"));
                NoopBenchmark.require(again, "Nothing to do");
                if (!tarFirst) {
                    tar(big, work.resolve("tar-" + i), i > 0 ? tar : null, tarCpu);
                }
                if (i > 0) {
                    upgrade.add(up.nanos());
                    noop.add(again.nanos());
                    upgradeCpu.add(up.cpuNanos());
                    noopCpu.add(again.cpuNanos());
                }
                Bench.out(Bench.format(
                        "  run %d%s: backend-upgrade %.0f ms, no-op %.0f ms",
                        i, i == 0 ? " (warm-up)" : "", up.nanos() / 1e6, again.nanos() / 1e6));
            }
        }
        double u = Bench.medianMillis(upgrade);
        double n = Bench.medianMillis(noop);
        double t = Bench.medianMillis(tar);
        double uc = Bench.medianMillis(upgradeCpu);
        double nc = Bench.medianMillis(noopCpu);
        double tc = Bench.medianMillis(tarCpu);
        Bench.out(Bench.format(
                "mvn -B aegir:backend-upgrade         median of %d: %7.0f ms  runs %s",
                runs, u, Bench.millis(upgrade)));
        Bench.out(Bench.format(
                "mvn -B -o aegir:backend-upgrade, no-op median of %d: %7.0f ms  runs %s", runs, n, Bench.millis(noop)));
        Bench.out(Bench.format(
                "tar -xzf                              median of %d: %7.0f ms  runs %s", runs, t, Bench.millis(tar)));
        Bench.out(Bench.format(
                "CPU time (user + system, with children), median: upgrade %.0f ms, no-op %.0f ms, tar %.0f ms",
                uc, nc, tc));
        Bench.out(Bench.format("ratio (upgrade - no-op) / tar: %.2f (target <= 1.20)", (u - n) / t));
        Bench.figure(
                "Large release: `mvn -B aegir:backend-upgrade` minus a no-op run / `tar -xzf`, whole processes",
                "provision with 20,000 more files (60 MB unpacked, " + Bench.format("%.1f", Files.size(big) / 1e6)
                        + " MB gzipped), fresh home and cache each run, median of " + runs,
                Bench.format(
                        "(%.0f ms - %.0f ms) / %.0f ms = **%.2f** (target <= 1.2);"
                                + " CPU time (%.0f - %.0f) / %.0f ms = %.2f",
                        u, n, t, (u - n) / t, uc, nc, tc, (uc - nc) / tc));
    }

    /** Times {@code tar -xzf archive} into a new directory (then deletes it, untimed); null: warm-up only. */
    private static void tar(Path archive, Path target, List<Long> times, List<Long> cpu)
            throws IOException, InterruptedException {
        Files.createDirectories(target);
        Path log = target.resolveSibling(target.getFileName() + ".log");
        NoopBenchmark.Result r =
                NoopBenchmark.timed(List.of("tar", "-xzf", archive.toString(), "-C", target.toString()), log);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("tar -xzf " + archive + " failed: " + Files.readString(log));
        }
        if (times != null) {
            times.add(r.nanos());
            cpu.add(r.cpuNanos());
        }
        Bench.delete(target);
        Files.delete(log);
    }

    /**
     * Writes {@code out}: every entry of the fixture release {@code release}, then every entry of
     * {@code platform} below its top directory moved under {@code <top>/platform/}. Gzip at the default level,
     * as drupal.org's packaging does.
     */
    private static void graft(Path release, Path platform, Path out) throws IOException {
        try (OutputStream raw = Files.newOutputStream(out);
                GZIPOutputStream gz = new GZIPOutputStream(raw, 64 * 1024);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String top = copyEntries(release, tar, null);
            copyEntries(platform, tar, top);
        }
    }

    /** Copies the entries; with {@code under}, renames {@code X/rest} to {@code under/platform/rest}. */
    private static String copyEntries(Path archive, TarArchiveOutputStream out, String under) throws IOException {
        String top = null;
        try (InputStream raw = Files.newInputStream(archive);
                GZIPInputStream gz = new GZIPInputStream(raw, 64 * 1024);
                TarArchiveInputStream in = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (top == null) {
                    top = slash < 0 ? name : name.substring(0, slash);
                }
                if (under != null) {
                    String rest = slash < 0 ? "" : name.substring(slash + 1);
                    TarArchiveEntry moved = new TarArchiveEntry(under + "/platform/" + rest);
                    moved.setMode(entry.getMode());
                    moved.setSize(entry.getSize());
                    moved.setModTime(entry.getModTime());
                    entry = moved;
                }
                out.putArchiveEntry(entry);
                in.transferTo(out);
                out.closeArchiveEntry();
            }
        }
        return top;
    }

    private static void chown(Path tree, String user) throws IOException {
        Processes.check(
                List.of("chown", "-R", "--no-dereference", user + ":" + Host.primaryGroup(user), tree.toString()));
    }
}
