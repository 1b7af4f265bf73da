package io.github.aegirmaven.aegir.makefile;

/** The few PHP value semantics drush's make code relies on. */
final class Php {

    private Php() {}

    /** PHP's {@code empty()}: null, false, "", "0", 0, 0.0 and empty arrays. */
    static boolean isEmpty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof Boolean) {
            return !(Boolean) v;
        }
        if (v instanceof String) {
            return ((String) v).isEmpty() || v.equals("0");
        }
        if (v instanceof Long) {
            return (Long) v == 0L;
        }
        if (v instanceof Double) {
            return (Double) v == 0.0;
        }
        if (v instanceof PhpArray) {
            return ((PhpArray) v).isEmpty();
        }
        return false;
    }

    /** PHP's string conversion of a scalar: true is "1", false and null are "". */
    static String toPhpString(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "1" : "";
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (Double.isNaN(d)) {
                return "NAN";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? "INF" : "-INF";
            }
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            String s = Double.toString(d);
            return s.replace("E", "E+").replace("E+-", "E-");
        }
        if (v instanceof PhpArray) {
            return "Array";
        }
        return v.toString();
    }

    /** PHP 8's {@code is_numeric}: optional surrounding whitespace, sign, digits, fraction, exponent. */
    static boolean isNumeric(Object v) {
        if (v instanceof Long || v instanceof Double) {
            return true;
        }
        if (!(v instanceof String)) {
            return false;
        }
        String s = (String) v;
        int n = s.length();
        int i = 0;
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int exp = 0;
            while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                j++;
                exp++;
            }
            if (exp > 0) {
                i = j;
            }
        }
        while (i < n && isSpace(s.charAt(i))) {
            i++;
        }
        return i == n;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000B' || c == '\f';
    }

    /** PHP 8's loose {@code ==} between two scalars (enough for drush's checks). */
    static boolean looseEquals(Object a, Object b) {
        if (a instanceof Boolean || b instanceof Boolean) {
            return !isEmpty(a) == !isEmpty(b);
        }
        if (a == null || b == null) {
            Object other = a == null ? b : a;
            return other instanceof String ? ((String) other).isEmpty() : isEmpty(other);
        }
        if (a instanceof PhpArray || b instanceof PhpArray) {
            return false;
        }
        boolean an = isNumeric(a);
        boolean bn = isNumeric(b);
        if (an && bn) {
            return Double.parseDouble(toPhpString(a).trim())
                    == Double.parseDouble(toPhpString(b).trim());
        }
        return toPhpString(a).equals(toPhpString(b));
    }
}
