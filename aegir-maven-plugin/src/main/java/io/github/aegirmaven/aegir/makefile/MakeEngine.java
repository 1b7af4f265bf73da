package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which drush will read the make file. They parse INI text identically but merge includes and validate
 * differently.
 */
public enum MakeEngine {
    /**
     * drush 4.x with drush_make 6.x-2.x: each include is looked up as a URL, then relative to the including
     * file; the texts of the includes are glued in front of the including file's text and the whole is
     * parsed again (the including file wins, text can glue across files). INI only.
     */
    DRUSH_MAKE_2("drush 4.x with drush_make 6.x-2.x"),
    /**
     * drush 5.x and 6.x: as drush_make 6.x-2.x, and an include is also looked up in the working directory;
     * {@code defaults[]} added where a project lacks them. Modelled on drush 5.10.0 (drush 6.5 and later keep a
     * project's {@code contrib_destination}, checking it as a path, where earlier ones drop it).
     */
    DRUSH_5("drush 5.x and 6.x"),
    /**
     * drush 7 and later: YAML or INI by content; each file is parsed on its own and merged with
     * {@code array_replace_recursive} (includes under the including file, {@code overrides[]} over it),
     * {@code projects[] = name} expanded after each merge, {@code defaults[]} applied. Modelled on drush 8.4.12;
     * drush 7 differs only in keys the build does not read: it drops {@code defaults} once applied and keeps the
     * {@code includes} list.
     */
    DRUSH_7_PLUS("drush 7 and later");

    private static final Pattern DRUPAL_ORG_VERSION = Pattern.compile("\\d+\\.x-(\\d+)(?:[.-].*)?");
    private static final Pattern PLAIN_VERSION = Pattern.compile("(\\d+)(?:[.-].*)?");

    private final String description;

    MakeEngine(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * The engine of a drush version as drupal.org ({@code 7.x-4.4}, {@code 7.x-5.9}) or git tags
     * ({@code 4.4.0}, {@code 5.10.0}, {@code 8.4.12}) write it.
     */
    public static MakeEngine forDrushVersion(String drushVersion) throws UserFixableException {
        String v = drushVersion == null ? "" : drushVersion.trim();
        Matcher m = DRUPAL_ORG_VERSION.matcher(v);
        if (!m.matches()) {
            m = PLAIN_VERSION.matcher(v);
        }
        if (!m.matches()) {
            throw new UserFixableException("drushVersion (" + Setting.DRUSH_VERSION.property() + ") is '" + drushVersion
                    + "'; expected a drush release such as 7.x-4.4, 5.10.0 or 8.4.12. Set it to the drush"
                    + " that will run the build, or set makeEngine (" + Setting.MAKE_ENGINE.property() + ") directly.");
        }
        int major = Integer.parseInt(m.group(1));
        if (major < 4) {
            throw new UserFixableException("drushVersion (" + Setting.DRUSH_VERSION.property() + ") is '" + drushVersion
                    + "': drush "
                    + major + " has no make command this goal can read as. Use drush 4.x with drush_make 6.x-2.x"
                    + " or a later drush.");
        }
        return major == 4 ? DRUSH_MAKE_2 : major <= 6 ? DRUSH_5 : DRUSH_7_PLUS;
    }

    /**
     * An engine by name ({@code DRUSH_MAKE_2}, {@code drush-5}, any case, {@code -} or {@code _}) or, failing
     * that, by drush version.
     */
    public static MakeEngine parse(String text) throws UserFixableException {
        String norm = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (MakeEngine e : values()) {
            if (e.name().equals(norm)) {
                return e;
            }
        }
        try {
            return forDrushVersion(text);
        } catch (UserFixableException e) {
            throw new UserFixableException(
                    "makeEngine (" + Setting.MAKE_ENGINE.property() + ") is '" + text + "'; expected "
                            + "DRUSH_MAKE_2 (drush 4.x), DRUSH_5 (drush 5.x, 6.x), DRUSH_7_PLUS (drush 7 and later)"
                            + " or a"
                            + " drush version such as 7.x-4.4.");
        }
    }
}
