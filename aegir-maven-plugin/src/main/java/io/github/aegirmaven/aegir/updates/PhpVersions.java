package io.github.aegirmaven.aegir.updates;

import java.util.ArrayList;
import java.util.List;

/**
 * PHP's {@code version_compare($a, $b)} (without an operator), which drush make uses to pick the best release:
 * the strings are cut into parts at {@code . - _ +} and wherever digits meet other characters; numbers compare as
 * numbers; words rank {@code dev < alpha = a < beta = b < RC = rc < (a number) < pl = p}, any other word below
 * {@code dev}. So {@code 2.12 > 2.x}, {@code 2.13-beta1 > 2.12} and {@code 2.13-beta1 < 2.13}.
 */
public final class PhpVersions {

    private static final String NUMBER = "#";

    private PhpVersions() {}

    /** -1, 0 or 1 as PHP's {@code version_compare(a, b)}; {@code null} counts as the empty string. */
    public static int compare(String a, String b) {
        String left = a == null ? "" : a;
        String right = b == null ? "" : b;
        if (left.isEmpty() || right.isEmpty()) {
            return left.isEmpty() == right.isEmpty() ? 0 : left.isEmpty() ? -1 : 1;
        }
        return compareParts(parts(left), parts(right));
    }

    private static int compareParts(List<String> p1, List<String> p2) {
        int n = Math.min(p1.size(), p2.size());
        for (int i = 0; i < n; i++) {
            int c = comparePart(p1.get(i), p2.get(i));
            if (c != 0) {
                return c;
            }
        }
        if (p1.size() > n) {
            return isDigits(p1.get(n)) ? 1 : compareParts(p1.subList(n, p1.size()), List.of(NUMBER));
        }
        if (p2.size() > n) {
            return isDigits(p2.get(n)) ? -1 : compareParts(List.of(NUMBER), p2.subList(n, p2.size()));
        }
        return 0;
    }

    private static int comparePart(String x, String y) {
        boolean dx = isDigits(x);
        boolean dy = isDigits(y);
        if (dx && dy) {
            return Integer.signum(new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y)));
        }
        int ox = dx ? rank(NUMBER) : rank(x);
        int oy = dy ? rank(NUMBER) : rank(y);
        return Integer.signum(ox - oy);
    }

    /** PHP's special forms, matched as prefixes in this order (as strncmp does). */
    private static int rank(String form) {
        String[][] forms = {
            {"dev", "0"},
            {"alpha", "1"},
            {"a", "1"},
            {"beta", "2"},
            {"b", "2"},
            {"RC", "3"},
            {"rc", "3"},
            {NUMBER, "4"},
            {"pl", "5"},
            {"p", "5"}
        };
        for (String[] f : forms) {
            if (form.startsWith(f[0])) {
                return Integer.parseInt(f[1]);
            }
        }
        return -1;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i)) || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** PHP's canonical form, split at the dots. */
    static List<String> parts(String version) {
        StringBuilder q = new StringBuilder();
        q.append(version.charAt(0));
        char lp = version.charAt(0);
        for (int i = 1; i < version.length(); i++) {
            char p = version.charAt(i);
            char last = q.charAt(q.length() - 1);
            if (p == '-' || p == '_' || p == '+') {
                if (last != '.') {
                    q.append('.');
                }
            } else if ((isNonDigit(lp) && isDigit(p)) || (isDigit(lp) && isNonDigit(p))) {
                if (last != '.') {
                    q.append('.');
                }
                q.append(p);
            } else if (!Character.isLetterOrDigit(p) || p > 'z') {
                if (last != '.') {
                    q.append('.');
                }
            } else {
                q.append(p);
            }
            lp = p;
        }
        List<String> result = new ArrayList<>();
        for (String part : q.toString().split("\\.", -1)) {
            if (!part.isEmpty()) {
                result.add(part);
            }
        }
        return result;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNonDigit(char c) {
        return !isDigit(c) && c != '.';
    }
}
