package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Benchmark (not a test): {@code makefile-lock} of a generated 100-project make file against a loopback stand-in
 * of the update service, cold (empty release cache: every history fetched and every tarball downloaded once) and
 * warm (a second run, which keeps every locked release). Target: under 2 s cold. Prints {@code FIGURE | …} lines
 * for benchmarks/run. Run: {@code ./mvnw -pl aegir-maven-plugin exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.github.aegirmaven.aegir.updates.MakefileLockBenchmark}.
 */
public final class MakefileLockBenchmark {

    private static final int PROJECTS = 100;
    private static final int TARBALL_BYTES = 200 * 1024;

    private MakefileLockBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("makefile-lock-bench");
        try (StubService service = new StubService()) {
            Random random = new Random(42);
            StringBuilder make = new StringBuilder("core = 6.x\napi = 2\nprojects[] = drupal\n");
            byte[] core = new byte[TARBALL_BYTES];
            random.nextBytes(core);
            service.file("drupal-6.38.tar.gz", core);
            service.history(
                    new HistoryXml("drupal", "6.x")
                            .type("Drupal core")
                            .files(service.filesUrl())
                            .full("6.38", md5(core), "published"),
                    "drupal",
                    "6.x");
            for (int i = 1; i < PROJECTS; i++) {
                String name = "project" + i;
                HistoryXml history =
                        new HistoryXml(name, "6.x").majors("1", "1").files(service.filesUrl());
                for (int patch = 10; patch >= 1; patch--) {
                    byte[] tarball = new byte[TARBALL_BYTES];
                    random.nextBytes(tarball);
                    service.file(name + "-6.x-1." + patch + ".tar.gz", tarball);
                    history.full("1." + patch, md5(tarball), "published");
                }
                service.history(history, name, "6.x");
                make.append(i % 2 == 0 ? "projects[] = " + name + "\n" : "projects[" + name + "] = 1\n");
            }
            Path makefile = work.resolve("platform.make");
            Files.writeString(makefile, make.toString());
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Path dir = Files.createTempDirectory(work, "run");
                Path locked = dir.resolve("platform.lock.make");
                int before = service.total();
                cold.add(lock(service, makefile, dir, locked));
                int requests = service.total() - before;
                warm.add(lock(service, makefile, dir, locked));
                System.out.printf(
                        "run %d: cold %.0f ms (%d requests), warm %.0f ms%n",
                        run + 1, cold.get(run), requests, warm.get(run));
            }
            double c = median(cold);
            double w = median(warm);
            System.out.printf(
                    "FIGURE | makefile-lock of a %d-project make file, loopback update service (in-process,"
                            + " MakefileLockBenchmark) | %d histories of 10 releases, %d tarballs of %d KB downloaded"
                            + " once each, cold cache; median of %d | cold **%.0f ms** (target under 2 s); second run"
                            + " (nothing changes, no request) %.0f ms%n",
                    PROJECTS, PROJECTS, PROJECTS, TARBALL_BYTES / 1024, runs, c, w);
        }
    }

    private static double lock(StubService service, Path makefile, Path dir, Path locked) throws Exception {
        long start = System.nanoTime();
        Downloader downloader =
                new Downloader(DownloadSettings.builder().retries(0).build());
        HistoryService histories =
                new HistoryService(service.historyUrl(), dir.resolve("histories"), downloader, Clock.systemUTC());
        MakeSource source = MakeSource.read(makefile, MakeEngine.DRUSH_MAKE_2, makefile.getParent());
        new MakefileLocker(histories, downloader, new ReleaseCache(dir.resolve("cache")), BuildLog.NONE)
                .lock(source, "platform.make", locked, Set.of(), false);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
