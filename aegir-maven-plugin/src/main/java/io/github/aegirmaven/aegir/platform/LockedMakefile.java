package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.Finding;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.makefile.MakefileValidator;
import io.github.aegirmaven.aegir.makefile.PhpArray;
import io.github.aegirmaven.aegir.makefile.Severity;
import io.github.aegirmaven.aegir.makefile.ValidationOptions;
import io.github.aegirmaven.aegir.makefile.ValidationResult;
import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A locked make file (written by {@code makefile-lock}): every project and library a {@code get} download
 * with its URL and a SHA-256, read with the plugin's make file loader exactly as drush_make 6.x-2.2 reads it.
 *
 * @param file the make file
 * @param sha256 the SHA-256 of the make file's bytes: which lock a platform was built from
 * @param core the {@code core} attribute, e.g. {@code 6.x}
 * @param entries the projects, then the libraries, in the order they are built (core first, then by name)
 */
public record LockedMakefile(Path file, String sha256, String core, List<Entry> entries) {

    /** Checksum algorithms drush_make 6.x-2.2 verifies on {@code get} downloads, as in the make file. */
    public static final List<String> ALGORITHMS = List.of("md5", "sha1", "sha256", "sha512");

    private static final Set<String> TYPES = Set.of("core", "module", "theme", "profile");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final String RELOCK =
            " Run mvn aegir:makefile-lock to lock it again, and do not edit the" + " locked make file by hand.";

    /**
     * A download and the sums it must match.
     *
     * @param url where it comes from
     * @param checksums algorithm ({@link #ALGORITHMS}) to lower-case hex; always has {@code sha256}
     */
    public record Download(URI url, Map<String, String> checksums) {}

    /**
     * One project or library of the platform.
     *
     * @param name the project (or library) name
     * @param library whether it is a {@code libraries[...]} entry
     * @param type core, module, theme, profile; {@code library} for libraries
     * @param directory where its tree goes, relative to the platform root ({@code ""} for core)
     * @param download the archive
     * @param patches patches applied with {@code patch -p1} in its directory, in order
     */
    public record Entry(
            String name, boolean library, String type, String directory, Download download, List<Download> patches) {

        /** "project views" or "library jquery_ui", for messages. */
        public String display() {
            return (library ? "library " : "project ") + name;
        }
    }

    /**
     * Reads and checks a locked make file.
     *
     * @throws UserFixableException when the file is missing, drush would refuse it, or an entry is not locked
     *     (no {@code get} download with a SHA-256), naming the entry and what to do
     */
    public static LockedMakefile read(Path file) throws IOException, UserFixableException {
        requireFile(file);
        ValidationResult result = new MakefileValidator()
                .validate(
                        file,
                        ValidationOptions.defaults()
                                .withEngine(MakeEngine.DRUSH_MAKE_2)
                                .withHostmasterPlatform(false)
                                .withWorkingDirectory(file.toAbsolutePath().getParent()));
        List<String> errors = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (finding.severity() == Severity.ERROR) {
                errors.add(finding.toString());
            }
        }
        PhpArray info = result.merged();
        if (info == null) {
            errors.add(file + ": drush make finds no 'key = value' line in it.");
        }
        if (!errors.isEmpty()) {
            throw new UserFixableException(
                    "The locked make file (" + Setting.LOCKED_MAKEFILE.parameter() + ", "
                            + Setting.LOCKED_MAKEFILE.flag() + ") " + file + " is not one drush make"
                            + " would build:\n  " + String.join("\n  ", errors) + "\n" + RELOCK.trim(),
                    errors);
        }
        String sha = Sha256.of(file);
        String core = string(info.get("core"));
        List<Entry> entries = new ArrayList<>();
        PhpArray projects = info.get("projects") instanceof PhpArray p ? p : new PhpArray();
        for (Object key : projects.keys()) {
            entries.add(entry(file, String.valueOf(key), projects.get(key), false));
        }
        PhpArray libraries = info.get("libraries") instanceof PhpArray l ? l : new PhpArray();
        for (Object key : libraries.keys()) {
            entries.add(entry(file, String.valueOf(key), libraries.get(key), true));
        }
        requireCore(file, entries);
        entries.sort(Comparator.comparing((Entry e) -> !e.type().equals("core"))
                .thenComparing(Entry::library)
                .thenComparing(Entry::name));
        return new LockedMakefile(file, sha, core, List.copyOf(entries));
    }

    /** A missing locked make file is one makefile-lock has not written yet (or lockedMakefile points elsewhere). */
    private static void requireFile(Path file) throws UserFixableException {
        if (Files.isRegularFile(file)) {
            return;
        }
        String found = Files.isDirectory(file)
                ? "it is a directory"
                : Files.exists(file) ? "it is not a regular file" : "it does not exist";
        throw new UserFixableException(Setting.LOCKED_MAKEFILE + " " + file + ": expected the locked make file"
                + " to build the platform from, but " + found + ". Write it with `mvn aegir:makefile-lock "
                + Setting.MAKEFILE.flag() + "=platform.make` (from the platform's make file; it writes "
                + Setting.LOCKED_MAKEFILE.parameter() + "), or point " + Setting.LOCKED_MAKEFILE.flag()
                + " at the locked make file.");
    }

    /**
     * drush make builds a platform from exactly one core project (two are refused by the validator: core-twice).
     * makefile-lock locks a make file without one (drush make builds contrib-only make files with --no-core), so
     * locking again cannot help: the make file needs its core project.
     */
    private static void requireCore(Path file, List<Entry> entries) throws UserFixableException {
        if (entries.stream().noneMatch(e -> e.type().equals("core"))) {
            throw new UserFixableException("The locked make file " + file + " has no core project, but a platform"
                    + " needs exactly one (drush make: \"No core project specified.\"): the make file it was locked"
                    + " from builds only contributed projects. Add the core project to that make file (e.g."
                    + " projects[drupal][version] = 6.38) and run mvn aegir:makefile-lock again.");
        }
    }

    private static Entry entry(Path file, String name, Object value, boolean library) throws UserFixableException {
        String what = (library ? "library " : "project ") + name;
        String where = "The locked make file " + file + ": " + what;
        if (!NAME.matcher(name).matches()) {
            throw new UserFixableException(where + " has a name that is not a directory name." + RELOCK);
        }
        if (!(value instanceof PhpArray attributes)) {
            throw new UserFixableException(where + " is not locked: it has no [download] with a url and a sha256"
                    + " (found " + describe(value) + ")." + RELOCK);
        }
        String type = library ? "library" : string(attributes.get("type"));
        if (!library && !TYPES.contains(type)) {
            throw new UserFixableException(where + " has [type] = " + describe(attributes.get("type"))
                    + "; drush_make 6.x-2.2 builds core, module, theme and profile projects." + RELOCK);
        }
        Download download = download(where, attributes.get("download"), "[download]");
        List<Download> patches = new ArrayList<>();
        Object patch = attributes.get("patch");
        if (patch instanceof PhpArray list) {
            for (Object key : list.keys()) {
                patches.add(download(where, list.get(key), "[patch][" + key + "]"));
            }
        } else if (patch != null) {
            throw new UserFixableException(
                    where + " has a [patch] that is not a list of patches with a [url] and a" + " [sha256]." + RELOCK);
        }
        String directoryName = safe(where, "directory_name", attributes.get("directory_name"), name);
        String subdir = safe(where, "subdir", attributes.get("subdir"), "");
        String directory;
        if (type.equals("core")) {
            directory = "";
        } else {
            String base = switch (type) {
                case "module" -> "sites/all/modules";
                case "theme" -> "sites/all/themes";
                case "profile" -> safe(where, "destination", attributes.get("destination"), "profiles");
                default -> "sites/all/" + safe(where, "destination", attributes.get("destination"), "libraries");
            };
            directory = base + (subdir.isEmpty() ? "" : "/" + subdir) + "/" + directoryName;
        }
        return new Entry(name, library, type, directory, download, List.copyOf(patches));
    }

    private static Download download(String where, Object value, String attribute) throws UserFixableException {
        if (!(value instanceof PhpArray download)) {
            throw new UserFixableException(where + " is not locked: " + attribute + " should have [type] = get, a"
                    + " [url] and a [sha256], but is " + describe(value) + "." + RELOCK);
        }
        String type = string(download.get("type"));
        if (attribute.equals("[download]") && !type.equals("get") && !type.equals("file")) {
            String found = type.isEmpty() ? "no [type]" : "[type] = " + type;
            throw new UserFixableException(where + " is not locked as an archive: its [download] has " + found
                    + (type.equals("git")
                            ? " (revision " + describe(download.get("revision")) + "). platform-build builds only"
                                    + " get downloads verified by checksum; git checkouts are not supported yet:"
                                    + " point the project at a release tarball."
                            : "; platform-build needs [type] = get with a [url] and a [sha256].")
                    + RELOCK);
        }
        String url = string(download.get("url"));
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (url.isEmpty() || uri == null || uri.getScheme() == null) {
            throw new UserFixableException(where + " has " + attribute + "[url] = " + describe(download.get("url"))
                    + ", which is not an absolute URL." + RELOCK);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        for (String algorithm : ALGORITHMS) {
            Object sum = download.get(algorithm);
            if (sum == null) {
                continue;
            }
            String hex = string(sum).toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]+") || hex.length() != Checksums.hexLength(algorithm)) {
                throw new UserFixableException(where + " has " + attribute + "[" + algorithm + "] = "
                        + describe(sum) + ", which is not a " + algorithm + " sum (" + Checksums.hexLength(algorithm)
                        + " hex digits)." + RELOCK);
            }
            sums.put(algorithm, hex);
        }
        if (!sums.containsKey("sha256")) {
            throw new UserFixableException(where + " is not locked: " + attribute + " has no [sha256] for " + url
                    + ", so the download cannot be verified. Run mvn aegir:makefile-lock to lock it.");
        }
        return new Download(uri, Map.copyOf(sums));
    }

    /** A relative path attribute as drush make checks it: no leading /, no .. component. */
    private static String safe(String where, String attribute, Object value, String fallback)
            throws UserFixableException {
        if (value == null) {
            return fallback;
        }
        String path = string(value);
        List<String> parts = List.of(path.split("/", -1));
        if (path.isEmpty()
                || path.startsWith("/")
                || parts.contains("..")
                || parts.contains("")
                || parts.contains(".")
                || path.indexOf('\0') >= 0) {
            throw new UserFixableException(where + " has [" + attribute + "] = " + describe(value) + ": expected a"
                    + " relative path without '..', '.' or empty parts."
                    + " Fix it in the source make file and lock again.");
        }
        return path;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : value == null ? "" : String.valueOf(value);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        return value instanceof PhpArray ? "a list" : "'" + value + "'";
    }
}
