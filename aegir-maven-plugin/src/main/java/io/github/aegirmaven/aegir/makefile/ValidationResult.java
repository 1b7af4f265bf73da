package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@link MakefileValidator#validate} found, and the make file as drush reads it. */
public final class ValidationResult {

    private final String makefile;
    private final MakeEngine engine;
    private final List<String> files;
    private final List<Finding> findings;
    private final PhpArray merged;
    private final NormalizedMakefile normalized;

    ValidationResult(
            String makefile,
            MakeEngine engine,
            List<String> files,
            List<Finding> findings,
            PhpArray merged,
            PhpArray validated) {
        this.makefile = makefile;
        this.engine = engine;
        this.files = List.copyOf(files);
        this.findings = List.copyOf(findings);
        this.merged = merged;
        this.normalized = validated == null ? null : new NormalizedMakefile(engine, validated);
    }

    /** The make file as shown in messages. */
    public String makefile() {
        return makefile;
    }

    public MakeEngine engine() {
        return engine;
    }

    /** Every make file read (the make file first, then its includes), as shown in messages. */
    public List<String> files() {
        return files;
    }

    /** The findings, by file (in reading order) and line. */
    public List<Finding> findings() {
        return findings;
    }

    /**
     * The merged array drush builds before validating it (includes merged), or {@code null} when drush
     * would read nothing (an empty file, or an unknown format).
     */
    public PhpArray merged() {
        return merged;
    }

    /**
     * The make file as drush builds from it, after its own validation has normalised the merged array, or
     * {@code null} when drush would read nothing. This is what {@link #mergedJson()} writes.
     */
    public NormalizedMakefile normalized() {
        return normalized;
    }

    public int errors() {
        return count(Severity.ERROR);
    }

    public int warnings() {
        return count(Severity.WARNING);
    }

    private int count(Severity s) {
        int n = 0;
        for (Finding f : findings) {
            if (f.severity() == s) {
                n++;
            }
        }
        return n;
    }

    /** {@code makefile-validate: 2 errors, 1 warning in 3 files}. */
    public String summary() {
        return "makefile-validate: " + plural(errors(), "error") + ", " + plural(warnings(), "warning") + " in "
                + plural(files.size(), "file");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /**
     * The make file as drush builds from it ({@link #normalized()}) as JSON, structured as PHP's
     * {@code json_encode} of drush's array; {@code false} when drush would read nothing.
     */
    public String mergedJson() {
        return normalized == null ? io.github.aegirmaven.aegir.core.Json.pretty(Boolean.FALSE) : normalized.toJson();
    }

    /**
     * The version of the JSON schema of {@link #report} and of the {@link #mergedJson()} dump beside it
     * (docs/json-reports.md). 2: the dump is drush's normalised array, no longer the raw merge.
     */
    public static final int REPORT_SCHEMA_VERSION = 2;

    /** The report: make file, engine, files, counts and every finding. */
    public Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schemaVersion", REPORT_SCHEMA_VERSION);
        r.put("makefile", makefile);
        r.put("engine", engine.name());
        r.put("engineDescription", engine.description());
        r.put("files", files);
        r.put("errors", errors());
        r.put("warnings", warnings());
        r.put("summary", summary());
        List<Object> list = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", f.origin().file());
            m.put("line", f.origin().line());
            m.put("severity", f.severity().label());
            m.put("rule", f.rule().id());
            m.put("message", f.message());
            list.add(m);
        }
        r.put("findings", list);
        return r;
    }
}
