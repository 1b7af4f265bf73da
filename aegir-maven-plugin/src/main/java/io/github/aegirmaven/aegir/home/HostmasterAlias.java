package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code ~/.drush/hostmaster.alias.drushrc.php} says about the hostmaster site: provision writes it as
 * {@code <?php $aliases['hostmaster'] = array ( 'root' => '/var/aegir/hostmaster-…', 'platform' => '@platform_…',
 * … );} (a {@code var_export} of the context), and {@code provision-migrate} re-saves it with the new platform's
 * root before it deploys the site there. The file is PHP: it is never run, only read for the top-level string
 * values of that one array (single- or double-quoted keys and values; nested arrays, numbers, booleans and comments
 * are skipped).
 *
 * @param file    the alias file
 * @param values  the top-level string values of {@code $aliases['hostmaster']} (empty when the file is absent or
 *                could not be read)
 * @param problem why the file could not be read, if it exists and could not
 */
public record HostmasterAlias(Path file, Map<String, String> values, Optional<String> problem) {

    /** Reads the home's hostmaster alias; never fails: a missing or unreadable file gives no values. */
    public static HostmasterAlias read(AegirHome home) {
        Path file = home.hostmasterAlias();
        if (!Files.isRegularFile(file)) {
            return new HostmasterAlias(file, Map.of(), Optional.empty());
        }
        try {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            Optional<Map<String, String>> values = parse(text, "hostmaster");
            if (values.isEmpty()) {
                return new HostmasterAlias(
                        file,
                        Map.of(),
                        Optional.of(file + " has no $aliases['hostmaster'] = array(…) that this plugin can read"));
            }
            return new HostmasterAlias(file, values.get(), Optional.empty());
        } catch (IOException e) {
            return new HostmasterAlias(file, Map.of(), Optional.of(file + " could not be read: " + e.getMessage()));
        }
    }

    /** The site's Drupal root ({@code 'root'}), when the alias names an absolute one. */
    public Optional<Path> root() {
        String root = values.get("root");
        if (root == null || !root.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(Paths.get(root).normalize());
    }

    /** The site's platform context ({@code 'platform'}, e.g. {@code @platform_hostmaster}), if any. */
    public Optional<String> platform() {
        return Optional.ofNullable(values.get("platform"));
    }

    /** Whether the alias names {@code dir} as the site's root. */
    public boolean pointsAt(Path dir) {
        return root().map(r -> r.equals(dir.normalize())).orElse(false);
    }

    /**
     * The top-level string values of {@code $aliases['NAME'] = array(…)} (or {@code […]}) in PHP source text; empty
     * when there is no such assignment or it is not a plain array literal.
     */
    public static Optional<Map<String, String>> parse(String text, String name) {
        Scanner s = new Scanner(text);
        while (s.find("$aliases")) {
            int after = s.pos;
            s.skipSpace();
            if (s.take('[')) {
                s.skipSpace();
                Optional<String> key = s.string();
                s.skipSpace();
                if (key.isPresent() && key.get().equals(name) && s.take(']')) {
                    s.skipSpace();
                    if (s.take('=') && !s.peek('=')) {
                        s.skipSpace();
                        Optional<Map<String, String>> values = s.arrayLiteral();
                        if (values.isPresent()) {
                            return values;
                        }
                    }
                }
            }
            s.pos = after;
        }
        return Optional.empty();
    }

    /** A minimal reader of PHP array literals: strings, bare scalars, nested arrays, comments. */
    private static final class Scanner {
        private final String t;
        private int pos;

        Scanner(String text) {
            this.t = text;
        }

        /** Moves past the next {@code word} in code: comments and string literals are skipped, not searched. */
        boolean find(String word) {
            while (pos < t.length()) {
                skipSpace();
                if (pos >= t.length()) {
                    return false;
                }
                char c = t.charAt(pos);
                if (t.startsWith(word, pos)) {
                    pos += word.length();
                    return true;
                }
                if (c == '\'' || c == '"') {
                    int i = pos + 1;
                    while (i < t.length() && t.charAt(i) != c) {
                        i += t.charAt(i) == '\\' ? 2 : 1;
                    }
                    pos = i + 1;
                } else {
                    pos++;
                }
            }
            return false;
        }

        boolean peek(char c) {
            return pos < t.length() && t.charAt(pos) == c;
        }

        boolean take(char c) {
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        void skipSpace() {
            while (pos < t.length()) {
                char c = t.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (t.startsWith("//", pos) || c == '#') {
                    int nl = t.indexOf('\n', pos);
                    pos = nl < 0 ? t.length() : nl + 1;
                } else if (t.startsWith("/*", pos)) {
                    int end = t.indexOf("*/", pos + 2);
                    pos = end < 0 ? t.length() : end + 2;
                } else {
                    return;
                }
            }
        }

        /** A quoted string with PHP's escapes for that quote; empty (position unchanged) when none is here. */
        Optional<String> string() {
            if (!peek('\'') && !peek('"')) {
                return Optional.empty();
            }
            char quote = t.charAt(pos);
            StringBuilder out = new StringBuilder();
            for (int i = pos + 1; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c == quote) {
                    pos = i + 1;
                    return Optional.of(out.toString());
                }
                if (c == '\\' && i + 1 < t.length()) {
                    char n = t.charAt(i + 1);
                    if (n == quote || n == '\\') {
                        out.append(n);
                        i++;
                        continue;
                    }
                    if (quote == '"' && (n == '$' || n == 'n' || n == 't')) {
                        out.append(n == 'n' ? '\n' : n == 't' ? '\t' : '$');
                        i++;
                        continue;
                    }
                } else if (quote == '"' && c == '$') {
                    return Optional.empty(); // interpolation: not a literal this reader can trust
                }
                out.append(c);
            }
            return Optional.empty();
        }

        /** {@code array( … )} or {@code [ … ]}: its top-level string values; empty when it is not a literal. */
        Optional<Map<String, String>> arrayLiteral() {
            char close;
            if (t.regionMatches(true, pos, "array", 0, 5)) {
                pos += 5;
                skipSpace();
                if (!take('(')) {
                    return Optional.empty();
                }
                close = ')';
            } else if (take('[')) {
                close = ']';
            } else {
                return Optional.empty();
            }
            Map<String, String> values = new LinkedHashMap<>();
            while (true) {
                skipSpace();
                if (take(close)) {
                    return Optional.of(values);
                }
                Optional<String> key = string();
                if (key.isEmpty()) {
                    key = Optional.of(bare());
                    if (key.get().isEmpty()) {
                        return Optional.empty();
                    }
                }
                skipSpace();
                if (!t.startsWith("=>", pos)) {
                    return Optional.empty(); // a list without keys: not an alias
                }
                pos += 2;
                skipSpace();
                Optional<String> value = string();
                if (value.isPresent()) {
                    values.put(key.get(), value.get()); // as in PHP, a repeated key: the last wins
                } else if (t.regionMatches(true, pos, "array", 0, 5) || peek('[')) {
                    if (arrayLiteral().isEmpty()) {
                        return Optional.empty();
                    }
                } else if (bare().isEmpty()) {
                    return Optional.empty();
                }
                skipSpace();
                if (!take(',')) {
                    skipSpace();
                    if (!take(close)) {
                        return Optional.empty();
                    }
                    return Optional.of(values);
                }
            }
        }

        /** A bare scalar (number, true, false, NULL, a constant): letters, digits, '.', '-', '+', '_'. */
        String bare() {
            int start = pos;
            while (pos < t.length()) {
                char c = t.charAt(pos);
                if (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '+' || c == '_') {
                    pos++;
                } else {
                    break;
                }
            }
            return t.substring(start, pos);
        }
    }
}
