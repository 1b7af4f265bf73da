package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds drush's array from INI make file text, as drush's parser does with the matches of its regular
 * expression (see {@link IniScanner}), and reports what drush silently does with text that is not
 * {@code key = value}.
 *
 * <p>Per match: quoted values lose their quotes and go through PHP's {@code stripslashes}; unquoted values
 * are kept as they are. The key is split into segments at {@code [} (after dropping trailing {@code ]});
 * an empty segment appends at index {@code count($array)}; a scalar in the way of a deeper key is
 * replaced by an array; the last assignment wins. A value naming the PHP constants {@code TRUE},
 * {@code FALSE} or {@code NULL} (in any case) becomes that constant; numeric strings stay strings.
 */
public final class IniParser {

    private static final int SNIPPET = 60;

    private IniParser() {}

    /** drush's array for the INI text of one make file (no includes followed); {@code file} names it. */
    public static PhpArray parse(String file, String text) {
        return parse(SourceText.of(file, text), null);
    }

    /** Parses {@code source}; when {@code findings} is not null, reports the quirks found on the way. */
    static PhpArray parse(SourceText source, Findings findings) {
        String text = source.text();
        PhpArray info = new PhpArray();
        int[] previousEnd = {0};
        Map<String, String> canonical = new HashMap<>();
        IniScanner.scan(text, m -> {
            if (findings != null) {
                reportIgnored(source, previousEnd[0], m.start(), findings);
            }
            previousEnd[0] = m.end();
            String key = text.substring(m.keyStart(), m.keyEnd());
            Object value = value(text, m);
            Origin origin = source.origin(assignmentLineStart(text, m));
            if (findings != null) {
                reportQuirks(source, m, key, findings);
            }
            assign(info, key, value, origin, findings, canonical);
        });
        if (findings != null) {
            reportIgnored(source, previousEnd[0], text.length(), findings);
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                findings.add(
                        Rule.BYTE_ORDER_MARK,
                        source.origin(0),
                        "the file starts with a UTF-8 byte order mark, which drush reads as text in front of line 1"
                                + " (\"" + snippet(text.substring(1, lineEnd(text, 0))) + "\"): an assignment there"
                                + " is stored under a key starting with the invisible character U+FEFF and lost."
                                + " Save the file as UTF-8 without BOM.");
            }
        }
        return info;
    }

    /** Where the line that holds the key proper starts: after the last newline inside the key. */
    private static int assignmentLineStart(String text, IniScanner.Match m) {
        int nl = text.lastIndexOf('\n', m.keyEnd() - 1);
        return nl >= m.keyStart() ? nl + 1 : m.keyStart();
    }

    private static Object value(String text, IniScanner.Match m) {
        String v;
        if (m.kind() == IniScanner.Kind.PLAIN) {
            v = text.substring(m.valueStart(), m.valueEnd());
        } else {
            v = stripslashes(text, m.valueStart() + 1, m.valueEnd() - 1);
        }
        int n = v.length();
        if (n == 4 && v.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (n == 5 && v.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        if (n == 4 && v.equalsIgnoreCase("null")) {
            return null;
        }
        return v;
    }

    /** PHP's stripslashes: a backslash escapes the next character; {@code \0} is NUL; a lone one goes. */
    static String stripslashes(String s, int from, int to) {
        int bs = from;
        while (bs < to && s.charAt(bs) != '\\') {
            bs++;
        }
        if (bs == to) {
            return s.substring(from, to);
        }
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                if (i + 1 < to) {
                    char next = s.charAt(++i);
                    sb.append(next == '0' ? '\0' : next);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** drush's array syntax: {@code preg_split('/\]?\[/', rtrim($key, ']'))}. */
    static List<String> segments(String key) {
        int end = key.length();
        while (end > 0 && key.charAt(end - 1) == ']') {
            end--;
        }
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i < end; i++) {
            if (key.charAt(i) == '[') {
                int partEnd = (i > start && key.charAt(i - 1) == ']') ? i - 1 : i;
                parts.add(key.substring(start, partEnd));
                start = i + 1;
            }
        }
        parts.add(key.substring(start, end));
        return parts;
    }

    static void assign(PhpArray info, String key, Object value, Origin origin, Findings findings) {
        assign(info, key, value, origin, findings, null);
    }

    /** As drush assigns one match; {@code canonical} (optional) shares equal key segments across matches. */
    static void assign(
            PhpArray info, String key, Object value, Origin origin, Findings findings, Map<String, String> canonical) {
        List<String> keys = segments(key);
        if (canonical != null) {
            for (int i = 0; i < keys.size(); i++) {
                String k = keys.get(i);
                if (k.length() <= 40) {
                    String shared = canonical.putIfAbsent(k, k);
                    if (shared != null) {
                        keys.set(i, shared);
                    }
                }
            }
        }
        PhpArray parent = info;
        for (int i = 0; i < keys.size() - 1; i++) {
            String k = keys.get(i);
            Object index = k.isEmpty() ? (Object) parent.nextIndex() : k;
            Object existing = parent.get(index);
            if (!(existing instanceof PhpArray)) {
                if (existing != null && findings != null) {
                    overridden(
                            findings,
                            path(keys, i + 1),
                            existing,
                            parent.origin(index),
                            origin,
                            "turns it into a list of attributes, so the value is lost");
                }
                PhpArray created = new PhpArray();
                parent.put(index, created, origin);
                parent = created;
            } else {
                parent = (PhpArray) existing;
            }
        }
        String last = keys.get(keys.size() - 1);
        Object index = last.isEmpty() ? (Object) parent.nextIndex() : last;
        if (findings != null && parent.containsKey(index)) {
            Object existing = parent.get(index);
            if (existing instanceof PhpArray) {
                overridden(
                        findings,
                        path(keys, keys.size()),
                        existing,
                        parent.origin(index),
                        origin,
                        "replaces all its attributes with one value");
            } else if (existing != null && !existing.equals(value)) {
                overridden(
                        findings,
                        path(keys, keys.size()),
                        existing,
                        parent.origin(index),
                        origin,
                        "replaces it with " + DrushChecks.describe(value) + "; drush keeps only the last value");
            }
        }
        parent.put(index, value, origin);
    }

    /** Reports a value a later line of the same file throws away (across files it is how includes work). */
    private static void overridden(Findings findings, String key, Object old, Origin was, Origin now, String effect) {
        if (was == null || !was.file().equals(now.file())) {
            return;
        }
        findings.add(
                Rule.OVERRIDDEN_VALUE,
                now,
                key + " was set to " + DrushChecks.describe(old) + " on line " + was.line() + "; this line " + effect
                        + ". Keep one definition" + hint(key) + ".");
    }

    private static final Pattern PROJECT_KEY = Pattern.compile("projects\\[[^\\[\\]]+\\]");

    /**
     * How to write a project's version beside its other attributes, when {@code key} is the project itself
     * ({@code projects[x] = 1.6} and {@code projects[x][...]} together); nothing for any other key.
     */
    private static String hint(String key) {
        if (!PROJECT_KEY.matcher(key).matches()) {
            return "";
        }
        return " (for a version next to other attributes write " + key + "[version] = ...; a download goes under " + key
                + "[download][...])";
    }

    private static String path(List<String> keys, int count) {
        StringBuilder sb = new StringBuilder(keys.get(0));
        for (int i = 1; i < count; i++) {
            sb.append('[').append(keys.get(i)).append(']');
        }
        return sb.toString();
    }

    private static void reportQuirks(SourceText source, IniScanner.Match m, String key, Findings findings) {
        String text = source.text();
        String valueText = text.substring(m.valueStart(), m.valueEnd());
        reportGluedLine(source, m, key, valueText, findings);
        boolean valueOnLaterLine = false;
        for (int i = m.equalsSign(); i < m.valueStart(); i++) {
            if (text.charAt(i) == '\n') {
                valueOnLaterLine = true;
                break;
            }
        }
        if (m.kind() == IniScanner.Kind.PLAIN && m.valueEnd() > m.valueStart() && valueOnLaterLine) {
            Origin equalsAt = source.origin(m.equalsSign());
            Origin valueAt = source.origin(m.valueStart());
            findings.add(
                    Rule.SWALLOWED_LINE,
                    equalsAt,
                    "the value of " + keyName(key)
                            + " is empty on its own line, so drush takes the next line \"" + snippet(valueText) + "\" "
                            + where(valueAt, equalsAt) + " as its value and that assignment is lost. Write "
                            + keyName(key) + " = \"\" or give it its value on the same line.");
        } else if (m.kind() != IniScanner.Kind.PLAIN && valueText.indexOf('\n') >= 0) {
            Origin equalsAt = source.origin(m.equalsSign());
            int nl = text.indexOf('\n', m.valueStart());
            while (nl >= 0 && nl < m.valueEnd()) {
                int lineStart = nl + 1;
                int lineEndAt = Math.min(lineEnd(text, lineStart), m.valueEnd());
                String line = text.substring(lineStart, lineEndAt).trim();
                if (looksLikeAssignment(line)) {
                    findings.add(
                            Rule.SWALLOWED_LINE,
                            equalsAt,
                            "the quoted value of " + keyName(key)
                                    + " does not end on its line: it runs to "
                                    + lineRef(source.origin(m.valueEnd() - 1), equalsAt)
                                    + " and swallows \"" + snippet(line) + "\" "
                                    + where(source.origin(lineStart), equalsAt)
                                    + ", which drush never sees as an assignment. Close the quote on the same line.");
                    break;
                }
                nl = text.indexOf('\n', lineStart);
            }
        }
        if (m.kind() == IniScanner.Kind.PLAIN) {
            int semi = inlineComment(valueText);
            if (semi >= 0) {
                findings.add(
                        Rule.INLINE_COMMENT,
                        source.origin(assignmentLineStart(text, m)),
                        "the value of " + keyName(key) + " is \"" + snippet(valueText)
                                + "\": drush has no comments after a value and keeps \""
                                + snippet(valueText.substring(semi).trim())
                                + "\" as part of it. Move the comment to a line of its own starting with ';'.");
            }
        }
    }

    /** Text before the key on earlier lines: drush glues it onto the key, and the assignment is lost. */
    private static void reportGluedLine(
            SourceText source, IniScanner.Match m, String key, String valueText, Findings findings) {
        String text = source.text();
        int lastNl = key.lastIndexOf('\n');
        if (lastNl >= 0) {
            String proper = key.substring(lastNl + 1).trim();
            String assignment = proper + " = " + valueText;
            if (key.isBlank()) {
                findings.add(
                        Rule.GLUED_LINE,
                        source.origin(m.equalsSign()),
                        "this line starts with '=' and has no key; drush stores \"" + snippet(valueText)
                                + "\" under the whitespace key " + jsonish(key)
                                + ", where nothing reads it. Put the key in front of '='.");
            } else {
                Origin at = source.origin(assignmentLineStart(text, m));
                Origin from = source.origin(m.keyStart());
                String glued = snippet(text.substring(m.keyStart(), lineEnd(text, m.keyStart()))
                        .trim());
                findings.add(
                        Rule.GLUED_LINE,
                        at,
                        "text " + where(from, at) + " (\"" + glued
                                + "\") is not 'key = value': drush glues it onto the next key, so \""
                                + snippet(assignment)
                                + "\" " + where(at, from) + " is stored under the key " + jsonish(key)
                                + " and lost. Remove that text or turn it into a comment starting with ';'.");
            }
        }
    }

    private static boolean looksLikeAssignment(String line) {
        if (line.isEmpty() || line.charAt(0) == ';' || line.charAt(0) == '=') {
            return false;
        }
        int eq = line.indexOf('=');
        return eq > 0;
    }

    private static int inlineComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            if (value.charAt(i) == ';' && (value.charAt(i - 1) == ' ' || value.charAt(i - 1) == '\t')) {
                return i;
            }
        }
        return -1;
    }

    /** Reports the non-blank, non-comment lines between two matches: drush reads nothing from them. */
    private static void reportIgnored(SourceText source, int from, int to, Findings findings) {
        String text = source.text();
        int i = from;
        while (i < to) {
            int end = lineEnd(text, i);
            int first = i;
            while (first < end && isBlank(text.charAt(first))) {
                first++;
            }
            if (first < end && first < to && text.charAt(first) != ';' && text.charAt(first) != '\uFEFF') {
                String line = text.substring(first, Math.min(end, to)).trim();
                if (!line.isEmpty()) {
                    findings.add(
                            Rule.IGNORED_LINE,
                            source.origin(first),
                            "\"" + snippet(line) + "\" is not a 'key = value' assignment and drush ignores it"
                                    + ignoredHint(line) + ".");
                }
            }
            i = end + 1;
        }
    }

    private static String ignoredHint(String line) {
        if (line.startsWith("#")) {
            return " ('#' does not start a comment in drush's INI format; comments start with ';')";
        }
        if (line.indexOf('=') >= 0) {
            return " (a key ends at ';', at '[' without ']' or at ']' without '['; fix the brackets or move the ';')";
        }
        return " (it has no '='; add '= value' or turn it into a comment starting with ';')";
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\u000B';
    }

    private static int lineEnd(String text, int from) {
        int nl = text.indexOf('\n', from);
        return nl < 0 ? text.length() : nl;
    }

    private static String where(Origin o, Origin relativeTo) {
        return o.file().equals(relativeTo.file()) ? "on line " + o.line() : "at " + o;
    }

    private static String lineRef(Origin o, Origin relativeTo) {
        return o.file().equals(relativeTo.file()) ? "line " + o.line() : o.toString();
    }

    private static String keyName(String key) {
        return key.trim();
    }

    static String snippet(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", " ");
        return one.length() > SNIPPET ? one.substring(0, SNIPPET - 3) + "..." : one;
    }

    private static String jsonish(String key) {
        return io.github.aegirmaven.aegir.core.Json.quote(
                key.length() > SNIPPET ? key.substring(0, SNIPPET - 3) + "..." : key);
    }
}
