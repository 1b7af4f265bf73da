package io.github.aegirmaven.aegir.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A small JSON writer for reports: maps, lists, strings, numbers, booleans and {@code null}.
 *
 * <p>Key order is stable: a {@link LinkedHashMap} or {@link SortedMap} is written in its own iteration
 * order, any other map sorted by key. Map keys are written with {@link String#valueOf}. Strings are
 * escaped as PHP's {@code json_encode} does with {@code JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE}
 * ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control characters and U+2028/U+2029 as
 * {@code \}{@code u00xx}), so compact output can be compared byte for byte with PHP's.
 */
public final class Json {

    private Json() {}

    /** Compact JSON, no whitespace. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, false);
        return out.toString();
    }

    /** Indented JSON (two spaces), ending without a newline. */
    public static String pretty(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, true);
        return out.toString();
    }

    /** Writes {@code value} to {@code out}, indented when {@code pretty}. */
    public static void write(Object value, Appendable out, boolean pretty) {
        try {
            new Writer(out, pretty).value(value, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON string literal for {@code s}, quotes included. */
    public static String quote(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        try {
            appendString(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void appendString(CharSequence s, Appendable out) throws IOException {
        out.append('"');
        int n = s.length();
        int from = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c >= 0x20 && c != 0x2028 && c != 0x2029) {
                continue;
            } else if (c == '\n') {
                escape = "\\n";
            } else if (c == '\r') {
                escape = "\\r";
            } else if (c == '\t') {
                escape = "\\t";
            } else if (c == '\b') {
                escape = "\\b";
            } else if (c == '\f') {
                escape = "\\f";
            } else {
                escape = String.format("\\u%04x", (int) c);
            }
            out.append(s, from, i).append(escape);
            from = i + 1;
        }
        out.append(s, from, n).append('"');
    }

    private static final class Writer {
        private final Appendable out;
        private final boolean pretty;

        Writer(Appendable out, boolean pretty) {
            this.out = out;
            this.pretty = pretty;
        }

        void value(Object v, int depth) throws IOException {
            if (v == null) {
                out.append("null");
            } else if (v instanceof CharSequence) {
                appendString((CharSequence) v, out);
            } else if (v instanceof Boolean) {
                out.append(v.toString());
            } else if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("JSON has no representation for the number " + d);
                }
                out.append(v.toString());
            } else if (v instanceof Integer
                    || v instanceof Long
                    || v instanceof Short
                    || v instanceof Byte
                    || v instanceof BigInteger) {
                out.append(v.toString());
            } else if (v instanceof BigDecimal) {
                out.append(((BigDecimal) v).toPlainString());
            } else if (v instanceof Map) {
                object((Map<?, ?>) v, depth);
            } else if (v instanceof Collection) {
                array((Collection<?>) v, depth);
            } else if (v instanceof Object[]) {
                array(List.of((Object[]) v), depth);
            } else {
                throw new IllegalArgumentException(
                        "cannot write a " + v.getClass().getName() + " as JSON");
            }
        }

        private void object(Map<?, ?> map, int depth) throws IOException {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
            if (!(map instanceof LinkedHashMap) && !(map instanceof SortedMap)) {
                entries.sort((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey())));
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : entries) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                appendString(String.valueOf(e.getKey()), out);
                out.append(pretty ? ": " : ":");
                value(e.getValue(), depth + 1);
            }
            newline(depth);
            out.append('}');
        }

        private void array(Collection<?> list, int depth) throws IOException {
            if (list.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                newline(depth + 1);
                value(item, depth + 1);
            }
            newline(depth);
            out.append(']');
        }

        private void newline(int depth) throws IOException {
            if (pretty) {
                out.append('\n');
                for (int i = 0; i < depth; i++) {
                    out.append("  ");
                }
            }
        }
    }
}
