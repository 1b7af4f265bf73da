package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A Drupal / drush {@code .info} file: {@code key = value} lines, {@code ;} comments, quotes stripped, the
 * last assignment of a key wins (which is how the drupal.org packaging block appended at the end of the
 * file overrides a {@code version=0.4} from git). Array keys ({@code dependencies[] = x}) are ignored.
 */
public final class InfoFile {

    private InfoFile() {}

    public static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : text.split("\r\n|\r|\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            if (key.isEmpty() || key.contains("[") || key.contains("]")) {
                continue;
            }
            String value = unquote(line.substring(eq + 1).strip());
            out.remove(key);
            out.put(key, value);
        }
        return Collections.unmodifiableMap(out);
    }

    public static Map<String, String> parse(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    /** The {@code version} of an .info file, if the file exists and has one. */
    public static Optional<String> version(Path infoFile) throws IOException {
        return value(infoFile, "version");
    }

    /** One key of an .info file, if the file exists and has a non-empty value for it. */
    public static Optional<String> value(Path infoFile, String key) throws IOException {
        if (!Files.isRegularFile(infoFile)) {
            return Optional.empty();
        }
        return Optional.ofNullable(parse(infoFile).get(key)).filter(v -> !v.isEmpty());
    }

    private static String unquote(String v) {
        if (v.length() >= 2) {
            char q = v.charAt(0);
            if ((q == '"' || q == '\'') && v.charAt(v.length() - 1) == q) {
                String inner = v.substring(1, v.length() - 1);
                return inner.replace("\\" + q, String.valueOf(q)).replace("\\\\", "\\");
            }
        }
        return v;
    }
}
