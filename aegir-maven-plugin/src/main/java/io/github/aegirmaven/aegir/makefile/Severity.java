package io.github.aegirmaven.aegir.makefile;

import java.util.Locale;

/** How a rule's findings count: errors fail the build, warnings fail it under failOnWarning. */
public enum Severity {
    ERROR,
    WARNING,
    /** Reported, never fails the build. */
    INFO,
    /** Not reported. */
    OFF;

    /** The word used in messages: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error}, {@code warning} (or {@code warn}), {@code info}, {@code off}; any case. */
    static Severity parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "error":
                return ERROR;
            case "warning":
            case "warn":
                return WARNING;
            case "info":
                return INFO;
            case "off":
            case "ignore":
            case "none":
                return OFF;
            default:
                return null;
        }
    }
}
