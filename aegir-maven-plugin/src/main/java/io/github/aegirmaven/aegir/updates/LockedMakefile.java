package io.github.aegirmaven.aegir.updates;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a locked make file: plain drush make INI that drush_make 6.x-2.2 builds and verifies itself. Projects and
 * libraries sorted by name, one blank line between them, each with its attributes in a fixed order.
 */
final class LockedMakefile {

    private LockedMakefile() {}

    /**
     * @param projects name to attributes (already in the order to write)
     * @param notLocked name to why, written as a comment above the entry
     */
    static String render(
            String sourceName,
            String core,
            Map<String, Map<String, Object>> projects,
            Map<String, Map<String, Object>> libraries,
            Map<String, String> notLocked) {
        StringBuilder out = new StringBuilder();
        out.append("; Locked by aegir-maven-plugin makefile-lock from ")
                .append(sourceName)
                .append(". Do not edit by hand:\n; run mvn aegir:makefile-lock again.\n");
        out.append("core = ").append(core).append('\n');
        out.append("api = 2\n");
        section(out, "projects", projects, notLocked);
        section(out, "libraries", libraries, notLocked);
        return out.toString();
    }

    private static void section(
            StringBuilder out, String kind, Map<String, Map<String, Object>> items, Map<String, String> notLocked) {
        for (Map.Entry<String, Map<String, Object>> item : new TreeMap<>(items).entrySet()) {
            out.append('\n');
            String why = notLocked.get(kind + ":" + item.getKey());
            if (why != null) {
                out.append("; NOT LOCKED: ").append(why.replace('\n', ' ')).append('\n');
            }
            lines(out, kind + "[" + item.getKey() + "]", item.getValue());
        }
    }

    @SuppressWarnings("unchecked")
    private static void lines(StringBuilder out, String prefix, Map<String, Object> map) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix + "[" + e.getKey() + "]";
            if (e.getValue() instanceof Map<?, ?> m) {
                lines(out, key, (Map<String, Object>) m);
            } else if (e.getValue() instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    out.append(key)
                            .append("[] = ")
                            .append(value(list.get(i).toString()))
                            .append('\n');
                }
            } else {
                out.append(key)
                        .append(" = ")
                        .append(value(e.getValue().toString()))
                        .append('\n');
            }
        }
    }

    /** Unquoted when drush's parser reads it back unchanged; double-quoted (with {@code \"}) otherwise. */
    static String value(String v) {
        boolean plain = !v.isEmpty()
                && v.equals(v.strip())
                && v.indexOf('\n') < 0
                && v.indexOf('\r') < 0
                && v.charAt(0) != '"'
                && v.charAt(0) != '\''
                && !v.contains("\\");
        return plain ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
