package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Benchmark, not a unit test: {@code platform-build} ({@link PlatformBuilder}, in-process, warm cache: every
 * archive's sums checked again, extracted safely, laid out, modes set, the tree digest taken) against
 * {@code tar -xzf} of the same archives into the same layout (core with {@code --strip-components=1} at the root,
 * each module into {@code sites/all/modules/}), on the same disk. Target: at most 1.2.
 *
 * <p>Run after {@code ./mvnw -pl aegir-maven-plugin test-compile}:
 * <pre>
 * ./mvnw -q -pl aegir-maven-plugin exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.aegirmaven.aegir.platform.PlatformBuildBenchmark [-Dexec.args="--runs 5 --dir /tmp"]
 * </pre>
 * The platform: a generated Drupal-6-like core (1,200 files) and 40 modules (60 files each), about 3,600 files.
 */
public final class PlatformBuildBenchmark {

    private static final String[] WORDS = ("function return array if else foreach $node $form $items t( l( url("
                    + " db_query( variable_get( drush_log( 'title' '#type' TRUE FALSE NULL => -> ; , ( ) { } [ ]"
                    + " /** * @param @return */ site platform server task backup migrate verify")
            .split(" ");

    private PlatformBuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path dir = Paths.get(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length - 1; i += 2) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[i + 1]);
            } else if (args[i].equals("--dir")) {
                dir = Paths.get(args[i + 1]);
            }
        }
        Path work = Files.createTempDirectory(dir, "platform-bench");
        try {
            run(work, runs);
        } finally {
            Trees.deleteRecursively(work);
        }
    }

    private static void run(Path work, int runs) throws Exception {
        Random random = new Random(42);
        Path archives = Files.createDirectories(work.resolve("archives"));
        List<Path> modules = new ArrayList<>();
        Path core = archive(archives.resolve("drupal-6.38.tar.gz"), "drupal-6.38", 1200, random);
        StringBuilder make = new StringBuilder("core = 6.x\napi = 2\n");
        entry(make, "drupal", "core", core);
        for (int m = 0; m < 40; m++) {
            String name = "module" + m;
            Path module = archive(archives.resolve(name + "-6.x-1.0.tar.gz"), name, 60, random);
            modules.add(module);
            entry(make, name, "module", module);
        }
        Path lockFile = Files.writeString(work.resolve("platform.lock.make"), make.toString());
        LockedMakefile lock = LockedMakefile.read(lockFile);
        long bytes = 0;
        for (Path a : Files.list(archives).toList()) {
            bytes += Files.size(a);
        }
        Downloader downloader = new Downloader(
                DownloadSettings.builder().offline(true).log(BuildLog.NONE).build());
        PlatformBuilder builder =
                new PlatformBuilder(work.resolve("cache"), downloader, Optional.empty(), BuildLog.NONE);
        // Warm the cache (and the JIT, and the page cache) once; then time.
        builder.build(lock, work.resolve("warm"));
        tar(work.resolve("warm-tar"), core, modules);
        long[] plugin = new long[runs];
        long[] tar = new long[runs];
        for (int r = 0; r < runs; r++) {
            Path a = work.resolve("p" + r);
            long start = System.nanoTime();
            builder.build(lock, a);
            plugin[r] = System.nanoTime() - start;
            Path b = work.resolve("t" + r);
            start = System.nanoTime();
            tar(b, core, modules);
            tar[r] = System.nanoTime() - start;
            Trees.deleteRecursively(a);
            Trees.deleteRecursively(b);
        }
        double p = median(plugin) / 1e6;
        double t = median(tar) / 1e6;
        System.out.printf(
                Locale.ROOT,
                "Platform: core + %d modules, %d files, %.1f MB of archives%n",
                modules.size(),
                1200 + 60 * modules.size(),
                bytes / 1e6);
        System.out.printf(
                Locale.ROOT, "platform-build median of %d: %.1f ms %s%n", runs, p, Arrays.toString(ms(plugin)));
        System.out.printf(Locale.ROOT, "tar -xzf       median of %d: %.1f ms %s%n", runs, t, Arrays.toString(ms(tar)));
        System.out.printf(
                Locale.ROOT,
                "FIGURE | Platform build from a warm cache: `platform-build` / `tar -xzf` of the same archives, same"
                        + " layout | generated core (1,200 files) + %d modules, %d files, %.1f MB gzipped;"
                        + " platform-build"
                        + " also checks every sha256 and takes the tree digest; median of %d | %.0f ms / %.0f ms ="
                        + " **%.2f** (target <= 1.2)%n",
                modules.size(),
                1200 + 60 * modules.size(),
                bytes / 1e6,
                runs,
                p,
                t,
                p / t);
    }

    private static void tar(Path root, Path core, List<Path> modules) throws Exception {
        Files.createDirectories(root);
        exec("tar", "-xzf", core.toString(), "-C", root.toString(), "--strip-components=1");
        Path dest = Files.createDirectories(root.resolve("sites/all/modules"));
        for (Path module : modules) {
            exec("tar", "-xzf", module.toString(), "-C", dest.toString());
        }
    }

    private static void exec(String... command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException("Failed: " + String.join(" ", command));
        }
    }

    private static long[] ms(long[] nanos) {
        return Arrays.stream(nanos).map(n -> n / 1_000_000).toArray();
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void entry(StringBuilder make, String name, String type, Path archive) throws IOException {
        String p = "projects[" + name + "]";
        make.append(p).append("[type] = ").append(type).append('\n');
        make.append(p).append("[download][type] = get\n");
        make.append(p).append("[download][url] = ").append(archive.toUri()).append('\n');
        make.append(p)
                .append("[download][sha256] = ")
                .append(Sha256.of(archive))
                .append('\n');
    }

    private static Path archive(Path file, String top, int files, Random random) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 64 * 1024);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry topEntry = new TarArchiveEntry(top + "/");
            topEntry.setMode(040755);
            tar.putArchiveEntry(topEntry);
            tar.closeArchiveEntry();
            int perDir = 20;
            for (int i = 0; i < files; i++) {
                String sub = top + "/d" + (i / perDir) + "/";
                if (i % perDir == 0) {
                    TarArchiveEntry d = new TarArchiveEntry(sub);
                    d.setMode(040775);
                    tar.putArchiveEntry(d);
                    tar.closeArchiveEntry();
                }
                StringBuilder text = new StringBuilder("<?php\n");
                int words = 200 + random.nextInt(1600);
                for (int w = 0; w < words; w++) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(w % 12 == 11 ? '\n' : ' ');
                }
                byte[] content = text.toString().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry f = new TarArchiveEntry(sub + "f" + i + ".inc");
                f.setMode(0100664);
                f.setSize(content.length);
                tar.putArchiveEntry(f);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }
}
