package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.Setting;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The environment drush runs with: the aegir user's, built from nothing, never the build's. Maven's own variables
 * (MAVEN_OPTS, JAVA_HOME, M2_HOME, CLASSPATH...) and root's PATH stay out, because drush hands its environment on:
 * its child drush calls find {@code php} on its PATH, and hosting-setup writes that PATH into the aegir user's
 * crontab, where Aegir's task queue runs with it every minute.
 *
 * <ul>
 *   <li>{@code HOME} the Aegir home, {@code USER} and {@code LOGNAME} the aegir user, {@code SHELL} /bin/sh (the
 *       shell the plugin runs drush through, as the manual's {@code su -s /bin/sh aegir});</li>
 *   <li>{@code PATH} {@value #SYSTEM_PATH}, with the directory of the {@code php} parameter first when it is an
 *       absolute path, so that what runs {@code php} by name (drush.php's {@code #!/usr/bin/env php} line in the
 *       crontab) finds that PHP first;</li>
 *   <li>{@code LANG} {@value #LOCALE};</li>
 *   <li>{@code TERM} when the build has one (drush's prompts on a console);</li>
 *   <li>the plugin's own {@link OrphanedDrush#HOME_VARIABLE} and {@link OrphanedDrush#BUILD_VARIABLE}.</li>
 * </ul>
 */
public final class DrushEnvironment {

    /** The PATH drush gets: the system's programs, none of the build user's own directories. */
    public static final String SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** The locale drush gets. */
    public static final String LOCALE = "C.UTF-8";
    /** The shell drush is run through, and its {@code SHELL}. */
    public static final String SHELL = "/bin/sh";
    /** Starts drush with exactly the given environment, whatever su or PAM set before. */
    static final String ENV = "/usr/bin/env";

    /** Set by the plugin itself; not through {@link DrushInvocation.Builder#env}. */
    static final Set<String> RESERVED = Set.of(
            "HOME",
            "USER",
            "LOGNAME",
            "SHELL",
            "PATH",
            "LANG",
            "LC_ALL",
            "TERM",
            OrphanedDrush.HOME_VARIABLE,
            OrphanedDrush.BUILD_VARIABLE);

    private static final Pattern PHP = Pattern.compile("[A-Za-z0-9_.+/-]+");

    private DrushEnvironment() {}

    /**
     * Why {@code php} cannot be given to drush, or empty when it can. drush writes it unquoted into the shell
     * command lines of its child processes ({@code PHP drush.php --php='PHP'}), which run in other directories: it
     * must be a command name found on {@link #SYSTEM_PATH} or an absolute path, of plain characters.
     */
    public static Optional<String> phpProblem(String php) {
        String why;
        if (php == null || php.isBlank()) {
            why = "is empty";
        } else if (!PHP.matcher(php).matches()) {
            why = "has characters other than letters, digits and . _ + - /, but drush writes it unquoted into the"
                    + " shell command lines of its child drush calls (" + php + " drush.php --php='" + php + "')";
        } else if (php.startsWith("-")) {
            why = "starts with '-', so it would be read as an option";
        } else if (php.contains("/") && !php.startsWith("/")) {
            why = "is a relative path, but drush's child drush calls run in other directories";
        } else {
            return Optional.empty();
        }
        return Optional.of(Setting.PHP + " is '" + php + "', which drush cannot run: it " + why + ". Set it to a"
                + " command name found on drush's PATH (" + SYSTEM_PATH + "), such as php or php7.4, or to an"
                + " absolute path such as /usr/bin/php7.4.");
    }

    /**
     * The PATH drush runs with for this {@code php}: {@link #SYSTEM_PATH}, with the directory of {@code php} first
     * when {@code php} is an absolute path (and not repeated further on).
     */
    public static String path(String php) {
        if (php == null || !php.startsWith("/")) {
            return SYSTEM_PATH;
        }
        int slash = php.lastIndexOf('/');
        String dir = slash == 0 ? "/" : php.substring(0, slash);
        List<String> entries = new ArrayList<>();
        entries.add(dir);
        Arrays.stream(SYSTEM_PATH.split(":")).filter(e -> !e.equals(dir)).forEach(entries::add);
        return String.join(":", entries);
    }

    /**
     * Every variable drush gets, in a fixed order.
     *
     * @param term     the build's {@code TERM}, if any
     * @param buildPid the process id of this build, for {@link OrphanedDrush}
     */
    public static Map<String, String> of(DrushInvocation inv, Optional<String> term, long buildPid) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", inv.home().root().toString());
        env.put("USER", inv.aegirUser());
        env.put("LOGNAME", inv.aegirUser());
        env.put("SHELL", SHELL);
        env.put("PATH", path(inv.php()));
        env.put("LANG", LOCALE);
        term.filter(t -> !t.isEmpty()).ifPresent(t -> env.put("TERM", t));
        env.putAll(inv.env());
        // so that the next build can find this drush if this JVM is killed while it runs (OrphanedDrush)
        env.put(OrphanedDrush.HOME_VARIABLE, inv.home().root().toString());
        env.put(OrphanedDrush.BUILD_VARIABLE, Long.toString(buildPid));
        return env;
    }

    /** {@code /usr/bin/env -i NAME=VALUE...}: the words that start the next command with exactly {@code env}. */
    static List<String> envCommand(Map<String, String> env) {
        List<String> argv = new ArrayList<>(List.of(ENV, "-i"));
        env.forEach((name, value) -> argv.add(name + "=" + value));
        return argv;
    }

    /** {@code NAME=VALUE} pairs of the variables a person would want to see: where drush runs and with what. */
    static String describe(Map<String, String> env) {
        return env.entrySet().stream()
                .filter(e -> List.of("HOME", "USER", "PATH", "LANG").contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
