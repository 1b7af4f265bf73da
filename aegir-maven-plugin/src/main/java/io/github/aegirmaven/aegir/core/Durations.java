package io.github.aegirmaven.aegir.core;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations as users write them in a pom or on the command line: {@code 90s}, {@code 30m}, {@code 2h},
 * {@code 600}.
 */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)?");

    private Durations() {}

    /**
     * @param text the value, e.g. {@code 30m}
     * @param parameter how the user sets it, named in the error, e.g. {@code timeout (-Daegir.timeout)}
     */
    public static Duration parse(String text, String parameter) throws UserFixableException {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new UserFixableException("The parameter " + parameter + " is '" + text
                    + "', which is not a duration. Expected a whole number with an optional unit: 90s, 30m, 2h"
                    + " (no unit means seconds). Set it to, for example, 30m.");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new UserFixableException("The parameter " + parameter + " is '" + text
                    + "', which would stop drush at once. Expected a positive duration such as 30m.");
        }
        return d;
    }

    /** A short human form: {@code 1h30m}, {@code 45s}, {@code 250ms}. */
    public static String format(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 3600) {
            b.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            b.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || b.length() == 0) {
            b.append(s).append('s');
        }
        return b.toString();
    }
}
