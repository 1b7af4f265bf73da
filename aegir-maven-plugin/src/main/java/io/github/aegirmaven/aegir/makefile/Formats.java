package io.github.aegirmaven.aegir.makefile;

/** drush 7/8's content sniffing: {@code /^\s*core:/m} means YAML, {@code /^\s*core\s*=/m} means INI. */
final class Formats {

    private Formats() {}

    static boolean hasCoreColonLine(String text) {
        return coreLine(text, true);
    }

    static boolean hasCoreEqualsLine(String text) {
        return coreLine(text, false);
    }

    private static boolean coreLine(String text, boolean colon) {
        int n = text.length();
        int lineStart = 0;
        while (lineStart <= n) {
            int i = lineStart;
            while (i < n && isWs(text.charAt(i)) && text.charAt(i) != '\n') {
                i++;
            }
            if (text.startsWith("core", i)) {
                int j = i + 4;
                if (colon) {
                    if (j < n && text.charAt(j) == ':') {
                        return true;
                    }
                } else {
                    while (j < n && isWs(text.charAt(j))) {
                        j++;
                    }
                    if (j < n && text.charAt(j) == '=') {
                        return true;
                    }
                }
            }
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                return false;
            }
            lineStart = nl + 1;
        }
        return false;
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }
}
