package io.github.aegirmaven.aegir.makefile;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The make file as drush itself builds from it: the array its validation returns and its build works on
 * (drush_make 6.x-2.2 {@code drush_make_validate_info_file}, drush 5 and 6 {@code make_validate_info_file},
 * drush 8 {@code make_parse_info_file}), for the {@link MakeEngine} it was read with. Includes are merged, projects
 * dropped with {@code = FALSE} are gone, {@code projects[] = x} and {@code projects[x] = 1.5} are keyed arrays,
 * {@code core} is in the {@code 7.x} form ({@code core_release} keeps an exact {@code 7.61}), {@code api} is
 * there (drush sets 2 when the file has none), {@code defaults[…]} are applied and {@code [download] = URL} is
 * {@code [download][url]} where the engine does so, and the attributes the engine drops are gone.
 *
 * <p>Read it from {@link ValidationResult#normalized()}. When the result has errors, drush would stop at them:
 * the model is then what drush had made of the file up to that point.
 */
public final class NormalizedMakefile {

    private final MakeEngine engine;
    private final PhpArray info;

    NormalizedMakefile(MakeEngine engine, PhpArray info) {
        this.engine = engine;
        this.info = info;
    }

    /** The drush the make file was read as. */
    public MakeEngine engine() {
        return engine;
    }

    /** {@code core} as drush normalises it ({@code 6.x}, {@code 7.x}), or {@code null} when missing or malformed. */
    public String core() {
        Object core = info.get("core");
        return core instanceof String && ((String) core).matches("\\d+\\.x") ? (String) core : null;
    }

    /** The exact core release the file named ({@code core = 7.61} gives {@code 7.61}), or {@code null}. */
    public String coreRelease() {
        Object release = info.get("core_release");
        return release == null || release instanceof PhpArray ? null : Php.toPhpString(release);
    }

    /** {@code api} as PHP prints it: {@code 2} (drush's default when the file has none), or what the file says. */
    public String api() {
        Object api = info.get("api");
        return api instanceof PhpArray ? "Array" : Php.toPhpString(api);
    }

    /**
     * Every project, by name (sorted), to its attributes as drush holds them ({@code version}, {@code type},
     * {@code subdir}, {@code download} as a nested array, {@code patch}, …). Copies: changing them changes
     * nothing here. An entry drush cannot read as a project (an integer key, or not an array: reported as
     * {@code project-incorrect}) is left out.
     */
    public SortedMap<String, PhpArray> projects() {
        return items("projects");
    }

    /** Every library, by name (sorted), to its attributes ({@code download}, {@code destination}, …), as copies. */
    public SortedMap<String, PhpArray> libraries() {
        return items("libraries");
    }

    /** The file and line each project's definition came from, or {@code null} for an unknown name. */
    public Origin projectOrigin(String name) {
        PhpArray projects = info.array("projects");
        return projects == null ? null : projects.origin(name);
    }

    /** The whole array, in drush's key order, as a copy. */
    public PhpArray array() {
        return info.copy();
    }

    /** The array as PHP's {@code json_encode} structures it (the {@code makefile-validate} dump), pretty-printed. */
    public String toJson() {
        return io.github.aegirmaven.aegir.core.Json.pretty(info.toJsonValue());
    }

    private SortedMap<String, PhpArray> items(String type) {
        SortedMap<String, PhpArray> out = new TreeMap<>();
        PhpArray items = info.array(type);
        if (items != null) {
            for (Object name : items.keys()) {
                PhpArray item = items.array(name);
                if (item != null && name instanceof String) { // drush skips integer keys too
                    out.put((String) name, item.copy());
                }
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }
}
