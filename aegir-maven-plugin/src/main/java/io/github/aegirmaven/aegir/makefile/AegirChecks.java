package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.Setting;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A make file for the hostmaster platform must build Drupal core and the hostmaster profile at the
 * release the backend (provision) has, or frontend and backend drift apart. Aegir 6.x-1.x and 7.x-3.x
 * pin hostmaster as a profile by git tag; 6.x-2.x as a {@code core} distribution by version.
 */
final class AegirChecks {

    private static final Pattern AEGIR_MAJOR = Pattern.compile("(\\d+)\\.x-.*");
    private static final Pattern FULL_VERSION = Pattern.compile("\\d+\\.x-.*");

    private AegirChecks() {}

    static void check(PhpArray validated, String topFile, ValidationOptions options, Findings findings) {
        PhpArray projects = validated.array("projects");
        PhpArray hostmaster = projects == null ? null : projects.array("hostmaster");
        boolean applies = options.hostmasterPlatform() != null ? options.hostmasterPlatform() : hostmaster != null;
        if (!applies) {
            return;
        }
        Origin file = new Origin(topFile, 0);
        String aegirVersion = options.aegirVersion();
        boolean hasCore = false;
        if (projects != null) {
            for (Object name : projects.keys()) {
                PhpArray p = projects.array(name);
                if (p != null && DrushChecks.isCore(name.toString(), p)) {
                    hasCore = true;
                }
            }
        }
        if (!hasCore) {
            findings.add(
                    Rule.CORE_MISSING,
                    file,
                    "this hostmaster platform make file builds no Drupal core: the"
                            + " platform hostmaster-migrate makes from it would have no Drupal to run on. Add"
                            + " projects[drupal][type] = core with an exact projects[drupal][version].");
        }
        if (hostmaster == null) {
            findings.add(
                    Rule.HOSTMASTER_MISSING,
                    file,
                    "this make file is checked as the hostmaster platform"
                            + " (hostmasterPlatform), but it has no project 'hostmaster': the platform would have no"
                            + " Aegir frontend. Add projects[hostmaster][type] = profile with"
                            + " [download][type] = git and"
                            + " [download][tag] = " + (aegirVersion == null ? "<aegirVersion>" : aegirVersion)
                            + " (Aegir 6.x-1.x, 7.x-3.x), or set hostmasterPlatform to false if this is not a platform"
                            + " make file.");
        } else {
            hostmaster(hostmaster, projects.origin("hostmaster"), validated, aegirVersion, file, findings);
        }
        coreMajor(validated, aegirVersion, findings);
        findings.add(
                Rule.AEGIR_UNCHECKED,
                file,
                "not checked: which release drupal.org's release history gives"
                        + " for a version that is not exact, and whether each pinned release, tag and"
                        + " URL exists; only a"
                        + " drush run can tell.");
    }

    private static void hostmaster(
            PhpArray hostmaster,
            Origin origin,
            PhpArray validated,
            String aegirVersion,
            Origin file,
            Findings findings) {
        Object typeValue = hostmaster.get("type");
        String type = typeValue == null ? null : Php.toPhpString(typeValue).toLowerCase(Locale.ROOT);
        if (type != null && !type.equals("profile") && !type.equals("core")) {
            findings.add(
                    Rule.HOSTMASTER_TYPE,
                    hostmaster.origin("type"),
                    "project hostmaster has type " + type
                            + ", so drush would not install it as the platform's install profile. Expected"
                            + " projects[hostmaster][type] = profile (Aegir 6.x-1.x, 7.x-3.x) or core (the 6.x-2.x"
                            + " distribution).");
        }
        compare(pin(hostmaster, origin, validated), aegirVersion, findings);
        if ("core".equals(type)) {
            findings.add(
                    Rule.AEGIR_UNCHECKED,
                    origin,
                    "not checked: the hostmaster distribution tarball's own"
                            + " contents (the contrib modules it bundles).");
        } else {
            findings.add(
                    Rule.AEGIR_UNCHECKED,
                    origin,
                    "not checked: the make file inside the hostmaster profile"
                            + " (hostmaster.make or drupal-org.make), which drush builds recursively after downloading"
                            + " hostmaster; the contrib modules it pins depend on that release.");
        }
    }

    /** How the make file pins hostmaster: the release it builds (null when that does not show), how, and where. */
    private record Pin(String release, String how, Origin at) {}

    private static Pin pin(PhpArray hostmaster, Origin origin, PhpArray validated) {
        PhpArray download = hostmaster.array("download");
        if (download != null && !download.isEmpty()) {
            if (!Php.isEmpty(download.get("tag"))) {
                return new Pin(Php.toPhpString(download.get("tag")).trim(), "[download][tag]", download.origin("tag"));
            } else if (!Php.isEmpty(download.get("revision"))) {
                return new Pin(
                        null,
                        "the git revision " + Php.toPhpString(download.get("revision")),
                        download.origin("revision"));
            } else if (!Php.isEmpty(download.get("branch"))) {
                return new Pin(
                        null, "the git branch " + Php.toPhpString(download.get("branch")), download.origin("branch"));
            }
            return new Pin(null, "a download with no tag", origin);
        }
        Object v = hostmaster.get("version");
        String version = v == null ? "" : Php.toPhpString(v).trim();
        if (version.isEmpty() || version.toLowerCase(Locale.ROOT).contains("-dev")) {
            return new Pin(
                    null,
                    version.isEmpty() ? "no version (drush takes the newest release)" : "the snapshot " + version,
                    origin);
        }
        Object core = validated.get("core");
        String release = FULL_VERSION.matcher(version).matches() || core == null
                ? version
                : Php.toPhpString(core) + "-" + version;
        return new Pin(release, "[version]", hostmaster.origin("version"));
    }

    /** The release hostmaster is pinned to against aegirVersion, the backend's release. */
    private static void compare(Pin pin, String aegirVersion, Findings findings) {
        String release = pin.release();
        String how = pin.how();
        Origin at = pin.at();
        if (release == null) {
            findings.add(
                    Rule.HOSTMASTER_VERSION_UNKNOWN,
                    at,
                    "hostmaster is pinned by " + how + ", which does not"
                            + " show which release it builds, so it cannot be compared with "
                            + (aegirVersion == null ? "aegirVersion" : "aegirVersion " + aegirVersion) + ". Pin"
                            + " projects[hostmaster][download][tag] (or [version] for the 6.x-2.x distribution) to "
                            + (aegirVersion == null ? "the Aegir release" : aegirVersion) + ".");
        } else if (aegirVersion == null) {
            findings.add(
                    Rule.AEGIR_UNCHECKED,
                    at,
                    "aegirVersion is not set, so hostmaster " + release
                            + " was not compared with the backend's release. Set aegirVersion ("
                            + Setting.VERSION.property() + ").");
        } else if (!release.equals(aegirVersion.trim())) {
            findings.add(
                    Rule.HOSTMASTER_VERSION_MISMATCH,
                    at,
                    "hostmaster is pinned to " + release + " (" + how
                            + ") but aegirVersion is " + aegirVersion + ": the frontend built from this make file would"
                            + " not match the backend (provision " + aegirVersion + "). Pin hostmaster to "
                            + aegirVersion
                            + ", or set aegirVersion to " + release + " if that is the release you upgrade to.");
        }
    }

    private static void coreMajor(PhpArray validated, String aegirVersion, Findings findings) {
        if (aegirVersion == null) {
            return;
        }
        Matcher m = AEGIR_MAJOR.matcher(aegirVersion.trim());
        Object core = validated.get("core");
        if (!m.matches() || !(core instanceof String) || !((String) core).matches("\\d+\\.x")) {
            return;
        }
        String expected = m.group(1) + ".x";
        if (!expected.equals(core)) {
            findings.add(
                    Rule.AEGIR_CORE_MISMATCH,
                    validated.origin("core"),
                    "core is " + core + " but aegirVersion "
                            + aegirVersion + " is an Aegir release for Drupal " + m.group(1)
                            + ": its hostmaster does not run"
                            + " on Drupal " + ((String) core).replace(".x", "") + ". Set core = " + expected + ".");
        }
    }
}
