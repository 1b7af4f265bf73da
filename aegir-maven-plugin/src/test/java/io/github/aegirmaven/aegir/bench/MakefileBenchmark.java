package io.github.aegirmaven.aegir.bench;

import io.github.aegirmaven.aegir.makefile.IniParser;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.makefile.MakefileValidator;
import io.github.aegirmaven.aegir.makefile.ValidationOptions;
import io.github.aegirmaven.aegir.makefile.ValidationResult;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parse-and-validate throughput for generated make files of 1k, 10k and 100k lines (about 45 bytes a
 * line: pinned projects[...] lines, a comment now and then). Warm, in-process. Not a unit test (surefire
 * runs *Test classes only); run it with
 *
 * <pre>
 * ./mvnw -B -q -pl aegir-maven-plugin test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * CLASSES=aegir-maven-plugin/target/test-classes:aegir-maven-plugin/target/classes
 * java -cp $CLASSES:$(cat aegir-maven-plugin/target/cp.txt) \
 *     io.github.aegirmaven.aegir.bench.MakefileBenchmark
 * </pre>
 *
 * Optional arguments: the engine (DRUSH_MAKE_2, DRUSH_5, DRUSH_7_PLUS; default DRUSH_7_PLUS) and the
 * number of timed runs per size (default 15; the median is printed).
 */
public final class MakefileBenchmark {

    private static final int[] SIZES = {1_000, 10_000, 100_000};

    public static void main(String[] args) throws Exception {
        MakeEngine engine = args.length > 0 ? MakeEngine.parse(args[0]) : MakeEngine.DRUSH_7_PLUS;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path dir = Files.createTempDirectory("makefile-bench");
        ValidationOptions options = ValidationOptions.defaults()
                .withEngine(engine)
                .withWorkingDirectory(dir)
                .withDisplayBase(dir)
                .withHostmasterPlatform(Boolean.FALSE);
        MakefileValidator validator = new MakefileValidator();
        Path[] files = new Path[SIZES.length];
        String[] texts = new String[SIZES.length];
        for (int i = 0; i < SIZES.length; i++) {
            texts[i] = generate(SIZES[i]);
            files[i] = dir.resolve("generated-" + SIZES[i] + ".make");
            Files.write(files[i], texts[i].getBytes(StandardCharsets.UTF_8));
        }
        // Warm up every size until the JIT has settled.
        long warmUntil = System.nanoTime() + 4_000_000_000L;
        while (System.nanoTime() < warmUntil) {
            for (int i = 0; i < SIZES.length; i++) {
                IniParser.parse(files[i].toString(), texts[i]);
                validator.validate(files[i], options);
            }
        }
        System.out.printf(Locale.ROOT, "engine %s, %d runs per size, median%n", engine, runs);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        System.out.printf(
                Locale.ROOT,
                "%8s %10s %10s %16s %12s %10s %18s %9s%n",
                "lines",
                "bytes",
                "parse ms",
                "parse+valid. ms",
                "(cpu ms)",
                "MB/s",
                "ms/1k lines (x1k)",
                "findings");
        double baseParse = 0;
        double baseFull = 0;
        for (int i = 0; i < SIZES.length; i++) {
            double[] parse = new double[runs];
            double[] full = new double[runs];
            double[] fullCpu = new double[runs];
            ValidationResult last = null;
            for (int r = 0; r < runs; r++) {
                long t0 = System.nanoTime();
                IniParser.parse(files[i].toString(), texts[i]);
                long t1 = System.nanoTime();
                long c1 = cpu.getCurrentThreadCpuTime();
                last = validator.validate(files[i], options);
                long c2 = cpu.getCurrentThreadCpuTime();
                long t2 = System.nanoTime();
                fullCpu[r] = (c2 - c1) / 1e6;
                parse[r] = (t1 - t0) / 1e6;
                full[r] = (t2 - t1) / 1e6;
            }
            double p = median(parse);
            double f = median(full);
            int bytes = texts[i].getBytes(StandardCharsets.UTF_8).length;
            double perK = f / (SIZES[i] / 1000.0);
            if (i == 0) {
                baseParse = p;
                baseFull = perK;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%8d %10d %10.2f %16.2f %12.2f %10.1f %11.3f (x%.2f) %9d%n",
                    SIZES[i],
                    bytes,
                    p,
                    f,
                    median(fullCpu),
                    bytes / 1e6 / (f / 1000.0),
                    perK,
                    perK / baseFull,
                    last.findings().size());
        }
        System.out.printf(
                Locale.ROOT,
                "(x...: time per 1k lines relative to the 1k-line file; 1.00 = linear;"
                        + " parse of 1k lines %.3f ms; cpu ms = this thread's CPU time, without GC threads)%n",
                baseParse);
    }

    /** A realistic make file of {@code lines} lines: core, api, then pinned projects and a few comments. */
    static String generate(int lines) {
        StringBuilder sb = new StringBuilder(lines * 46);
        sb.append("core = 7.x\napi = 2\n");
        int written = 2;
        int project = 0;
        while (written < lines) {
            if (project % 25 == 0 && written < lines) {
                sb.append("; Modules, group ").append(project / 25).append('\n');
                written++;
            }
            String name = String.format(Locale.ROOT, "module_%05d", project);
            String[] attributes = {
                "projects[" + name + "][version] = \"" + (1 + project % 4) + "." + (project % 37) + "\"",
                "projects[" + name + "][subdir] = \"contrib\"",
                "projects[" + name + "][type] = \"module\"",
            };
            for (String a : attributes) {
                if (written >= lines) {
                    break;
                }
                sb.append(a).append('\n');
                written++;
            }
            project++;
        }
        return sb.toString();
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
