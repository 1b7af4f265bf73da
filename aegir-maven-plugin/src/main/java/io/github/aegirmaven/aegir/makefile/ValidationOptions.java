package io.github.aegirmaven.aegir.makefile;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * How to read and judge a make file. Immutable; each {@code with...} returns a changed copy.
 *
 * <p>Defaults: drush 7+ semantics, no aegirVersion, the Aegir rules only when the make file has a
 * hostmaster project, default rule severities, the current directory as working directory (for includes
 * drush 5+ look up there) and as the base of the paths shown, and no network for URL includes.
 */
public final class ValidationOptions {

    private final MakeEngine engine;
    private final String aegirVersion;
    private final Boolean hostmasterPlatform;
    private final RuleSettings rules;
    private final Path workingDirectory;
    private final Path displayBase;
    private final IncludeFetcher fetcher;

    private ValidationOptions(
            MakeEngine engine,
            String aegirVersion,
            Boolean hostmasterPlatform,
            RuleSettings rules,
            Path workingDirectory,
            Path displayBase,
            IncludeFetcher fetcher) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.aegirVersion = aegirVersion;
        this.hostmasterPlatform = hostmasterPlatform;
        this.rules = Objects.requireNonNull(rules, "rules");
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.displayBase = displayBase.toAbsolutePath().normalize();
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
    }

    public static ValidationOptions defaults() {
        Path cwd = Paths.get("").toAbsolutePath();
        return new ValidationOptions(
                MakeEngine.DRUSH_7_PLUS, null, null, RuleSettings.defaults(), cwd, cwd, IncludeFetcher.NONE);
    }

    public ValidationOptions withEngine(MakeEngine e) {
        return new ValidationOptions(
                e, aegirVersion, hostmasterPlatform, rules, workingDirectory, displayBase, fetcher);
    }

    /** The Aegir release (provision and hostmaster) the platform must match, e.g. {@code 6.x-1.0-rc3}. */
    public ValidationOptions withAegirVersion(String v) {
        String blank = v == null || v.isBlank() ? null : v.trim();
        return new ValidationOptions(engine, blank, hostmasterPlatform, rules, workingDirectory, displayBase, fetcher);
    }

    /** Whether the Aegir rules apply: true, false, or {@code null} for "when there is a hostmaster project". */
    public ValidationOptions withHostmasterPlatform(Boolean b) {
        return new ValidationOptions(engine, aegirVersion, b, rules, workingDirectory, displayBase, fetcher);
    }

    public ValidationOptions withRules(RuleSettings r) {
        return new ValidationOptions(
                engine, aegirVersion, hostmasterPlatform, r, workingDirectory, displayBase, fetcher);
    }

    public ValidationOptions withWorkingDirectory(Path dir) {
        return new ValidationOptions(engine, aegirVersion, hostmasterPlatform, rules, dir, displayBase, fetcher);
    }

    /** Paths under {@code base} are shown relative to it in messages. */
    public ValidationOptions withDisplayBase(Path base) {
        return new ValidationOptions(engine, aegirVersion, hostmasterPlatform, rules, workingDirectory, base, fetcher);
    }

    public ValidationOptions withFetcher(IncludeFetcher f) {
        return new ValidationOptions(engine, aegirVersion, hostmasterPlatform, rules, workingDirectory, displayBase, f);
    }

    public MakeEngine engine() {
        return engine;
    }

    public String aegirVersion() {
        return aegirVersion;
    }

    public Boolean hostmasterPlatform() {
        return hostmasterPlatform;
    }

    public RuleSettings rules() {
        return rules;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public IncludeFetcher fetcher() {
        return fetcher;
    }

    /** How {@code path} is shown in messages. */
    String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        return abs.startsWith(displayBase) && !abs.equals(displayBase)
                ? displayBase.relativize(abs).toString()
                : abs.toString();
    }
}
