package io.github.aegirmaven.aegir.core;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The command line against the pom. A parameter written directly in the plugin's {@code <configuration>}
 * ({@code <aegirVersion>6.x-1.0-rc3</aegirVersion>}) wins over its {@code -Daegir.*} property, and Maven drops the
 * property without a word: the administrator types {@code -Daegir.version=6.x-1.0-rc2} and another upgrade runs.
 * Given, for every parameter whose property was set on the command line, the value typed and the value the goal
 * actually got, this finds the ones that differ, comparing as Maven converts (paths resolved against the project,
 * flags, numbers, durations), and says so: a warning, or in batch mode a refusal before anything changes.
 */
public final class CommandLineOverrides {

    /** How Maven turns the property's text into the parameter's value, and so how to compare them. */
    public enum Kind {
        /** Compared as typed. */
        TEXT,
        /** {@code boolean}: {@code true} (any case) is true, anything else false. */
        FLAG,
        /** {@code int}/{@code long}. */
        NUMBER,
        /** {@code java.io.File}: a relative path is resolved against the project's directory. */
        PATH,
        /** A duration such as {@code 30m} ({@link Durations}): {@code 1800s} is the same. */
        DURATION
    }

    /**
     * One parameter whose property was given on the command line.
     *
     * @param parameter the parameter's name, e.g. {@code aegirVersion}
     * @param kind      how to compare
     * @param given     the property's text from the command line
     * @param effective the value the goal got (a {@code File}, {@code Boolean}, {@code Integer}, {@code String}, or
     *                  null when unset)
     */
    public record Setting(String parameter, Kind kind, String given, Object effective) {
        public Setting {
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(given, "given");
        }
    }

    /** A property the pom's configuration overrode: its name, the parameter, what was typed and what is used. */
    public record Conflict(String property, String parameter, String given, String effective) {

        /** One sentence: what was ignored and which value the build uses instead. */
        public String describe() {
            return "-D" + property + "=" + given + " is ignored: the pom sets " + parameter + " to " + effective
                    + " in the plugin's <configuration>, which Maven puts before the command line, so this build"
                    + " would use " + effective + ".";
        }

        /** How to let the command line win. */
        public String fix() {
            String value = UNSET.equals(effective) ? given : effective;
            return "Write it as a property in the pom (<properties><" + property + ">" + value + "</" + property
                    + "></properties>) and refer to it from the configuration (<" + parameter + ">${" + property
                    + "}</" + parameter + ">, or leave <" + parameter + "> out), so that -D" + property
                    + " wins; or drop -D" + property + " from the command line.";
        }
    }

    /** How an unset effective value is shown. */
    static final String UNSET = "nothing (unset)";

    private CommandLineOverrides() {}

    /**
     * The settings whose given and effective values differ.
     *
     * @param byProperty property name (e.g. {@code aegir.version}) to what was typed and what the goal got
     * @param basedir    the project's directory, against which Maven resolves relative paths
     */
    public static List<Conflict> find(Map<String, Setting> byProperty, Path basedir) {
        List<Conflict> conflicts = new ArrayList<>();
        byProperty.forEach((property, s) -> {
            if (!same(s, basedir)) {
                conflicts.add(new Conflict(property, s.parameter(), s.given(), shown(s.effective())));
            }
        });
        return conflicts;
    }

    /**
     * Says what was overridden before anything changes: a warning for each, or, in batch mode, where nobody reads
     * the warning before the build acts, a refusal naming every property, both values and the fix.
     */
    public static void check(List<Conflict> conflicts, boolean batchMode, BuildLog log) throws UserFixableException {
        if (conflicts.isEmpty()) {
            return;
        }
        if (batchMode) {
            StringBuilder m = new StringBuilder(
                    conflicts.size() == 1
                            ? "The command line and the pom disagree"
                            : conflicts.size() + " command-line properties and the pom disagree");
            m.append(", and in batch mode (-B) the build does not guess which one was meant; nothing was changed.");
            int i = 1;
            for (Conflict c : conflicts) {
                m.append(conflicts.size() == 1 ? " " : " " + i++ + ". ")
                        .append(c.describe())
                        .append(' ')
                        .append(c.fix());
            }
            throw new UserFixableException(m.toString());
        }
        for (Conflict c : conflicts) {
            log.warn(c.describe() + " " + c.fix());
        }
    }

    private static boolean same(Setting s, Path basedir) {
        String given = s.given();
        Object effective = s.effective();
        if (effective == null) {
            return given.isBlank();
        }
        switch (s.kind()) {
            case FLAG:
                return Boolean.parseBoolean(given.trim()) == Boolean.parseBoolean(effective.toString());
            case NUMBER:
                try {
                    return Long.parseLong(given.trim())
                            == Long.parseLong(effective.toString().trim());
                } catch (NumberFormatException e) {
                    return false;
                }
            case PATH:
                try {
                    Path g = Path.of(given.trim());
                    Path e = Path.of(effective.toString());
                    return absolute(g, basedir).equals(absolute(e, basedir));
                } catch (InvalidPathException e) {
                    return false;
                }
            case DURATION:
                if (given.trim().equals(effective.toString().trim())) {
                    return true;
                }
                try {
                    return Durations.parse(given, "-").equals(Durations.parse(effective.toString(), "-"));
                } catch (UserFixableException e) {
                    return false;
                }
            default:
                return given.equals(effective.toString());
        }
    }

    private static Path absolute(Path p, Path basedir) {
        return (p.isAbsolute() || basedir == null ? p : basedir.resolve(p))
                .toAbsolutePath()
                .normalize();
    }

    private static String shown(Object effective) {
        if (effective == null) {
            return UNSET;
        }
        if (effective instanceof File f) {
            return f.getPath();
        }
        return effective.toString();
    }
}
