package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code makefile} service: reads a drush make file and its includes exactly as the chosen drush
 * would, runs drush's own validation with drush's wording, and adds reproducibility and Aegir rules. Every
 * finding names the file and line its value came from.
 */
public final class MakefileValidator {

    /**
     * Validates {@code makefile}. Problems in the make file are findings in the result; a make file that
     * does not exist, or bad options, are a {@link UserFixableException}; failing to read a file that
     * exists is an {@link IOException}.
     */
    public ValidationResult validate(Path makefile, ValidationOptions options)
            throws IOException, UserFixableException {
        Findings findings = new Findings(options.rules());
        MakefileLoader.Loaded loaded = new MakefileLoader(options, findings).load(makefile);
        PhpArray validated = null;
        if (loaded.info() != null) {
            validated = DrushChecks.validate(loaded.info(), loaded.topFile(), options.engine(), findings);
            PinChecks.check(validated, findings);
            AegirChecks.check(validated, loaded.topFile(), options, findings);
        }
        List<Finding> sorted = new ArrayList<>(findings.list());
        List<String> files = loaded.files();
        sorted.sort(Comparator.<Finding>comparingInt(
                        f -> fileIndex(files, f.origin().file()))
                .thenComparingInt(f -> f.origin().line()));
        return new ValidationResult(loaded.topFile(), options.engine(), files, sorted, loaded.info(), validated);
    }

    private static int fileIndex(List<String> files, String file) {
        int i = files.indexOf(file);
        return i < 0 ? files.size() : i;
    }
}
