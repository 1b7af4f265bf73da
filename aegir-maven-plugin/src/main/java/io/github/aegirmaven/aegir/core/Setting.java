package io.github.aegirmaven.aegir.core;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A setting the administrator gives a goal, as the logic speaks of it. How the administrator types it (the pom's
 * parameter and its {@code -D} property) belongs to the plugin layer, which supplies the names with
 * {@link #useNames} before any goal runs; messages name settings through {@link #toString()}, {@link #flag()} and
 * {@link #property()}, so that they say what the administrator types.
 */
public enum Setting {
    HOME,
    USER,
    DOMAIN,
    VERSION,
    DRUSH_VERSION,
    DRUSH_MAKE_VERSION,
    OLD_HOSTMASTER_DIR,
    NEW_HOSTMASTER_DIR,
    MAKEFILE,
    DOWNLOAD_URL,
    LOCK_FILE,
    STRICT_LOCK,
    PHP,
    ASSUME_YES,
    TIMEOUT,
    MOVE_ASIDE_LEFTOVER,
    RULE_LIST,
    MAKE_ENGINE,
    FAIL_ON_WARNING,
    BACKEND_ONLY,
    BACKUP_SET,
    FAIL_ON_DRIFT,
    REPORT_DIRECTORY,
    LOCKED_MAKEFILE,
    PLATFORM_DIR,
    UPDATE_URL,
    UPDATE,
    ALLOW_NOT_LOCKED,
    FAIL_ON_INSECURE;

    /** The parameter and its property, as the plugin layer names them. */
    public record Name(String parameter, String property) {}

    private static volatile Map<Setting, Name> names = Map.of();

    /** The names users type, from the plugin layer; every setting must have one. */
    public static void useNames(Map<Setting, Name> byPlugin) {
        for (Setting s : values()) {
            Objects.requireNonNull(byPlugin.get(s), () -> "no name for the setting " + s);
        }
        names = Map.copyOf(byPlugin);
    }

    /** The plugin's name; before the plugin layer named the settings (a tool run outside Maven), this one's own. */
    private Name name_() {
        Name n = names.get(this);
        return n != null ? n : new Name(name().toLowerCase(Locale.ROOT), name().toLowerCase(Locale.ROOT));
    }

    /** The pom's parameter, e.g. {@code aegirHome}. */
    public String parameter() {
        return name_().parameter();
    }

    /** The property, e.g. {@code aegir.home}. */
    public String property() {
        return name_().property();
    }

    /** The property as typed on the command line, e.g. {@code -Daegir.home}. */
    public String flag() {
        return "-D" + property();
    }

    /** Parameter and property, as messages name a setting: {@code aegirHome (-Daegir.home)}. */
    @Override
    public String toString() {
        return parameter() + " (" + flag() + ")";
    }
}
