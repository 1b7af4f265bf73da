package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a make file and its includes and merges them the way the chosen {@link MakeEngine} does, into
 * the array drush would hand to its validation.
 */
final class MakefileLoader {

    /** What was read: drush's merged array ({@code null} when drush gets nothing) and the files read. */
    record Loaded(PhpArray info, List<String> files, String topFile) {}

    /** A make file location: a local path or a URL. */
    private record Location(Path path, URI uri, String display) {
        String key() {
            return path != null ? path.toAbsolutePath().normalize().toString() : uri.toString();
        }
    }

    // drush's make_valid_url($url, TRUE), close enough: scheme, optional user info, host, port, path.
    private static final Pattern ABSOLUTE_URL = Pattern.compile("(?i)^(?:ftp|https?)://"
            + "(?:(?:[\\w.\\-+!$&'()*,;=]|%[0-9a-f]{2})+(?::(?:[\\w.\\-+%!$&'()*,;=]|%[0-9a-f]{2})*)?@)?"
            + "(?:(?:[a-z0-9\\-.]|%[0-9a-f]{2})+|\\[(?:[0-9a-f]{0,4}:)*[0-9a-f]{0,4}\\])"
            + "(?::[0-9]+)?(?:[/?](?:[\\w#!:.?+=&@$'~*,;/()\\[\\]\\-]|%[0-9a-f]{2})*)?$");

    private final ValidationOptions options;
    private final Findings findings;
    private final MakeEngine engine;
    private final Set<String> files = new LinkedHashSet<>();
    private final Map<String, String> fetchedTexts = new HashMap<>();
    // drush_make 2 / drush 5: when the make file has no includes, its first parse is the final one.
    private PhpArray topInfo;
    private Findings topFindings;

    MakefileLoader(ValidationOptions options, Findings findings) {
        this.options = options;
        this.findings = findings;
        this.engine = options.engine();
    }

    Loaded load(Path makefile) throws IOException, UserFixableException {
        if (!Files.isRegularFile(makefile)) {
            throw new UserFixableException(Setting.MAKEFILE + " " + makefile + " is not a readable file."
                    + (Files.isDirectory(makefile) ? " It is a directory." : " It does not exist.")
                    + " Point it at the make file the platform is built from, e.g. " + Setting.MAKEFILE.flag()
                    + "=aegir.make");
        }
        Location top = new Location(makefile, null, options.display(makefile));
        Deque<String> stack = new ArrayDeque<>();
        PhpArray info;
        if (engine == MakeEngine.DRUSH_7_PLUS) {
            info = parseFile(top, null, stack);
        } else {
            SourceText data = data(top, null, stack);
            if (data == null) {
                info = null;
            } else if (topInfo != null) {
                findings.addAll(topFindings);
                info = topInfo;
            } else {
                info = IniParser.parse(data, findings);
            }
        }
        return new Loaded(info, new ArrayList<>(files), top.display());
    }

    // ---- drush_make 6.x-2.x and drush 5/6: texts glued together, parsed again ----

    private SourceText data(Location loc, Origin from, Deque<String> stack) throws IOException {
        String text = read(loc);
        if (Php.isEmpty(text)) {
            reportEmpty(loc, from, "it is empty");
            return null;
        }
        SourceText src = SourceText.of(loc.display(), text);
        if (isYamlName(loc) || Formats.hasCoreColonLine(text)) {
            findings.add(
                    Rule.YAML_UNSUPPORTED,
                    from != null ? from : new Origin(loc.display(), 0),
                    loc.display() + " is a YAML make file, but YAML make files need drush 7 or later; "
                            + engine.description() + " read it as INI and find nothing useful in it. Write it in INI"
                            + " format (core = 7.x, projects[views][version] = 3.20) or build with drush 7 or later.");
        }
        Findings quirks = from == null ? findings.scratch() : null;
        PhpArray info = IniParser.parse(src, quirks);
        if (info.isEmpty()) {
            reportEmpty(loc, from, "no line of it is a 'key = value' assignment");
            return null;
        }
        Object includes = info.get("includes");
        if (Php.isEmpty(includes)) {
            if (from == null) {
                topInfo = info;
                topFindings = quirks;
            }
            return src;
        }
        stack.push(loc.key());
        List<SourceText> parts = new ArrayList<>();
        if (includes instanceof PhpArray) {
            PhpArray list = (PhpArray) includes;
            for (Object key : list.keys()) {
                Object include = list.get(key);
                if (!(include instanceof String)) {
                    continue; // drush skips anything but a string
                }
                Origin at = list.origin(key);
                Location resolved = resolve((String) include, loc, at);
                if (resolved == null || cycle(resolved, at, stack)) {
                    continue;
                }
                SourceText included = data(resolved, at, stack);
                if (included != null) {
                    parts.add(included);
                }
            }
        }
        stack.pop();
        parts.add(src);
        return SourceText.join(parts);
    }

    // ---- drush 7 and later: each file parsed, merged with array_replace_recursive ----

    private PhpArray parseFile(Location loc, Origin from, Deque<String> stack) throws IOException {
        String text = read(loc);
        if (Php.isEmpty(text)) {
            reportEmpty(loc, from, "it is empty");
            return null;
        }
        PhpArray info = determineFormat(loc, text, from);
        if (info == null) {
            return null;
        }
        stack.push(loc.key());
        info = mergeIncludes(info, loc, "includes", stack);
        info = mergeIncludes(info, loc, "overrides", stack);
        stack.pop();
        return info;
    }

    /** drush 8's {@code _make_determine_format}: YAML on a {@code core:} line, INI on {@code core =}, else try. */
    private PhpArray determineFormat(Location loc, String text, Origin from) {
        String file = loc.display();
        Origin fileOrigin = new Origin(file, 0);
        if (Formats.hasCoreColonLine(text)) {
            return yamlWithCore(file, text, from, fileOrigin);
        }
        if (Formats.hasCoreEqualsLine(text)) {
            PhpArray info = IniParser.parse(SourceText.of(file, text), findings);
            info.put("format", "ini", fileOrigin);
            return info;
        }
        // No core attribute (an included file): YAML first, then INI.
        YamlParser.SyntaxError yamlError = null;
        Findings yamlFindings = findings.scratch();
        try {
            Object parsed = YamlParser.parse(file, text, yamlFindings);
            if (parsed instanceof PhpArray && !((PhpArray) parsed).isEmpty()) {
                findings.addAll(yamlFindings);
                ((PhpArray) parsed).put("format", "yaml", fileOrigin);
                return (PhpArray) parsed;
            }
        } catch (YamlParser.SyntaxError e) {
            yamlError = e;
        }
        PhpArray info = IniParser.parse(SourceText.of(file, text), null);
        if (!info.isEmpty()) {
            info = IniParser.parse(SourceText.of(file, text), findings);
            info.put("format", "ini", fileOrigin);
            return info;
        }
        if (yamlError != null) {
            findings.add(
                    Rule.UNKNOWN_FORMAT,
                    new Origin(file, yamlError.line),
                    "YAML syntax error: "
                            + yamlError.getMessage() + " (" + file
                            + " has no 'core' line and no INI assignment, so drush"
                            + " tries it as YAML). Fix the YAML or write the file as INI.");
        } else {
            findings.add(
                    Rule.UNKNOWN_FORMAT,
                    from != null ? from : fileOrigin,
                    "Unknown make file format: " + file
                            + " is neither a YAML mapping nor INI 'key = value' lines. Write core = 7.x and"
                            + " projects[...] lines, or the YAML equivalent.");
        }
        return null;
    }

    /** A file with a {@code core:} line, which drush reads as YAML: it must be a YAML mapping. */
    private PhpArray yamlWithCore(String file, String text, Origin from, Origin fileOrigin) {
        try {
            Object parsed = YamlParser.parse(file, text, findings);
            if (parsed instanceof PhpArray) {
                ((PhpArray) parsed).put("format", "yaml", fileOrigin);
                return (PhpArray) parsed;
            }
            findings.add(
                    Rule.UNKNOWN_FORMAT,
                    from != null ? from : fileOrigin,
                    file + " has a 'core:' line, so"
                            + " drush reads it as YAML, but it is not a YAML mapping. Write it as 'core: 7.x' and"
                            + " 'projects:' mappings.");
        } catch (YamlParser.SyntaxError e) {
            findings.add(
                    Rule.UNKNOWN_FORMAT,
                    new Origin(file, e.line),
                    "YAML syntax error: " + e.getMessage() + " (drush reads " + file
                            + " as YAML because it has a 'core:' line). Fix the YAML.");
        }
        return null;
    }

    private PhpArray mergeIncludes(PhpArray info, Location loc, String element, Deque<String> stack)
            throws IOException {
        Object value = info.get(element);
        if (!Php.isEmpty(value) && value instanceof PhpArray) {
            PhpArray includes = ((PhpArray) value).copy();
            for (Object key : includes.keys()) {
                Object include = includes.get(key);
                Origin at = includes.origin(key);
                if (Php.isEmpty(include)) {
                    continue;
                }
                if (include instanceof PhpArray) {
                    findings.add(
                            Rule.INCLUDE_UNCHECKED,
                            at,
                            element + "[" + key + "] is a make file drush"
                                    + " checks out of a git repository (" + describeGitInclude((PhpArray) include)
                                    + "); this"
                                    + " goal does not clone repositories, so what it adds is not checked. Include a"
                                    + " local copy to have it checked.");
                    continue;
                }
                if (!(include instanceof String)) {
                    findings.add(
                            Rule.INCLUDE_MISSING,
                            at,
                            "Cannot determine include file location: "
                                    + Php.toPhpString(include) + " (" + element + "[" + key
                                    + "] must be a path or URL)."
                                    + " drush stops the build here.");
                    continue;
                }
                Location resolved = resolve((String) include, loc, at);
                if (resolved == null || cycle(resolved, at, stack)) {
                    continue;
                }
                PhpArray sub = parseFile(resolved, at, stack);
                if (sub == null) {
                    continue;
                }
                info = element.equals("overrides") ? info.replaceRecursive(sub) : sub.replaceRecursive(info);
                PhpArray current = info.array(element);
                if (current != null) {
                    current.remove(key);
                }
            }
        }
        normalize(info);
        return info;
    }

    private static String describeGitInclude(PhpArray include) {
        PhpArray download = include.array("download");
        Object url = download == null ? null : download.get("url");
        return "makefile " + Php.toPhpString(include.get("makefile")) + (url == null ? "" : " from " + url);
    }

    /**
     * drush 7+'s {@code make_normalize_info}: {@code projects[] = name} becomes {@code projects[name]} with
     * an empty version, {@code projects[name] = 1.6} becomes {@code projects[name][version] = 1.6}.
     */
    private void normalize(PhpArray info) {
        Object value = info.get("projects");
        if (!(value instanceof PhpArray)) {
            return;
        }
        PhpArray projects = (PhpArray) value;
        PhpArray snapshot = projects.shallowCopy();
        for (Object key : snapshot.keys()) {
            Object project = snapshot.get(key);
            Origin origin = snapshot.origin(key);
            if (Php.isNumeric(key) && project instanceof String) {
                projects.remove(key);
                Object existing = projects.get(project);
                if (existing instanceof PhpArray && hasMoreThanEmptyVersion((PhpArray) existing)) {
                    findings.add(
                            Rule.PROJECT_REDEFINED,
                            origin,
                            "Project " + project + " is defined twice: projects[] = "
                                    + project + " replaces projects[" + project + "] from " + projects.origin(project)
                                    + " with an empty definition. " + engine.description() + " accept this silently"
                                    + " and lose " + attributeList((PhpArray) existing) + "; this plugin's rule"
                                    + " project-redefined refuses it. Remove projects[] = " + project + ".");
                }
                PhpArray expanded = new PhpArray();
                expanded.put("version", "", origin);
                projects.put(project, expanded, origin);
            }
            if (key instanceof String && Php.isNumeric(project)) {
                PhpArray expanded = new PhpArray();
                expanded.put("version", project, origin);
                projects.put(key, expanded, origin);
            }
        }
    }

    private static boolean hasMoreThanEmptyVersion(PhpArray project) {
        for (Object k : project.keys()) {
            if (!(k.equals("version") && Php.isEmpty(project.get(k)))) {
                return true;
            }
        }
        return false;
    }

    private static String attributeList(PhpArray project) {
        List<String> names = new ArrayList<>();
        for (Object k : project.keys()) {
            names.add("[" + k + "]");
        }
        return String.join(", ", names);
    }

    // ---- shared ----

    /** Finds an include as drush does: URL, then next to the including file, then (drush 5+) the working directory. */
    private Location resolve(String include, Location parent, Origin at) throws IOException {
        List<String> tried = new ArrayList<>();
        if (ABSOLUTE_URL.matcher(include).matches()) {
            try {
                URI uri = new URI(include);
                return fetched(uri);
            } catch (URISyntaxException e) {
                tried.add(include + " (not a URL Java can fetch: " + e.getReason() + ")");
            } catch (UserFixableException e) {
                tried.add(e.getMessage());
            }
        }
        if (parent.path() != null) {
            Path dir = parent.path().toAbsolutePath().getParent();
            // drush concatenates dirname($makefile) . '/' . $include; an absolute include is not found there.
            Path candidate = Paths.get(dir.toString() + "/" + include).normalize();
            if (!include.startsWith("/") && Files.isRegularFile(candidate)) {
                return new Location(candidate, null, options.display(candidate));
            }
            tried.add(options.display(candidate) + " (next to " + parent.display() + ")");
        } else {
            tried.add("next to " + parent.display()
                    + " (drush does not resolve relative includes of a downloaded make file)");
        }
        if (engine != MakeEngine.DRUSH_MAKE_2) {
            Path candidate = options.workingDirectory().resolve(include).normalize();
            if (Files.isRegularFile(candidate)) {
                return new Location(candidate, null, options.display(candidate));
            }
            tried.add(options.display(candidate) + " (in the working directory)");
        }
        String tail = engine == MakeEngine.DRUSH_7_PLUS
                ? " drush 7+ then stops with \"Cannot determine include file location\"."
                : "";
        findings.add(
                Rule.INCLUDE_MISSING,
                at,
                "Include file missing: " + include + " (looked for: " + String.join("; ", tried) + ")." + tail
                        + " Fix the path or URL in includes[].");
        return null;
    }

    private Location fetched(URI uri) throws IOException, UserFixableException {
        String text = options.fetcher().fetch(uri);
        Location loc = new Location(null, uri, uri.toString());
        fetchedTexts.put(uri.toString(), text);
        return loc;
    }

    private String read(Location loc) throws IOException {
        files.add(loc.display());
        if (loc.path() == null) {
            return fetchedTexts.get(loc.uri().toString());
        }
        return new String(Files.readAllBytes(loc.path()), StandardCharsets.UTF_8);
    }

    private boolean cycle(Location loc, Origin at, Deque<String> stack) {
        if (!stack.contains(loc.key())) {
            return false;
        }
        findings.add(
                Rule.INCLUDE_CYCLE,
                at,
                loc.display() + " is already being read when it is included here;"
                        + " drush would include it again and again until PHP runs out of memory. Remove this include.");
        return true;
    }

    private void reportEmpty(Location loc, Origin from, String why) {
        String tail = from != null && engine != MakeEngine.DRUSH_7_PLUS
                ? " drush then also reports \"Include file missing\"."
                : "";
        findings.add(
                Rule.EMPTY_FILE,
                from != null ? from : new Origin(loc.display(), 0),
                "Invalid or empty make file: " + loc.display() + " (" + why + ")." + tail
                        + " Expected at least core = 7.x and api = 2.");
    }

    private static boolean isYamlName(Location loc) {
        String name = loc.display().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".yml") || name.endsWith(".yaml");
    }
}
