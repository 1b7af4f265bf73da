package io.github.aegirmaven.aegir.drush;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in lines drush, provision or this plugin print, before they reach the build log, an error
 * message or the saved drush log. Two ways, both always applied:
 * <ul>
 *   <li>the exact values the caller knows to be secret (a database password given as a parameter), wherever
 *       they appear;</li>
 *   <li>the value of any secret key in every form drush and provision print one: a PHP array
 *       ({@code 'db_passwd' => 'secret'}, {@code db_passwd => 'secret'}, print_r's {@code [db_passwd] => secret}),
 *       a drushrc line ({@code $options['db_passwd'] = 'secret';}, {@code $db_passwd = 'secret';}), JSON as in
 *       backend mode ({@code "db_passwd":"secret"}), an option ({@code --db-passwd=secret}, {@code password=secret}),
 *       {@code Password: secret}, SQL's {@code IDENTIFIED BY 'secret'}; and the password of any URL
 *       ({@code mysql://user:secret@host/db}, also with JSON's escaped slashes {@code mysql:\/\/user:secret@host},
 *       as in {@code master_db} and {@code db_url}).</li>
 * </ul>
 * A secret key is any name containing {@code pass} (pass, passwd, password, db_passwd, aegir_db_pass...),
 * {@code pwd}, {@code secret}, {@code token}, {@code salt}, {@code private_key}, {@code cron_key} or
 * {@code api_key}, in any case. The secret part becomes {@code ****}; the rest of the line stays readable.
 */
public final class SecretMasker {

    public static final String MASK = "****";

    /** Key names that hold secrets: anything with pass (passwd, password, db_pass), pwd, secret, token, salt... */
    private static final String KEY =
            "[A-Za-z0-9_]*(?:pass|pwd|secret|token|salt|private_key|cron_key|api_key)[A-Za-z0-9_]*";

    private static final List<Pattern> PATTERNS = List.of(
            // scheme://user:secret@host (db_url, --db-url, master_db, remote URLs), also JSON's scheme:\/\/...
            Pattern.compile(
                    "(?<keep>[A-Za-z][A-Za-z0-9+.-]*:(?:\\\\?/){2}[^:/@\\s'\"\\\\]*:)" + "(?<secret>[^\\s'\"]*)(?=@)"),
            // 'db_passwd' => 'secret'  /  "db_passwd" => "secret"
            Pattern.compile("(?i)(?<keep>(['\"])" + KEY + "\\2\\s*=>\\s*(['\"]))(?<secret>(?:\\\\.|(?!\\3).)*)(?=\\3)"),
            // db_passwd => 'secret' (an unquoted key, as drush_print_r and some provision messages print it)
            Pattern.compile("(?i)(?<keep>(?<![A-Za-z0-9_$'\"\\[])" + KEY + "\\s*=>\\s*(['\"]))"
                    + "(?<secret>(?:\\\\.|(?!\\2).)*)(?=\\2)"),
            // db_passwd => secret
            Pattern.compile(
                    "(?i)(?<keep>(?<![A-Za-z0-9_$'\"\\[])" + KEY + "\\s*=>\\s*)" + "(?<secret>[^\\s'\",][^\\s,]*)"),
            // $options['db_passwd'] = 'secret'
            Pattern.compile("(?i)(?<keep>\\[\\s*(['\"])" + KEY
                    + "\\2\\s*\\]\\s*=\\s*(['\"]))(?<secret>(?:\\\\.|(?!\\3).)*)(?=\\3)"),
            // $db_passwd = 'secret'
            Pattern.compile("(?i)(?<keep>\\$" + KEY + "\\s*=\\s*(['\"]))(?<secret>(?:\\\\.|(?!\\2).)*)(?=\\2)"),
            // print_r: [db_passwd] => secret
            Pattern.compile("(?i)(?<keep>\\[" + KEY + "\\]\\s*=>\\s*)(?<secret>\\S.*)$"),
            // JSON: "db_passwd": "secret"
            Pattern.compile("(?i)(?<keep>\"" + KEY + "\"\\s*:\\s*\")(?<secret>(?:\\\\.|[^\"\\\\])*)(?=\")"),
            // password=secret, --aegir_db_pass=secret, --db-passwd='secret'
            Pattern.compile("(?i)(?<keep>(?<![A-Za-z0-9_$\\[\"'])-{0,2}" + KEY.replace("[A-Za-z0-9_]", "[A-Za-z0-9_-]")
                    + "\\s*=(?!>)\\s*)(?<secret>\"[^\"]*\"|'[^']*'|[^\\s&;,'\"]+)"),
            // Password: secret
            Pattern.compile("(?i)(?<keep>\\b(?:password|passwd)\\s*:\\s+)(?<secret>\\S+)"),
            // GRANT ... IDENTIFIED BY 'secret'
            Pattern.compile(
                    "(?i)(?<keep>identified\\s+by\\s+(?:password\\s+)?(['\"]))(?<secret>(?:\\\\.|(?!\\2).)*)(?=\\2)"));

    private final List<String> knownSecrets;

    /** A masker for the patterns only. */
    public SecretMasker() {
        this(List.of());
    }

    /**
     * A masker that also hides the given exact values wherever they appear (values shorter than 4
     * characters are ignored: masking them would garble ordinary text).
     */
    public SecretMasker(Collection<String> knownSecrets) {
        List<String> s = new ArrayList<>();
        for (String v : knownSecrets) {
            if (v != null && v.length() >= 4 && !s.contains(v)) {
                s.add(v);
            }
        }
        s.sort(Comparator.comparingInt(String::length).reversed());
        this.knownSecrets = List.copyOf(s);
    }

    /** A masker hiding these values as well as this one's. */
    public SecretMasker with(Collection<String> moreSecrets) {
        List<String> all = new ArrayList<>(knownSecrets);
        all.addAll(moreSecrets);
        return new SecretMasker(all);
    }

    public String mask(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String out = line;
        for (String secret : knownSecrets) {
            out = out.replace(secret, MASK);
        }
        for (Pattern p : PATTERNS) {
            Matcher m = p.matcher(out);
            StringBuilder sb = null;
            int last = 0;
            while (m.find()) {
                String secret = m.group("secret");
                if (secret.isEmpty() || secret.equals(MASK)) {
                    continue;
                }
                if (sb == null) {
                    sb = new StringBuilder(out.length());
                }
                sb.append(out, last, m.start("secret")).append(MASK);
                last = m.end("secret");
            }
            if (sb != null) {
                sb.append(out, last, out.length());
                out = sb.toString();
            }
        }
        return out;
    }
}
