package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The plugin's own state files (journal, manifest, install record, lock info) in {@code java.util.Properties}
 * syntax, but written in a stable, sorted order without the date comment so that they diff well.
 */
public final class PropertiesText {

    private PropertiesText() {}

    public static SortedMap<String, String> parse(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        SortedMap<String, String> out = new TreeMap<>();
        for (String name : p.stringPropertyNames()) {
            out.put(name, p.getProperty(name));
        }
        return out;
    }

    public static SortedMap<String, String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    public static String format(String comment, Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        if (comment != null) {
            for (String line : comment.split("\n")) {
                sb.append("# ").append(line).append('\n');
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            sb.append(escape(e.getKey(), true))
                    .append('=')
                    .append(escape(e.getValue(), false))
                    .append('\n');
        }
        return sb.toString();
    }

    public static void write(Path file, String comment, Map<String, String> values) throws IOException {
        AtomicFiles.write(file, format(comment, values));
    }

    private static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\f' -> sb.append("\\f");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
