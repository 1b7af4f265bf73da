package io.github.aegirmaven.aegir.makefile;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the assignments in INI make file text exactly where drush's regular expression finds them, in
 * time linear in the length of the text.
 *
 * <p>drush (drush_make 6.x-2.x {@code _drush_make_parse_info_file}, drush 5+
 * {@code _drush_drupal_parse_info_file}, drush 8 {@code ParserIni}) applies one regular expression with
 * the flags {@code m s x} to the whole file with {@code preg_match_all}:
 *
 * <pre>
 * ^\s* ( (?: [^=;\[\]] | \[[^\[\]]*\] )+? ) \s*=\s*
 * (?: ("(?:[^"]|(?&lt;=\\)")*") | ('(?:[^']|(?&lt;=\\)')*') | ([^\r\n]*?) ) \s*$
 * </pre>
 *
 * <p>A backtracking engine may try many ways of matching at each line start. This scanner derives, for
 * each line start, the first match in the engine's priority order directly (greedy and lazy choices,
 * the three value alternatives in order, backtracking of the whitespace after {@code =}), and skips line
 * starts that provably fail for the same reason as an earlier attempt. {@code \s} is PCRE's: space,
 * tab, LF, VT, FF, CR; {@code $} matches before LF or at the end of the text; {@code ^} after LF.
 *
 * <p>Consequences worth knowing (all reproduced): a line that is not {@code key = value} and contains none
 * of {@code = ; [ ]} is glued to the front of the next key; a line starting with {@code =} after a blank
 * line gets the key {@code "\n"}; {@code a =} followed by a line takes that whole line as its value;
 * a quoted value may close at an escaped quote when that is the only way to end a line.
 */
public final class IniScanner {

    /** How the value was written. */
    public enum Kind {
        DOUBLE_QUOTED,
        SINGLE_QUOTED,
        PLAIN
    }

    /**
     * One match: offsets into the scanned text. {@code valueStart..valueEnd} includes the quotes of a
     * quoted value; {@code start..end} is the whole match as PCRE reports it.
     */
    public record Match(
            int start, int end, int keyStart, int keyEnd, int equalsSign, Kind kind, int valueStart, int valueEnd) {}

    private final char[] s;
    private final int n;

    // Memo of the forward scan of a quoted string, one per quote character (index 0: '"', 1: '\'').
    private final int[] memoFrom = {-1, -1};
    private final int[] memoEnd = new int[2];
    private final boolean[] memoEndClosable = new boolean[2];
    private final int[] memoBestEscaped = new int[2];

    // Result of the last attempt.
    private int stopper;
    private final List<int[]> multiLineGroups = new ArrayList<>();
    private Match found;

    private IniScanner(String text) {
        this.s = text.toCharArray();
        this.n = s.length;
    }

    /** All matches in order, as {@code preg_match_all} would return them. */
    public static List<Match> scan(String text) {
        List<Match> matches = new ArrayList<>(Math.max(16, text.length() / 40));
        new IniScanner(text).run(matches::add);
        return matches;
    }

    /** Hands every match, in order, to {@code consumer}. */
    public static void scan(String text, java.util.function.Consumer<Match> consumer) {
        new IniScanner(text).run(consumer);
    }

    private void run(java.util.function.Consumer<Match> matches) {
        int p = 0;
        while (p < n) {
            if (attempt(p)) {
                matches.accept(found);
                int end = found.end();
                if (end >= n) {
                    break;
                }
                // end is the position of a '\n' ($ matched before it); the next attempt starts at the
                // first line start at or after it.
                p = (end > 0 && s[end - 1] == '\n') ? end : end + 1;
                continue;
            }
            p = nextAfterFailure(p);
        }
    }

    /**
     * After a failed attempt at {@code p} whose key scan stopped at {@code stopper}: every line start up
     * to the stopper that is a token boundary of that scan would scan to the same stopper and fail the
     * same way, so only line starts inside a bracket group spanning lines need their own attempt.
     */
    private int nextAfterFailure(int p) {
        int limit = stopper;
        int q = lineStartAfter(p);
        if (multiLineGroups.isEmpty()) {
            return Math.max(q, lineStartAfter(limit));
        }
        List<int[]> groups = new ArrayList<>(multiLineGroups);
        int g = 0;
        while (q < n && q <= limit) {
            while (g < groups.size() && groups.get(g)[1] < q) {
                g++;
            }
            if (g < groups.size() && groups.get(g)[0] < q) {
                return q; // inside a group that spans lines: attempt it
            }
            q = g < groups.size()
                    ? Math.max(lineStartAfter(q), lineStartAfter(groups.get(g)[0]))
                    : lineStartAfter(limit);
        }
        return q;
    }

    /** The first line start strictly after {@code x}, or {@code n}. */
    private int lineStartAfter(int x) {
        for (int i = Math.max(x, 0); i < n; i++) {
            if (s[i] == '\n') {
                return i + 1;
            }
        }
        return n;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    private int wsEnd(int i) {
        while (i < n && isWs(s[i])) {
            i++;
        }
        return i;
    }

    /** One attempt at line start {@code p}; sets {@link #found} or {@link #stopper}. */
    private boolean attempt(int p) {
        multiLineGroups.clear();
        int s0 = wsEnd(p);
        int i = s0;
        while (i < n) {
            char c = s[i];
            if (c == '=' || c == ';' || c == ']') {
                break;
            }
            if (c == '[') {
                int j = i + 1;
                boolean newline = false;
                while (j < n && s[j] != '[' && s[j] != ']') {
                    if (s[j] == '\n') {
                        newline = true;
                    }
                    j++;
                }
                if (j < n && s[j] == ']') {
                    if (newline) {
                        multiLineGroups.add(new int[] {i, j});
                    }
                    i = j + 1;
                    continue;
                }
                break; // an unbalanced '[' ends the key
            }
            i++;
        }
        stopper = i;
        if (i >= n || s[i] != '=') {
            return false;
        }
        int eq = i;
        int keyStart = s0;
        int keyEnd = eq;
        while (keyEnd > s0 && isWs(s[keyEnd - 1])) {
            keyEnd--;
        }
        if (keyEnd == s0) {
            // The first non-space character is '=': the key can only be the one whitespace character
            // before it, given back by ^\s*.
            if (s0 == p) {
                return false;
            }
            keyStart = s0 - 1;
            keyEnd = s0;
        }
        return value(p, keyStart, keyEnd, eq);
    }

    private boolean value(int p, int keyStart, int keyEnd, int eq) {
        int wMax = wsEnd(eq + 1);
        if (wMax < n && (s[wMax] == '"' || s[wMax] == '\'')) {
            int close = closingQuote(wMax);
            if (close >= 0) {
                Kind kind = s[wMax] == '"' ? Kind.DOUBLE_QUOTED : Kind.SINGLE_QUOTED;
                found = new Match(p, endAfter(close + 1), keyStart, keyEnd, eq, kind, wMax, close + 1);
                return true;
            }
        }
        int lineEnd = wMax;
        while (lineEnd < n && s[lineEnd] != '\n' && s[lineEnd] != '\r') {
            lineEnd++;
        }
        int j = lineEnd;
        while (j > wMax && isWs(s[j - 1])) {
            j--;
        }
        if (wsRunEndsLine(j)) {
            found = new Match(p, endAfter(j), keyStart, keyEnd, eq, Kind.PLAIN, wMax, j);
            return true;
        }
        // Backtrack the whitespace after '=': the last newline in it gives an empty value.
        for (int k = wMax - 1; k > eq; k--) {
            if (s[k] == '\n') {
                found = new Match(p, k, keyStart, keyEnd, eq, Kind.PLAIN, k, k);
                return true;
            }
        }
        return false;
    }

    /** Whether {@code \s*$} can match at {@code i}: the whitespace run from i holds a LF or ends the text. */
    private boolean wsRunEndsLine(int i) {
        while (i < n) {
            char c = s[i];
            if (c == '\n') {
                return true;
            }
            if (!isWs(c)) {
                return false;
            }
            i++;
        }
        return true;
    }

    /** Where a successful {@code \s*$} starting at {@code i} ends: the end, or the run's last LF. */
    private int endAfter(int i) {
        int lastNewline = -1;
        while (i < n && isWs(s[i])) {
            if (s[i] == '\n') {
                lastNewline = i;
            }
            i++;
        }
        return i >= n ? n : lastNewline;
    }

    /**
     * The closing quote the engine settles on for a quoted value opening at {@code w}, or -1. The body
     * runs greedily to the first quote not preceded by a backslash; the engine then tries that quote and
     * each escaped quote before it, from the last, until one is followed by {@code \s*$}.
     */
    private int closingQuote(int w) {
        char q = s[w];
        int m = q == '"' ? 0 : 1;
        if (memoFrom[m] < 0 || w < memoFrom[m] || w >= memoEnd[m]) {
            int best = -1;
            int k = w + 1;
            while (k < n) {
                if (s[k] == q) {
                    if (s[k - 1] != '\\') {
                        break;
                    }
                    if (wsRunEndsLine(k + 1)) {
                        best = k;
                    }
                }
                k++;
            }
            memoFrom[m] = w;
            memoEnd[m] = k;
            memoEndClosable[m] = k < n && wsRunEndsLine(k + 1);
            memoBestEscaped[m] = best;
        }
        // Within the memoised region the unescaped end is the same for every opening quote, and the
        // candidates are the escaped quotes after the opening one.
        if (memoEndClosable[m]) {
            return memoEnd[m];
        }
        int best = memoBestEscaped[m];
        return best > w ? best : -1;
    }
}
