package io.github.aegirmaven.aegir.frontend;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The hostmaster site's domain ({@code $AEGIR_DOMAIN}): an RFC 1123 host name, because it becomes a directory
 * name under {@code sites/}, a drush argument and a crontab entry.
 */
public final class HostName {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private HostName() {}

    /** Why {@code text} is not a usable host name, or empty when it is one. */
    public static Optional<String> problem(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of("it is not set");
        }
        if (!text.equals(text.trim()) || text.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("it contains white space");
        }
        if (text.length() > 253) {
            return Optional.of("it is longer than 253 characters");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
                return Optional.of("it contains the character '" + text.charAt(i)
                        + "'; a host name has only letters, digits, '-' and '.'");
            }
        }
        String[] labels = lower.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return Optional.of(
                        label.isEmpty()
                                ? "it has an empty label (two dots in a row, or a dot at either end)"
                                : "its label '" + label + "' starts or ends with '-' or is longer than 63 characters");
            }
        }
        return Optional.empty();
    }
}
