package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.makefile.HttpIncludeFetcher;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.makefile.MakefileValidator;
import io.github.aegirmaven.aegir.makefile.RuleSettings;
import io.github.aegirmaven.aegir.makefile.Severity;
import io.github.aegirmaven.aegir.makefile.ValidationOptions;
import io.github.aegirmaven.aegir.makefile.ValidationResult;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The make file check hostmaster-migrate and upgrade run before anything changes: makefile-validate's rules for a
 * hostmaster platform, read as the pinned drush reads make files. Warnings are logged; errors are returned.
 */
public final class MakefileChecks {

    private MakefileChecks() {}

    /**
     * What the user set for makefile-validate, which applies to the make file given to drush too: the engine
     * (empty: from drushVersion), rule severities, and whether warnings fail the build.
     */
    public record Settings(
            Optional<String> makeEngine, RuleSettings rules, boolean failOnWarning, List<ProxySpec> proxies) {
        public static Settings defaults() {
            return new Settings(Optional.empty(), RuleSettings.defaults(), false, List.of());
        }
    }

    public static HostmasterMigration.MakefileCheck forMigration(
            String drushVersion, String aegirVersion, boolean offline, Settings settings, BuildLog log) {
        // One build checks the same file more than once (before the backend moves, then before drush runs):
        // read it once, and say its warnings once.
        Map<Path, List<String>> checked = new HashMap<>();
        return makefile -> {
            Path key = makefile.toAbsolutePath().normalize();
            List<String> known = checked.get(key);
            if (known != null) {
                return known;
            }
            ValidationOptions options = ValidationOptions.defaults()
                    .withHostmasterPlatform(true)
                    .withRules(settings.rules())
                    .withFetcher(new HttpIncludeFetcher(
                            offline, Duration.ofSeconds(30), settings.proxies(), Duration.ofSeconds(1)));
            if (aegirVersion != null) {
                options = options.withAegirVersion(aegirVersion);
            }
            if (settings.makeEngine().filter(e -> !e.isBlank()).isPresent()) {
                options = options.withEngine(
                        MakeEngine.parse(settings.makeEngine().get()));
            } else if (drushVersion != null) {
                options = options.withEngine(MakeEngine.forDrushVersion(drushVersion));
            }
            ValidationResult result = new MakefileValidator().validate(makefile, options);
            result.findings().stream()
                    .filter(f -> f.severity() == Severity.WARNING)
                    .forEach(f -> log.warn(f.toString()));
            List<String> errors = result.findings().stream()
                    .filter(f -> f.severity() == Severity.ERROR
                            || (settings.failOnWarning() && f.severity() == Severity.WARNING))
                    .map(f -> f.severity() == Severity.WARNING
                            ? f + " (failOnWarning, " + Setting.FAIL_ON_WARNING.flag() + ", is set)"
                            : f.toString())
                    .collect(Collectors.toList());
            if (errors.isEmpty()) {
                log.info("Make file " + makefile + " passes makefile-validate (" + result.summary() + ").");
            }
            checked.put(key, errors);
            return errors;
        };
    }
}
