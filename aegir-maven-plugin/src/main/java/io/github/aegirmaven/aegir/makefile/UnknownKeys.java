package io.github.aegirmaven.aegir.makefile;

import java.util.Set;

/**
 * The part of {@link DrushChecks} that names what drush ignores: unknown top-level keys, unknown project and library
 * attributes.
 */
final class UnknownKeys {

    private static final Set<String> TOP_LEVEL = Set.of(
            "core",
            "api",
            "projects",
            "libraries",
            "includes",
            "defaults",
            "translations",
            "options",
            "do_recursion",
            "core_release");
    private static final Set<String> TOP_LEVEL_7 = Set.of("overrides", "format");
    private static final Set<String> PROJECT_ATTRIBUTES = Set.of(
            "version",
            "type",
            "subdir",
            "location",
            "directory_name",
            "l10n_path",
            "l10n_url",
            "patch",
            "download",
            "overwrite",
            "translations",
            "do_recursion",
            "variant",
            "contrib_destination",
            "options",
            "destination",
            "install_path");
    private static final Set<String> LIBRARY_ATTRIBUTES = Set.of(
            "download",
            "destination",
            "subdir",
            "directory_name",
            "patch",
            "overwrite",
            "type",
            "contrib_destination",
            "contrib-destination",
            "do_recursion",
            "install_path");

    private final MakeEngine engine;
    private final Findings findings;

    private UnknownKeys(MakeEngine engine, Findings findings) {
        this.engine = engine;
        this.findings = findings;
    }

    static void check(PhpArray info, MakeEngine engine, Findings findings) {
        new UnknownKeys(engine, findings).check(info);
    }

    private void check(PhpArray info) {
        for (Object key : info.keys()) {
            String k = key.toString();
            if (TOP_LEVEL.contains(k) || (engine == MakeEngine.DRUSH_7_PLUS && TOP_LEVEL_7.contains(k))) {
                continue;
            }
            if (k.indexOf('\n') >= 0 || k.isBlank() || k.startsWith("\uFEFF")) {
                continue; // reported where it was read
            }
            String hint = k.startsWith("#")
                    ? "'#' does not start a comment in drush's INI format: this line is an assignment to the key \"" + k
                            + "\", which drush ignores. Start comment lines with ';'."
                    : "drush ignores the top-level key '" + k + "'. Check the spelling (known keys: core, api,"
                            + " projects, libraries, includes, defaults"
                            + (engine == MakeEngine.DRUSH_7_PLUS ? ", overrides" : "") + ").";
            findings.add(Rule.UNKNOWN_KEY, info.origin(key), hint);
        }
        attributes(info.array("projects"), PROJECT_ATTRIBUTES, "project");
        attributes(info.array("libraries"), LIBRARY_ATTRIBUTES, "library");
    }

    private void attributes(PhpArray items, Set<String> known, String kind) {
        if (items == null) {
            return;
        }
        for (Object name : items.keys()) {
            PhpArray item = items.array(name);
            if (item == null) {
                continue;
            }
            for (Object attribute : item.keys()) {
                if (!known.contains(attribute.toString())) {
                    findings.add(
                            Rule.UNKNOWN_ATTRIBUTE,
                            item.origin(attribute),
                            "drush does not use the " + kind
                                    + " attribute '" + attribute + "' of " + kind + " " + name
                                    + " and ignores it. Check"
                                    + " the spelling (e.g. version, type, subdir, download, patch).");
                }
            }
        }
    }
}
