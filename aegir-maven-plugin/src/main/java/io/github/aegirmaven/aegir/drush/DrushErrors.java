package io.github.aegirmaven.aegir.drush;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the lines that say why drush failed, wherever they are in its output: drush's own log lines of type
 * {@code [error]} (or {@code [failed]}), and PHP's fatal and parse errors ({@code PHP Fatal error:},
 * {@code Fatal error:}, {@code Parse error:}, and drush's {@code Drush command terminated abnormally}). Real
 * drush 4 logs to stderr, passes on the output of the drush it runs as children, and exits 1 on a PHP fatal error
 * too (DOMAIN.md section 8), so neither the last lines nor the exit code tell what went wrong: the content does.
 *
 * <p>Bounded: at most {@value #MAX_LINES} lines are kept (the first ones, where the cause usually is), each cut at
 * {@value #MAX_LINE_CHARS} characters; the others are only counted.
 */
final class DrushErrors {

    /** How many error lines are kept for the message. */
    static final int MAX_LINES = 50;

    /** How long a kept line may be. */
    static final int MAX_LINE_CHARS = 2000;

    /** What a line says. */
    enum Kind {
        /** Anything else. */
        OTHER,
        /** A drush log line of type error or failed. */
        DRUSH_ERROR,
        /** PHP stopped: a fatal or parse error, or drush saying its command terminated abnormally. */
        PHP_FATAL
    }

    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern DRUSH_ERROR = Pattern.compile("\\[(?:error|failed)\\]\\s*$");
    private static final Pattern PHP_FATAL = Pattern.compile("^\\s*(?:PHP\\s+)?(?:Fatal error|Parse error"
            + "|Catchable fatal error|Recoverable fatal error)\\s*:|Drush command terminated abnormally");
    private static final Pattern LOG_TYPE = Pattern.compile("\\[([a-z]+)\\]\\s*$");

    private final List<String> kept = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();
    private int seen;
    private boolean phpFatal;

    /** What {@code line} says. */
    static Kind classify(String line) {
        if (line == null) {
            return Kind.OTHER;
        }
        String plain = ANSI.matcher(line).replaceAll("");
        if (PHP_FATAL.matcher(plain).find()) {
            return Kind.PHP_FATAL;
        }
        if (DRUSH_ERROR.matcher(plain).find()) {
            return Kind.DRUSH_ERROR;
        }
        return Kind.OTHER;
    }

    /** The type of a drush log line ({@code ok}, {@code warning}, {@code error}...), or null for other lines. */
    static String logType(String line) {
        java.util.regex.Matcher m = LOG_TYPE.matcher(ANSI.matcher(line).replaceAll(""));
        return m.find() ? m.group(1) : null;
    }

    /** Takes a (masked) line of drush's output; returns what it says. */
    synchronized Kind accept(String line) {
        Kind kind = classify(line);
        if (kind == Kind.OTHER) {
            return kind;
        }
        if (kind == Kind.PHP_FATAL) {
            phpFatal = true;
        }
        String text = ANSI.matcher(line).replaceAll("").strip();
        if (text.length() > MAX_LINE_CHARS) {
            text = text.substring(0, MAX_LINE_CHARS) + "... (cut)";
        }
        // PHP prints a fatal error twice (its log on stderr, its display on stdout): keep it once
        String key = text.replaceFirst("^PHP\\s+", "").replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        if (keys.contains(key)) {
            return kind;
        }
        seen++;
        if (kept.size() < MAX_LINES) {
            kept.add(text);
            keys.add(key);
        }
        return kind;
    }

    /** The lines found, in order, and how many there were in all. */
    synchronized Found found() {
        return new Found(List.copyOf(kept), seen, phpFatal);
    }

    /**
     * The lines that say why drush failed.
     *
     * @param lines    the first {@value #MAX_LINES} of them, secrets masked
     * @param total    how many there were in all (more than {@code lines.size()} when capped)
     * @param phpFatal whether PHP stopped with a fatal or parse error
     */
    record Found(List<String> lines, int total, boolean phpFatal) {

        static final Found NONE = new Found(List.of(), 0, false);

        Found {
            lines = List.copyOf(lines);
        }

        /** The errors among some lines (for a result made from its last lines only). */
        static Found in(List<String> lines) {
            DrushErrors errors = new DrushErrors();
            lines.forEach(errors::accept);
            return errors.found();
        }

        boolean capped() {
            return total > lines.size();
        }
    }
}
