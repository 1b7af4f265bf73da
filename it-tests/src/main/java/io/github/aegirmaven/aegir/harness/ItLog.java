package io.github.aegirmaven.aegir.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * An IT's {@code build.log}, split into its Maven runs (invoker appends every invocation of
 * {@code invoker.goals.N} to the same file), with assertions whose failure shows only what the
 * plugin printed, not pages of Maven's own output.
 *
 * <pre>
 * def log = ItLog.of(basedir)
 * log.run(1).expect('Backend upgraded to drush 7.x-4.4')
 * log.run(2).expect('Nothing to do.').expectNot('Downloading')
 * </pre>
 */
public final class ItLog {

    private static final String RUN_START = "[INFO] Scanning for projects...";

    private final String text;
    private final List<Run> runs;

    private ItLog(String text) {
        this.text = text;
        List<Run> found = new ArrayList<>();
        int start = text.indexOf(RUN_START);
        while (start >= 0) {
            int next = text.indexOf(RUN_START, start + RUN_START.length());
            found.add(new Run(found.size() + 1, text.substring(start, next < 0 ? text.length() : next)));
            start = next;
        }
        this.runs = List.copyOf(found);
    }

    public static ItLog of(File basedir) throws IOException {
        return new ItLog(Files.readString(basedir.toPath().resolve("build.log"), StandardCharsets.UTF_8));
    }

    /** The whole log. */
    public String text() {
        return text;
    }

    /** The Maven runs, in order. */
    public List<Run> runs() {
        return runs;
    }

    /** Run {@code n}, counting from 1. */
    public Run run(int n) {
        if (n < 1 || n > runs.size()) {
            throw new AssertionError("build.log holds " + runs.size() + " Maven run(s), not run " + n);
        }
        return runs.get(n - 1);
    }

    /** The only run; fails when there are several. */
    public Run only() {
        if (runs.size() != 1) {
            throw new AssertionError("build.log holds " + runs.size() + " Maven runs, expected 1");
        }
        return runs.get(0);
    }

    /** One Maven run's part of the log. */
    public static final class Run {
        private final int number;
        private final String text;

        Run(int number, String text) {
            this.number = number;
            this.text = text;
        }

        public String text() {
            return text;
        }

        public boolean contains(String fragment) {
            return text.contains(fragment);
        }

        public boolean succeeded() {
            return text.contains("[INFO] BUILD SUCCESS");
        }

        public boolean failed() {
            return text.contains("[INFO] BUILD FAILURE");
        }

        /** Fails unless every fragment occurs in this run's log. */
        public Run expect(String... fragments) {
            for (String fragment : fragments) {
                if (!text.contains(fragment)) {
                    throw new AssertionError("Maven run " + number + " did not log:\n  " + fragment
                            + "\n--- what the plugin logged in run " + number + " ---\n" + pluginOutput());
                }
            }
            return this;
        }

        /** Fails if any fragment occurs in this run's log. */
        public Run expectNot(String... fragments) {
            for (String fragment : fragments) {
                if (text.contains(fragment)) {
                    throw new AssertionError("Maven run " + number + " logged what it must not:\n  " + fragment
                            + "\n--- what the plugin logged in run " + number + " ---\n" + pluginOutput());
                }
            }
            return this;
        }

        /** Fails unless the run ended with BUILD SUCCESS. */
        public Run expectSuccess() {
            if (!succeeded()) {
                throw new AssertionError(
                        "Maven run " + number + " did not succeed\n--- what the plugin logged ---\n" + pluginOutput());
            }
            return this;
        }

        /**
         * Fails unless the run ended with BUILD FAILURE for something the user can fix: a
         * {@code MojoFailureException}, which Maven tells from the unexpected {@code MojoExecutionException} only by
         * the help link it prints.
         */
        public Run expectFailure() {
            if (!failed()) {
                throw new AssertionError(
                        "Maven run " + number + " did not fail\n--- what the plugin logged ---\n" + pluginOutput());
            }
            if (!text.contains("MAVEN/MojoFailureException")) {
                throw new AssertionError("Maven run " + number + " failed, but not as something the user can fix"
                        + " (no MojoFailureException)\n--- what the plugin logged ---\n" + pluginOutput());
            }
            return this;
        }

        /**
         * The plugin's part: from the first {@code --- aegir:} mojo header to the end of the run, without
         * Maven's repository chatter (lines about downloads, checksums and their stack traces).
         */
        public String pluginOutput() {
            int start = text.indexOf("--- aegir:");
            String part = start < 0 ? text : text.substring(text.lastIndexOf('\n', start) + 1);
            StringBuilder out = new StringBuilder();
            boolean inTrace = false;
            for (String line : part.split("\n", -1)) {
                if (line.startsWith("[INFO] Download") || line.startsWith("[WARNING] Checksum validation failed")) {
                    continue;
                }
                if (line.startsWith("[WARNING] Could not validate integrity")) {
                    inTrace = true; // followed by the exception and its stack trace, none of them with a [LEVEL]
                    continue;
                }
                if (inTrace && !line.startsWith("[")) {
                    continue;
                }
                inTrace = false;
                out.append(line).append('\n');
            }
            return out.toString();
        }

        @Override
        public String toString() {
            return "run " + number;
        }
    }
}
