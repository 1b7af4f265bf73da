package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * drush's own validation of a parsed make file ({@code make_validate_info_file}), with drush's wording,
 * plus the checks drush makes only once the build has started that the make file alone can answer.
 * Returns the array as drush leaves it: projects filtered and expanded to {@code projects[name][...]}.
 */
final class DrushChecks {

    private static final Pattern CORE = Pattern.compile("^(\\d+)(\\.(x|(\\d+)(-[a-z0-9]+)?))?$", Pattern.UNIX_LINES);
    private static final Pattern UNSAFE_PATH = Pattern.compile("^/|^\\.\\.|/\\.\\./");
    static final Set<String> PROJECT_TYPES =
            Set.of("core", "module", "profile", "theme", "theme_engine", "translation", "library");
    /** drush's {@code DRUSH_MAKE_API} / {@code MAKE_API}. */
    static final Long MAKE_API = 2L;

    private final MakeEngine engine;
    private final Findings findings;
    private final Origin fileOrigin;

    private DrushChecks(MakeEngine engine, Findings findings, String topFile) {
        this.engine = engine;
        this.findings = findings;
        this.fileOrigin = new Origin(topFile, 0);
    }

    static PhpArray validate(PhpArray merged, String topFile, MakeEngine engine, Findings findings) {
        // Copy on write: the merged array stays as drush read it; only what validation changes is copied.
        return new DrushChecks(engine, findings, topFile).run(merged.shallowCopy());
    }

    private PhpArray run(PhpArray info) {
        core(info);
        api(info);
        projects(info);
        libraries(info);
        if (engine == MakeEngine.DRUSH_7_PLUS) {
            downloadShorthand(info, "projects");
            downloadShorthand(info, "libraries");
        }
        if (engine != MakeEngine.DRUSH_MAKE_2) {
            defaults(info);
        }
        UnknownKeys.check(info, engine, findings);
        projectTypes(info);
        return info;
    }

    private void core(PhpArray info) {
        Object core = info.get("core");
        if (Php.isEmpty(core)) {
            String found = info.containsKey("core") ? "found core = " + describe(core) : "found no core line";
            for (Object key : info.keys()) {
                if (key instanceof String && ((String) key).startsWith("\uFEFF")) {
                    found += "; the first line is read as " + io.github.aegirmaven.aegir.core.Json.quote((String) key)
                            + " because of the byte order mark";
                }
            }
            findings.add(
                    Rule.CORE_REQUIRED,
                    info.containsKey("core") ? info.origin("core") : fileOrigin,
                    "The 'core' attribute is required (" + found + "). Add a line with the Drupal major version the"
                            + " platform is built for, such as core = 6.x (Aegir 1.x's hostmaster) or core = 7.x.");
            return;
        }
        String text = core instanceof PhpArray ? "Array" : Php.toPhpString(core);
        Matcher m = CORE.matcher(text);
        if (!(core instanceof PhpArray) && m.find()) {
            Origin o = info.origin("core");
            if (m.group(4) != null) {
                info.put("core_release", core, o);
            }
            info.replaceValue("core", m.group(1) + ".x", o);
            return;
        }
        findings.add(
                Rule.CORE_FORMAT,
                info.origin("core"),
                "The 'core' attribute " + text
                        + " has an incorrect format. Expected the Drupal major version (6.x, 7.x or 7) or an exact core"
                        + " release (7.61); fix the core line.");
    }

    private void api(PhpArray info) {
        Object api = info.get("api");
        if (api == null) {
            findings.add(
                    Rule.API_MISSING,
                    fileOrigin,
                    "You need to specify an API version of two in your"
                            + " makefile: api = 2 (found no api line; drush assumes 2). Add the line api = 2.");
            // Every engine then sets $info['api'] = 2 (an integer) itself.
            info.put("api", MAKE_API, fileOrigin);
        } else if (!Php.looseEquals(api, MAKE_API)) {
            findings.add(
                    Rule.API_VERSION,
                    info.origin("api"),
                    "The specified API attribute is incompatible with" + " this version of Drush Make (found api = "
                            + describe(api) + ", expected api = 2). Set api = 2.");
        }
    }

    private void projects(PhpArray info) {
        if (info.get("projects") == null) {
            return;
        }
        Object value = info.get("projects");
        Origin origin = info.origin("projects");
        if (!(value instanceof PhpArray)) {
            findings.add(
                    Rule.PROJECTS_ARRAY,
                    origin,
                    "'projects' attribute must be an array (found projects = " + describe(value)
                            + "). Write projects[name][version] = ... lines.");
            return;
        }
        PhpArray projects = filter((PhpArray) value);
        info.replaceValue("projects", projects, origin);
        Map<String, Origin> names = new LinkedHashMap<>();
        PhpArray snapshot = projects.shallowCopy();
        for (Object key : snapshot.keys()) {
            Object data = snapshot.get(key);
            Origin o = snapshot.origin(key);
            if (key instanceof String && data instanceof PhpArray) {
                twice((String) key, o, names);
                PhpArray attributes = (PhpArray) data;
                for (Object attribute : attributes.keys()) {
                    if (attribute.equals("contrib_destination") && engine != MakeEngine.DRUSH_7_PLUS) {
                        PhpArray changed = projects.array(key).shallowCopy();
                        changed.remove(attribute);
                        projects.replaceValue(key, changed, o);
                    } else if (isPathAttribute(attribute, false)) {
                        safePath(attributes, attribute, "project", (String) key);
                    }
                }
            } else if (Php.isNumeric(key) && data instanceof String) {
                twice((String) data, o, names);
                projects.remove(key);
                projects.put(data, new PhpArray(), o);
            } else if (data instanceof String) {
                twice(key.toString(), o, names);
                PhpArray expanded = new PhpArray();
                expanded.put("version", data, o);
                projects.put(key, expanded, o);
            } else {
                findings.add(
                        Rule.PROJECT_INCORRECT,
                        o,
                        "Project " + key + " incorrectly specified (found projects["
                                + key + "] = " + describe(data) + "). Write projects[] = name, projects[name] = version"
                                + " or projects[name][attribute] = value.");
            }
        }
    }

    private void twice(String name, Origin at, Map<String, Origin> names) {
        Origin first = names.get(name);
        if (first == null && Php.isNumeric(name)) {
            for (Map.Entry<String, Origin> e : names.entrySet()) {
                if (Php.looseEquals(e.getKey(), name)) {
                    first = e.getValue();
                }
            }
        }
        if (first != null) {
            findings.add(
                    Rule.PROJECT_TWICE,
                    at,
                    "Project " + name + " defined twice (remove the first projects[] = " + name
                            + "). The first definition is at " + first + "; keep one of them.");
        } else {
            names.put(name, at);
        }
    }

    private boolean isPathAttribute(Object attribute, boolean library) {
        if (attribute.equals("directory_name")) {
            return true;
        }
        if (library) {
            return attribute.equals(engine == MakeEngine.DRUSH_7_PLUS ? "contrib_destination" : "contrib-destination");
        }
        return attribute.equals("subdir")
                || (engine == MakeEngine.DRUSH_7_PLUS && attribute.equals("contrib_destination"));
    }

    private void safePath(PhpArray attributes, Object attribute, String kind, String name) {
        Object v = attributes.get(attribute);
        if (v instanceof PhpArray) {
            return; // PHP cannot match an array; drush does not object
        }
        String path = Php.toPhpString(v);
        if (UNSAFE_PATH.matcher(path).find()) {
            findings.add(
                    Rule.ILLEGAL_PATH,
                    attributes.origin(attribute),
                    "Illegal path " + path + " for '"
                            + attribute + "' attribute in " + kind + " " + name + ". Expected a path inside the build"
                            + " (not starting with / or .., no /../); use a relative path such as contrib.");
        }
    }

    private void libraries(PhpArray info) {
        if (info.get("libraries") == null) {
            return;
        }
        Object value = info.get("libraries");
        Origin origin = info.origin("libraries");
        if (!(value instanceof PhpArray)) {
            findings.add(
                    Rule.LIBRARIES_ARRAY,
                    origin,
                    "'libraries' attribute must be an array (found libraries = " + describe(value)
                            + "). Write libraries[name][download][url] = ... lines.");
            return;
        }
        PhpArray libraries = filter((PhpArray) value);
        info.replaceValue("libraries", libraries, origin);
        for (Object key : libraries.shallowCopy().keys()) {
            Object data = libraries.get(key);
            if (!(data instanceof PhpArray)) {
                continue;
            }
            PhpArray attributes = (PhpArray) data;
            for (Object attribute : attributes.keys()) {
                if (attribute.equals("contrib_destination")) {
                    attributes = attributes.shallowCopy();
                    attributes.remove(attribute);
                    libraries.replaceValue(key, attributes, libraries.origin(key));
                } else if (isPathAttribute(attribute, true)) {
                    safePath(attributes, attribute, "library", key.toString());
                }
            }
        }
    }

    /** {@code array_filter}: drops entries drush treats as false, as {@code projects[x] = FALSE} intends. */
    private static PhpArray filter(PhpArray array) {
        PhpArray out = new PhpArray();
        for (Object k : array.keys()) {
            Object v = array.get(k);
            if (!Php.isEmpty(v)) {
                out.put(k, v, array.origin(k));
            }
        }
        return out;
    }

    private static void downloadShorthand(PhpArray info, String type) {
        PhpArray items = info.array(type);
        if (items == null) {
            return;
        }
        for (Object name : items.keys()) {
            PhpArray item = items.array(name);
            if (item != null && item.get("download") instanceof String && !Php.isEmpty(item.get("download"))) {
                PhpArray download = new PhpArray();
                download.put("url", item.get("download"), item.origin("download"));
                PhpArray changed = item.shallowCopy();
                changed.replaceValue("download", download, item.origin("download"));
                items.replaceValue(name, changed, items.origin(name));
            }
        }
    }

    /**
     * {@code make_apply_defaults}: {@code defaults[projects][subdir] = contrib} under every project. drush 5 and 6
     * add the defaults with PHP's {@code +=} (keys the project lacks, at its end) and then drop {@code defaults};
     * drush 7 and later overlay them recursively ({@code _drush_array_overlay_recursive}: the defaults first, the
     * project's own values over them) and, from drush 8, keep {@code defaults}.
     */
    private void defaults(PhpArray info) {
        PhpArray defaults = info.array("defaults");
        if (defaults == null) {
            return;
        }
        boolean overlay = engine == MakeEngine.DRUSH_7_PLUS;
        if (!overlay) {
            info.remove("defaults");
        }
        for (Object type : defaults.keys()) {
            PhpArray defaultData = defaults.array(type);
            if (info.get(type) == null) {
                findings.add(
                        Rule.UNKNOWN_KEY,
                        defaults.origin(type),
                        "Unknown attribute '" + type + "' in defaults"
                                + " array: there is no " + type
                                + "[] in the make file, so drush ignores these defaults."
                                + " Use defaults[projects] or defaults[libraries].");
                continue;
            }
            PhpArray items = info.array(type);
            if (defaultData == null || items == null) {
                continue;
            }
            items = items.shallowCopy();
            info.replaceValue(type, items, info.origin(type));
            for (Object name : items.keys()) {
                PhpArray item = items.array(name);
                if (item != null) {
                    PhpArray withDefaults = overlay ? overlay(defaultData, item) : addMissing(item, defaultData);
                    items.replaceValue(name, withDefaults, items.origin(name));
                }
            }
        }
    }

    /** PHP's {@code $item += $defaults}: the keys {@code item} lacks, appended, nothing merged deeper. */
    private static PhpArray addMissing(PhpArray item, PhpArray defaults) {
        PhpArray out = item.copy();
        for (Object key : defaults.keys()) {
            if (!out.containsKey(key)) {
                Object v = defaults.get(key);
                out.put(key, v instanceof PhpArray ? ((PhpArray) v).copy() : v, defaults.origin(key));
            }
        }
        return out;
    }

    /**
     * drush's {@code _drush_array_overlay_recursive($a, $b)}: {@code b}'s values over {@code a}'s, arrays under
     * both merged; unlike {@code array_replace_recursive}, an array in {@code a} is kept when {@code b} has a
     * scalar there (PHP warns that it cannot loop over the scalar and returns {@code a}'s array).
     */
    static PhpArray overlay(PhpArray a, PhpArray b) {
        PhpArray out = a.copy();
        for (Object key : b.keys()) {
            Object mine = out.get(key);
            Object theirs = b.get(key);
            if (!(mine instanceof PhpArray)) {
                out.put(key, theirs instanceof PhpArray ? ((PhpArray) theirs).copy() : theirs, b.origin(key));
            } else if (theirs instanceof PhpArray) {
                out.put(key, overlay((PhpArray) mine, (PhpArray) theirs), b.origin(key));
            }
        }
        return out;
    }

    /** Checks drush makes during the build that the file alone answers: project types, one core project. */
    private void projectTypes(PhpArray info) {
        PhpArray projects = info.array("projects");
        if (projects == null) {
            return;
        }
        List<String> cores = new ArrayList<>();
        Origin second = null;
        for (Object name : projects.keys()) {
            PhpArray project = projects.array(name);
            if (project == null) {
                continue;
            }
            Object type = project.get("type");
            if (type instanceof String && !PROJECT_TYPES.contains(type)) {
                findings.add(
                        Rule.PROJECT_TYPE,
                        project.origin("type"),
                        "Non-existent project type " + type
                                + " on project " + name
                                + ". Expected one of core, module, profile, theme, theme_engine,"
                                + " translation, library.");
            }
            if (isCore(name.toString(), project)) {
                cores.add(name + " (" + projects.origin(name) + ")");
                if (cores.size() == 2) {
                    second = projects.origin(name);
                }
            }
        }
        if (cores.size() > 1) {
            findings.add(
                    Rule.CORE_TWICE,
                    second,
                    "More than one core project specified: " + String.join(", ", cores)
                            + ". Keep exactly one core project.");
        }
    }

    /** A core project: declared {@code type = core}, or drupal.org's {@code drupal} left untyped. */
    static boolean isCore(String name, PhpArray project) {
        Object type = project.get("type");
        return "core".equals(type) || (type == null && name.equals("drupal"));
    }

    static String describe(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "TRUE" : "FALSE";
        }
        if (v instanceof PhpArray) {
            return "an array";
        }
        return "\"" + IniParser.snippet(Php.toPhpString(v)) + "\"";
    }
}
