package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Json;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * aegir:makefile-validate: reads a make file as the drush that will build it does, logs every finding, writes
 * drush's merged array and a report as JSON, and fails on errors (and, when asked, on warnings).
 */
public final class ValidationRun {

    /**
     * What the goal was asked to check.
     *
     * @param makefile the make file to check
     * @param drushVersion the drush that will build the platform; decides how includes merge
     * @param aegirVersion the Aegir release hostmaster must match; may be null
     * @param makeEngine overrides the merge semantics chosen from {@code drushVersion}
     * @param rules rule severities by rule, applied first
     * @param ruleList rule severities as a list, applied after {@code rules}
     * @param hostmasterPlatform whether the Aegir rules apply; null: when the make file has a hostmaster project
     * @param failOnWarning fail on warnings too
     * @param baseDirectory the project's directory: relative includes and the paths shown are read from it
     * @param reportDirectory where the reports go
     * @param jsonOutput where drush's merged array goes; default {@code <reportDirectory>/<make file name>.json}
     * @param offline no network: http(s) includes are not fetched
     * @param proxies the proxies http(s) includes are fetched through
     */
    public record Settings(
            Path makefile,
            String drushVersion,
            String aegirVersion,
            Optional<String> makeEngine,
            Map<String, String> rules,
            String ruleList,
            Boolean hostmasterPlatform,
            boolean failOnWarning,
            Path baseDirectory,
            Path reportDirectory,
            Optional<Path> jsonOutput,
            boolean offline,
            List<ProxySpec> proxies) {}

    private final Settings s;
    private final BuildLog log;

    public ValidationRun(Settings settings, BuildLog log) {
        this.s = settings;
        this.log = log;
    }

    public void run() throws UserFixableException, IOException {
        ValidationOptions options = ValidationOptions.defaults()
                .withEngine(engine())
                .withAegirVersion(s.aegirVersion())
                .withHostmasterPlatform(s.hostmasterPlatform())
                .withRules(RuleSettings.fromParameters(s.rules(), s.ruleList()))
                .withWorkingDirectory(s.baseDirectory())
                .withDisplayBase(s.baseDirectory())
                .withFetcher(new HttpIncludeFetcher(
                        s.offline(), Duration.ofSeconds(30), s.proxies(), Duration.ofSeconds(1)));
        log.info("Checking " + s.makefile() + " as " + options.engine().description() + " reads it"
                + (s.aegirVersion() == null ? "" : ", for Aegir " + s.aegirVersion()));
        ValidationResult result;
        try {
            result = new MakefileValidator().validate(s.makefile(), options);
        } catch (IOException e) {
            throw new IOException("makefile-validate could not read " + s.makefile() + ": " + e.getMessage(), e);
        }
        for (Finding f : result.findings()) {
            switch (f.severity()) {
                case ERROR -> log.error(f.toString());
                case WARNING -> log.warn(f.toString());
                default -> log.info(f.toString());
            }
        }
        Path reports = writeReports(result);
        if (result.errors() > 0) {
            log.error(result.summary());
            throw new UserFixableException(
                    result.summary() + ": fix the errors listed above (report: " + reports + ").");
        }
        if (result.warnings() == 0) {
            log.info(result.summary());
            return;
        }
        log.warn(result.summary());
        if (s.failOnWarning()) {
            throw new UserFixableException(
                    result.summary() + ", and failOnWarning (" + Setting.FAIL_ON_WARNING.property() + ") is true:"
                            + " fix the warnings listed above, or turn rules off with " + Setting.RULE_LIST.property()
                            + " (report: "
                            + reports + ").");
        }
    }

    private MakeEngine engine() throws UserFixableException {
        if (s.makeEngine().filter(e -> !e.isBlank()).isPresent()) {
            return MakeEngine.parse(s.makeEngine().get());
        }
        if (s.drushVersion() != null && !s.drushVersion().isBlank()) {
            return MakeEngine.forDrushVersion(s.drushVersion());
        }
        log.info("drushVersion (" + Setting.DRUSH_VERSION.property()
                + ") is not set: reading the make file as drush 7 and later do."
                + " Set it to the drush that builds the platform (e.g. 7.x-4.4), or set "
                + Setting.MAKE_ENGINE.property() + ".");
        return MakeEngine.DRUSH_7_PLUS;
    }

    private Path writeReports(ValidationResult result) throws IOException {
        Path dir = s.reportDirectory();
        Path json = s.jsonOutput().orElse(dir.resolve(s.makefile().getFileName() + ".json"));
        Path report = dir.resolve("makefile-validate.json");
        try {
            Files.createDirectories(dir);
            if (json.toAbsolutePath().getParent() != null) {
                Files.createDirectories(json.toAbsolutePath().getParent());
            }
            Files.write(json, (result.mergedJson() + "\n").getBytes(StandardCharsets.UTF_8));
            Files.write(report, (Json.pretty(result.report()) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException(
                    "makefile-validate could not write its reports to " + dir + ": " + e.getMessage()
                            + ". Check that the directory is writable or set " + Setting.REPORT_DIRECTORY.property()
                            + ".",
                    e);
        }
        log.info("Merged make file as drush reads it: " + json);
        log.info("Report: " + report);
        return report;
    }
}
