package io.github.aegirmaven.aegir.makefile;

/**
 * Every check {@code makefile-validate} makes, with its id and default severity. drush's own checks
 * use drush's wording; the others are ours.
 */
public enum Rule {
    // drush's own validation (drush_make 6.x-2.x make_validate_info_file and drush 5+)
    EMPTY_FILE("empty-file", Severity.ERROR, "drush: the make file is empty or has no assignment"),
    UNKNOWN_FORMAT("unknown-format", Severity.ERROR, "drush 7+: neither YAML nor INI, or a YAML syntax error"),
    INCLUDE_MISSING("include-missing", Severity.ERROR, "drush: an includes[] entry cannot be found or fetched"),
    CORE_REQUIRED("core-required", Severity.ERROR, "drush: the 'core' attribute is missing or empty"),
    CORE_FORMAT("core-format", Severity.ERROR, "drush: 'core' is not like 7.x, 7 or 7.61"),
    API_MISSING("api-missing", Severity.WARNING, "drush: no 'api' attribute (drush assumes 2 and warns)"),
    API_VERSION("api-version", Severity.ERROR, "drush: 'api' is not 2"),
    PROJECTS_ARRAY("projects-array", Severity.ERROR, "drush: 'projects' is not an array"),
    LIBRARIES_ARRAY("libraries-array", Severity.ERROR, "drush: 'libraries' is not an array"),
    PROJECT_TWICE(
            "project-twice",
            Severity.ERROR,
            "drush_make 6.x-2.x, drush 5 and 6: a project is defined twice (drush refuses the make file)"),
    PROJECT_INCORRECT("project-incorrect", Severity.ERROR, "drush: a projects[] entry drush cannot read"),
    ILLEGAL_PATH(
            "illegal-path", Severity.ERROR, "drush: subdir, directory_name or contrib-destination leaves the build"),
    PROJECT_TYPE("project-type", Severity.ERROR, "drush: a project type drush does not know"),
    CORE_TWICE("core-twice", Severity.ERROR, "drush: more than one core project"),

    // reading the file as drush does, and what drush lets through silently
    GLUED_LINE("glued-line", Severity.WARNING, "text that is not key = value is glued onto the next key, losing it"),
    SWALLOWED_LINE("swallowed-line", Severity.WARNING, "a value runs over following lines and swallows assignments"),
    IGNORED_LINE("ignored-line", Severity.WARNING, "a line drush reads as nothing at all"),
    OVERRIDDEN_VALUE(
            "overridden-value",
            Severity.WARNING,
            "a file sets a key twice, or turns a value into an array, losing a value"),
    INLINE_COMMENT("inline-comment", Severity.WARNING, "'; comment' after a value is part of the value"),
    BYTE_ORDER_MARK("byte-order-mark", Severity.WARNING, "a UTF-8 byte order mark becomes part of the first key"),
    UNKNOWN_KEY("unknown-key", Severity.WARNING, "a top-level key drush does not use"),
    UNKNOWN_ATTRIBUTE("unknown-attribute", Severity.WARNING, "a project or library attribute drush does not use"),
    YAML_NUMBER("yaml-number", Severity.WARNING, "an unquoted YAML number that drush reads differently"),
    YAML_UNSUPPORTED("yaml-unsupported", Severity.ERROR, "a YAML make file for a drush older than 7"),
    INCLUDE_CYCLE("include-cycle", Severity.ERROR, "a make file that includes itself"),
    INCLUDE_UNCHECKED("include-unchecked", Severity.WARNING, "an include this goal cannot read (git-hosted)"),
    PROJECT_REDEFINED(
            "project-redefined",
            Severity.ERROR,
            "ours: drush 7+ accepts a project defined twice and keeps only projects[] = name, losing the rest"),

    // reproducibility
    UNPINNED_PROJECT("unpinned-project", Severity.WARNING, "a project with no exact version: latest on the day"),
    DEV_VERSION("dev-version", Severity.WARNING, "a -dev version"),
    GIT_BRANCH_ONLY("git-branch-only", Severity.WARNING, "a git download pinned only by a branch"),
    DOWNLOAD_NO_CHECKSUM("download-no-checksum", Severity.WARNING, "a file download with no md5/sha1/sha256/sha512"),
    PATCH_NO_CHECKSUM("patch-no-checksum", Severity.WARNING, "a remote patch with no checksum"),
    CORE_NOT_EXACT("core-not-exact", Severity.WARNING, "Drupal core with no exact version"),

    // Aegir
    CORE_MISSING("core-missing", Severity.ERROR, "a hostmaster platform make file that builds no Drupal core"),
    HOSTMASTER_MISSING("hostmaster-missing", Severity.ERROR, "a hostmaster platform make file without hostmaster"),
    HOSTMASTER_TYPE("hostmaster-type", Severity.ERROR, "hostmaster declared as something other than a profile or core"),
    HOSTMASTER_VERSION_MISMATCH(
            "hostmaster-version-mismatch", Severity.ERROR, "hostmaster pinned to another release than aegirVersion"),
    HOSTMASTER_VERSION_UNKNOWN(
            "hostmaster-version-unknown", Severity.WARNING, "hostmaster pinned so that its release cannot be told"),
    AEGIR_CORE_MISMATCH("aegir-core-mismatch", Severity.ERROR, "'core' is another Drupal major than aegirVersion's"),
    AEGIR_UNCHECKED("aegir-unchecked", Severity.INFO, "what the make file alone cannot show");

    private final String id;
    private final Severity defaultSeverity;
    private final String description;

    Rule(String id, Severity defaultSeverity, String description) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    public String description() {
        return description;
    }

    /** The rule with this id, or {@code null}. */
    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        return null;
    }
}
