package io.github.aegirmaven.aegir.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.aegirmaven.aegir.archive.SafeExtractor;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.io.file.PathUtils;

/**
 * Benchmark, not a unit test: compares {@link SafeExtractor} with {@code tar -xzf} on a generated
 * Drupal-platform-like archive (~20,000 files, ~60 MB unpacked) on the same disk, and shows that the
 * extractor's heap does not grow with the archive size.
 *
 * <p>Run after {@code ./mvnw -pl aegir-maven-plugin test-compile}:
 * <pre>
 * ./mvnw -q -pl aegir-maven-plugin exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.github.aegirmaven.aegir.bench.ExtractBenchmark [-Dexec.args="--runs 5 --dir /tmp"]
 * </pre>
 * It prints the median of 5 timed runs of each (after one warm-up run each), their ratio (target: at most
 * 1.2), and, for a 10 MB and the 60 MB archive, the peak live heap of a separate JVM started with
 * {@code -Xmx32m} that extracts it.
 */
public final class ExtractBenchmark {

    private static final FileTime TIME = FileTime.from(Instant.parse("2011-03-31T12:00:00Z"));
    private static final String[] WORDS = ("function return array if else foreach while switch case break continue"
                    + " $node $form $form_state $variables $output $items $account $user $db $query $result $row $key"
                    + " $value $element $context drupal_set_message t( l( url( check_plain( db_query( db_fetch_object("
                    + " module_invoke_all( variable_get( variable_set( drush_log( drush_get_option( provision_context("
                    + " hosting_add_task( theme( format_date( isset( empty( count( implode( explode("
                    + " sprintf( str_replace("
                    + " 'error' 'status' 'warning' 'success' TRUE FALSE NULL => -> :: ; , ( ) { } [ ] ="
                    + " == === != !== && ||"
                    + " /** * @param @return @see */ // 'title' 'description' 'type' 'weight' '#type'"
                    + " '#title' '#default_value'"
                    + " '#description' '#options' '#required' 'textfield' 'select' 'submit' 'fieldset' 'markup' 'value'"
                    + " site platform server task backup migrate clone verify install enable disable delete")
            .split(" ");

    private ExtractBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--heap-child")) {
            heapChild(Paths.get(args[1]), Paths.get(args[2]), args[3]);
            return;
        }
        if (args.length > 0 && args[0].equals("--generate")) { // for profiling: --generate FILE FILES MB
            generate(Paths.get(args[1]), Integer.parseInt(args[2]), Long.parseLong(args[3]) * 1000 * 1000, 1);
            return;
        }
        int runs = 5;
        int files = 20_000;
        long bytes = 60L * 1000 * 1000;
        Path base = Paths.get(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--files" -> files = Integer.parseInt(args[i + 1]);
                case "--mb" -> bytes = Long.parseLong(args[i + 1]) * 1000 * 1000;
                case "--dir" -> base = Paths.get(args[i + 1]);
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        Path work = Files.createTempDirectory(base, "aegir-extract-bench");
        try {
            run(work, runs, files, bytes);
        } finally {
            delete(work);
        }
    }

    private static void run(Path work, int runs, int files, long bytes) throws Exception {
        out("Generating archives in " + work + " ...");
        Path big = generate(work.resolve("platform-60mb.tar.gz"), files, bytes, 1);
        Path small = generate(work.resolve("platform-10mb.tar.gz"), files / 6, bytes / 6, 2);

        SafeExtractor extractor = new SafeExtractor();
        List<Long> safeTimes = new ArrayList<>();
        List<Long> tarTimes = new ArrayList<>();
        for (int i = 0; i <= runs; i++) { // run 0 warms up caches and the JIT; it is not counted
            boolean safeFirst = i % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean safe = (k == 0) == safeFirst;
                Path target = work.resolve("out-" + i + "-" + (safe ? "safe" : "tar"));
                long t0 = System.nanoTime();
                if (safe) {
                    extractor.extract(big, target, "platform");
                } else {
                    Files.createDirectories(target);
                    Process p = new ProcessBuilder("tar", "-xzf", big.toString(), "-C", target.toString())
                            .inheritIO()
                            .start();
                    if (p.waitFor() != 0) {
                        throw new IllegalStateException("tar failed");
                    }
                }
                long elapsed = System.nanoTime() - t0;
                if (i > 0) {
                    (safe ? safeTimes : tarTimes).add(elapsed);
                }
                if (i == 0 && safe) {
                    out("  check: " + countFiles(target) + " files extracted by SafeExtractor");
                }
                delete(target);
            }
        }
        double safeMedian = median(safeTimes) / 1e6;
        double tarMedian = median(tarTimes) / 1e6;
        out(String.format(
                Locale.ROOT,
                "Archive: %s, %d files, %.1f MB unpacked, %.1f MB compressed",
                big.getFileName(),
                files,
                bytes / 1e6,
                Files.size(big) / 1e6));
        out(String.format(
                Locale.ROOT, "SafeExtractor median of %d: %8.1f ms   runs %s", runs, safeMedian, ms(safeTimes)));
        out(String.format(
                Locale.ROOT, "tar -xzf      median of %d: %8.1f ms   runs %s", runs, tarMedian, ms(tarTimes)));
        out(String.format(Locale.ROOT, "ratio SafeExtractor / tar: %.2f (target <= 1.20)", safeMedian / tarMedian));

        out("Peak heap of a JVM with -Xmx32m extracting (live = used after GC; pool peak includes garbage):");
        for (Path archive : List.of(small, big)) {
            out("  " + archive.getFileName() + " (" + String.format(Locale.ROOT, "%.1f MB", Files.size(archive) / 1e6)
                    + " compressed): " + heapInChild(archive, work.resolve("heap-out"), "-Xmx32m"));
            delete(work.resolve("heap-out"));
        }
    }

    /** Generates a deterministic tree shaped like a Drupal platform: modules with includes, themes, scripts. */
    static Path generate(Path archive, int files, long totalBytes, long seed) throws IOException {
        Random random = new Random(seed);
        long average = totalBytes / files;
        Set<String> directories = new LinkedHashSet<>();
        try (OutputStream raw = Files.newOutputStream(archive);
                GZIPOutputStream gzip = new GZIPOutputStream(raw, 64 * 1024);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            addDirectory(tar, "platform", directories);
            long written = 0;
            for (int i = 0; i < files; i++) {
                int module = random.nextInt(Math.max(1, files / 40));
                String moduleDir =
                        (module % 7 == 0 ? "platform/themes/theme_" : "platform/sites/all/modules/module_") + module;
                String sub = switch (random.nextInt(6)) {
                    case 0 -> "/includes";
                    case 1 -> "/tests";
                    case 2 -> "/translations";
                    case 3 -> "/js";
                    default -> "";
                };
                String dir = moduleDir + sub;
                addParents(tar, dir, directories);
                String extension = switch (random.nextInt(8)) {
                    case 0 -> ".inc";
                    case 1 -> ".js";
                    case 2 -> ".css";
                    case 3 -> ".info";
                    case 4 -> ".sh";
                    default -> ".php";
                };
                long remaining = totalBytes - written;
                int size = (int) Math.max(16, Math.min(remaining / Math.max(1, files - i) * 2, (long)
                        (average * -Math.log(1 - random.nextDouble() * 0.999))));
                if (i == files - 1) {
                    size = (int) Math.max(16, remaining);
                }
                byte[] content = text(random, size);
                TarArchiveEntry entry = new TarArchiveEntry(dir + "/file_" + i + extension);
                entry.setMode(extension.equals(".sh") ? 0100775 : 0100664);
                entry.setSize(content.length);
                entry.setLastModifiedTime(TIME);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
                written += content.length;
            }
        }
        return archive;
    }

    private static void addParents(TarArchiveOutputStream tar, String dir, Set<String> directories) throws IOException {
        if (directories.contains(dir)) {
            return;
        }
        int slash = dir.lastIndexOf('/');
        if (slash > 0) {
            addParents(tar, dir.substring(0, slash), directories);
        }
        addDirectory(tar, dir, directories);
    }

    private static void addDirectory(TarArchiveOutputStream tar, String dir, Set<String> directories)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(dir + "/");
        entry.setMode(040775);
        entry.setLastModifiedTime(TIME);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
        directories.add(dir);
    }

    /** PHP-like text: words from a vocabulary, numbered identifiers, indentation and line breaks. */
    private static byte[] text(Random random, int size) {
        StringBuilder text = new StringBuilder(size + 64);
        text.append("<?php\n");
        int column = 0;
        while (text.length() < size) {
            if (column == 0) {
                text.append("  ".repeat(random.nextInt(4)));
            }
            String word = random.nextInt(10) == 0
                    ? "hosting_" + Integer.toString(random.nextInt(5000), 36)
                    : WORDS[random.nextInt(WORDS.length)];
            text.append(word);
            column += word.length() + 1;
            if (column > 60 + random.nextInt(30)) {
                text.append('\n');
                column = 0;
            } else {
                text.append(' ');
            }
        }
        text.setLength(size);
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String heapInChild(Path archive, Path target, String xmx) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java,
                        xmx,
                        "-cp",
                        childClasspath(),
                        ExtractBenchmark.class.getName(),
                        "--heap-child",
                        archive.toString(),
                        target.toString(),
                        "platform")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        return exit == 0 ? output : "FAILED (exit " + exit + "): " + output;
    }

    /** The code sources of this class, the extractor and commons-compress with its helpers. */
    private static String childClasspath() {
        Set<String> entries = new LinkedHashSet<>();
        for (String name : List.of(
                ExtractBenchmark.class.getName(),
                SafeExtractor.class.getName(),
                TarArchiveOutputStream.class.getName(),
                "org.apache.commons.io.IOUtils",
                "org.apache.commons.lang3.StringUtils",
                "org.apache.commons.codec.binary.Hex")) {
            try {
                Class<?> type = Class.forName(name);
                entries.add(Paths.get(type.getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .toString());
            } catch (ReflectiveOperationException | java.net.URISyntaxException | NullPointerException e) {
                // not needed at run time
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** In the child JVM: extract once while recording the heap after every GC and sampling it. */
    private static void heapChild(Path archive, Path target, String top) throws Exception {
        AtomicLong peakLive = new AtomicLong();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc)
                    .addNotificationListener(
                            (notification, handback) -> {
                                if (!notification
                                        .getType()
                                        .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                                    return;
                                }
                                GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                                        (CompositeData) notification.getUserData());
                                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                        .filter(e -> !e.getKey().contains("Metaspace")
                                                && !e.getKey().contains("Code")
                                                && !e.getKey().contains("Class"))
                                        .mapToLong(e -> e.getValue().getUsed())
                                        .sum();
                                peakLive.accumulateAndGet(used, Math::max);
                            },
                            null,
                            null);
        }
        System.gc();
        long baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        AtomicLong peakSampled = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                peakSampled.accumulateAndGet(heap.getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        new SafeExtractor().extract(archive, target, top);
        long elapsed = System.nanoTime() - t0;
        sampler.interrupt();
        System.gc();
        Thread.sleep(200); // let the last GC notification arrive
        long max = Runtime.getRuntime().maxMemory();
        System.out.printf(
                Locale.ROOT,
                "ok in %d ms; peak live heap %.1f MB (baseline %.1f MB), peak sampled heap"
                        + " %.1f MB, max heap %.0f MB, %d GCs%n",
                elapsed / 1_000_000,
                peakLive.get() / 1e6,
                baseline / 1e6,
                peakSampled.get() / 1e6,
                max / 1e6,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .mapToLong(GarbageCollectorMXBean::getCollectionCount)
                        .sum());
    }

    private static long countFiles(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }

    private static double median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String ms(List<Long> values) {
        return Arrays.toString(values.stream().mapToLong(v -> v / 1_000_000).toArray());
    }

    private static void delete(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(root);
        }
    }

    @SuppressWarnings("java:S106") // a benchmark prints its figures
    private static void out(String line) {
        System.out.println(line);
    }
}
