package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.Finding;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.makefile.MakefileValidator;
import io.github.aegirmaven.aegir.makefile.NormalizedMakefile;
import io.github.aegirmaven.aegir.makefile.PhpArray;
import io.github.aegirmaven.aegir.makefile.Severity;
import io.github.aegirmaven.aegir.makefile.ValidationOptions;
import io.github.aegirmaven.aegir.makefile.ValidationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The projects and libraries of a make file as drush builds from it (includes merged, defaults applied, short forms
 * expanded: {@link NormalizedMakefile}), read through the {@code makefile} package. This is the one adapter between
 * that package's model and locking: attributes become plain maps of strings and maps.
 *
 * @param core the make file's core in drush's {@code N.x} form
 * @param projects by name, in the make file's order
 * @param libraries by name, in the make file's order
 */
public record MakeSource(
        String core, Map<String, Map<String, Object>> projects, Map<String, Map<String, Object>> libraries) {

    /**
     * Reads {@code makefile} as {@code engine} does.
     *
     * @throws UserFixableException when the file is missing or drush would refuse it (its errors listed)
     */
    public static MakeSource read(Path makefile, MakeEngine engine, Path baseDirectory)
            throws IOException, UserFixableException {
        ValidationOptions options = ValidationOptions.defaults()
                .withEngine(engine)
                .withHostmasterPlatform(false)
                .withWorkingDirectory(baseDirectory)
                .withDisplayBase(baseDirectory);
        ValidationResult result = new MakefileValidator().validate(makefile, options);
        List<String> errors = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.severity() == Severity.ERROR) {
                errors.add(f.toString());
            }
        }
        if (!errors.isEmpty() || result.normalized() == null) {
            throw new UserFixableException(makefile + " cannot be locked: drush would not build it ("
                    + (errors.isEmpty() ? "it is empty" : String.join("; ", errors))
                    + "). Run `mvn aegir:makefile-validate " + Setting.MAKEFILE.flag() + "=" + makefile
                    + "` and fix it first.");
        }
        return of(result.normalized());
    }

    /** From drush's own array ({@code projects[] = x} as {@code x: []}, or with an empty version under drush 7+). */
    static MakeSource of(NormalizedMakefile model) {
        String core = model.core() == null ? "" : model.core();
        return new MakeSource(
                core.split("\\.", 2)[0] + ".x", attributes(model.projects()), attributes(model.libraries()));
    }

    private static Map<String, Map<String, Object>> attributes(Map<String, PhpArray> items) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        items.forEach((name, attributes) -> {
            Map<String, Object> plain = plain(attributes);
            if (plain.get("version") instanceof String v && v.isBlank()) {
                plain.remove("version"); // drush 7+: projects[] = views is {version: ""}, the recommended release
            }
            result.put(name, plain);
        });
        return result;
    }

    /** Reads a make file that may not exist yet (an earlier locked make file): empty when it does not. */
    public static Optional<MakeSource> readIfPresent(Path makefile) throws IOException {
        if (!Files.isRegularFile(makefile)) {
            return Optional.empty();
        }
        try {
            ValidationResult result = new MakefileValidator()
                    .validate(makefile, ValidationOptions.defaults().withHostmasterPlatform(false));
            return result.normalized() == null ? Optional.empty() : Optional.of(of(result.normalized()));
        } catch (UserFixableException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> plain(PhpArray array) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Object key : array.keys()) {
            Object value = array.get(key);
            if (value instanceof PhpArray a) {
                map.put(key.toString(), plain(a));
            } else if (value instanceof String s) {
                map.put(key.toString(), s);
            } else if (Boolean.TRUE.equals(value)) {
                map.put(key.toString(), "1");
            }
        }
        return map;
    }
}
