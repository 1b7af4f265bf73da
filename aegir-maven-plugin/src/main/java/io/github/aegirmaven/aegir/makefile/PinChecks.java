package io.github.aegirmaven.aegir.makefile;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reproducibility: whether building the make file twice gives the same code. drush accepts all of these;
 * each makes the build depend on the day it runs or on a server's goodwill.
 */
final class PinChecks {

    private static final Pattern MAJOR_ONLY = Pattern.compile("(\\d+\\.x-)?\\d+(\\.x)?");
    private static final String[] CHECKSUMS = {"md5", "sha1", "sha256", "sha512"};

    private final Findings findings;
    private final String coreMajor;

    private PinChecks(Findings findings, String coreMajor) {
        this.findings = findings;
        this.coreMajor = coreMajor;
    }

    static void check(PhpArray validated, Findings findings) {
        Object core = validated.get("core");
        String major =
                core instanceof String && ((String) core).matches("\\d+\\.x") ? ((String) core).replace(".x", "") : "N";
        PinChecks checks = new PinChecks(findings, major);
        PhpArray projects = validated.array("projects");
        if (projects != null) {
            for (Object name : projects.keys()) {
                PhpArray project = projects.array(name);
                if (project != null) {
                    checks.project(name.toString(), project, projects.origin(name));
                }
            }
        }
        PhpArray libraries = validated.array("libraries");
        if (libraries != null) {
            for (Object name : libraries.keys()) {
                PhpArray library = libraries.array(name);
                if (library == null) {
                    continue;
                }
                PhpArray download = library.array("download");
                if (download != null && !download.isEmpty()) {
                    checks.download("library", name.toString(), download, libraries.origin(name));
                }
                checks.patches("library", name.toString(), library, libraries.origin(name));
            }
        }
    }

    private void project(String name, PhpArray project, Origin origin) {
        PhpArray download = project.array("download");
        if (download != null && !download.isEmpty()) {
            download("project", name, download, origin);
        } else {
            version(name, project, origin);
        }
        patches("project", name, project, origin);
    }

    private void version(String name, PhpArray project, Origin projectOrigin) {
        boolean core = DrushChecks.isCore(name, project);
        Object v = project.get("version");
        Origin at = project.origin("version") != null ? project.origin("version") : projectOrigin;
        String version = v == null ? "" : Php.toPhpString(v).trim();
        if (version.isEmpty() || version.equals("best")) {
            if (core) {
                findings.add(
                        Rule.CORE_NOT_EXACT,
                        at,
                        "Drupal core (project " + name + ") has no version: drush"
                                + " downloads the newest core release on the day of the build. Pin the"
                                + " exact release you"
                                + " tested: projects[" + name + "][version] = " + coreMajor + ".<minor>.");
            } else {
                findings.add(
                        Rule.UNPINNED_PROJECT,
                        at,
                        "project " + name + " has no version: drush downloads"
                                + " whatever release drupal.org recommends on the day of the build. Pin"
                                + " the exact release"
                                + " you tested: projects[" + name + "][version] = <major>.<minor> (without the "
                                + coreMajor
                                + ".x- prefix).");
            }
        } else if (version.toLowerCase(Locale.ROOT).contains("-dev")) {
            findings.add(
                    Rule.DEV_VERSION,
                    at,
                    "project " + name + " is pinned to the development snapshot " + version
                            + ", whose code changes from day to day. Pin a release instead (no -dev).");
        } else if (MAJOR_ONLY.matcher(version).matches()) {
            findings.add(
                    core ? Rule.CORE_NOT_EXACT : Rule.UNPINNED_PROJECT,
                    at,
                    (core ? "Drupal core (project " + name + ")" : "project " + name) + " has version " + version
                            + ", which names only a major"
                            + " version: drush takes the newest " + version
                            + " release on the day of the build. Pin the"
                            + " exact release you tested (" + (core ? coreMajor + ".<minor>" : "<major>.<minor>")
                            + ").");
        }
    }

    private void download(String kind, String name, PhpArray download, Origin origin) {
        Origin at = origin;
        String type = lower(download.get("type"));
        Object url = download.get("url");
        if (type.isEmpty()) {
            boolean git = present(download, "tag")
                    || present(download, "branch")
                    || present(download, "revision")
                    || present(download, "refspec")
                    || lower(url).endsWith(".git");
            type = git ? "git" : url != null ? "file" : "";
        }
        if (download.origin("type") != null) {
            at = download.origin("type");
        }
        switch (type) {
            case "git":
                gitPin(kind, name, download, at);
                return;
            case "file":
            case "get":
            case "post":
                for (String sum : CHECKSUMS) {
                    if (present(download, sum)) {
                        return;
                    }
                }
                findings.add(
                        Rule.DOWNLOAD_NO_CHECKSUM,
                        download.origin("url") != null ? download.origin("url") : at,
                        kind + " " + name + " is downloaded from " + Php.toPhpString(url) + " with no checksum: a"
                                + " changed or corrupted file would go unnoticed. Add [download][md5] (or sha1,"
                                + " sha256, sha512 where your drush supports them) with the file's sum.");
                return;
            case "svn":
            case "bzr":
            case "hg":
            case "cvs":
                if (present(download, "revision") || present(download, "date")) {
                    return;
                }
                findings.add(
                        Rule.UNPINNED_PROJECT,
                        at,
                        kind + " " + name + " is checked out from " + type
                                + " with no revision: each build gets the newest commit. Pin [download][revision].");
                return;
            default:
            // copy (a local directory) and unknown mechanisms: nothing the file can pin
        }
    }

    /** A git checkout is pinned by a tag or a revision; a branch alone, or nothing, is not. */
    private void gitPin(String kind, String name, PhpArray download, Origin at) {
        if (present(download, "tag") || present(download, "revision")) {
            return;
        }
        if (present(download, "branch")) {
            findings.add(
                    Rule.GIT_BRANCH_ONLY,
                    download.origin("branch"),
                    kind + " " + name
                            + " is checked out from git branch " + Php.toPhpString(download.get("branch"))
                            + " only: each build gets whatever the branch holds that day. Pin [download][tag] or"
                            + " [download][revision] (a commit id).");
        } else {
            findings.add(
                    Rule.UNPINNED_PROJECT,
                    at,
                    kind + " " + name + " is cloned from git with no tag,"
                            + " revision or branch: each build gets the default branch's newest commit. Pin"
                            + " [download][tag] or [download][revision] (a commit id).");
        }
    }

    private void patches(String kind, String name, PhpArray item, Origin origin) {
        Object patch = item.get("patch");
        if (patch instanceof String) {
            patch(kind, name, "", patch, item.origin("patch"));
        } else if (patch instanceof PhpArray) {
            PhpArray list = (PhpArray) patch;
            for (Object key : list.keys()) {
                patch(kind, name, key.toString(), list.get(key), list.origin(key));
            }
        }
    }

    private void patch(String kind, String name, String key, Object patch, Origin at) {
        String url;
        if (patch instanceof PhpArray) {
            PhpArray p = (PhpArray) patch;
            for (String sum : CHECKSUMS) {
                if (present(p, sum)) {
                    return;
                }
            }
            url = Php.toPhpString(p.get("url"));
        } else {
            url = Php.toPhpString(patch);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("ftp://"))) {
            return; // a patch shipped next to the make file is versioned with it
        }
        String slot = key.isEmpty() || PhpArray.key(key) instanceof Long ? "name" : key;
        findings.add(
                Rule.PATCH_NO_CHECKSUM,
                at,
                "the patch " + url + " for " + kind + " " + name + " has no"
                        + " checksum: if the file on the server changes, the build changes with it. Write it as"
                        + " [patch][" + slot + "][url] = " + url + " with [patch][" + slot
                        + "][md5] = <md5 of the patch>.");
    }

    private static boolean present(PhpArray a, String key) {
        return !Php.isEmpty(a.get(key));
    }

    private static String lower(Object v) {
        return v == null || v instanceof PhpArray
                ? ""
                : Php.toPhpString(v).trim().toLowerCase(Locale.ROOT);
    }
}
