package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs drush as the aegir user: {@code php <home>/drush/drush.php --php=php <args...>}, in the given working
 * directory, with the aegir user's environment ({@link DrushEnvironment}: {@code HOME} the Aegir home, a PATH fit
 * for that user, never the build's) and umask 022, every argument its own argv entry. {@code --php} tells drush
 * which PHP runs its child drush calls (without it they would run drush.php through its shebang, with the first
 * {@code php} on the PATH).
 *
 * <p>As the aegir user it runs
 * {@code /bin/sh -c 'umask 022; HOME="$1"; export HOME; cd "$2" ...; shift 2; exec "$@"' sh HOME DIR ENV php drush.php
 * ARGS...}; as root the same through {@code su -s /bin/sh -c SCRIPT -- USER sh HOME DIR ENV php drush.php ARGS...},
 * where ENV is {@code /usr/bin/env -i NAME=VALUE...}, so that drush gets exactly its environment whatever su and
 * PAM set (some reset PATH or read /etc/environment). The script is fixed text: user data only ever arrives as
 * positional parameters, never interpolated into a shell string. Any other user is refused.
 *
 * <p>Output is streamed line by line into the build log as it comes ({@code [drush] } prefix; drush's errors and
 * PHP's fatal errors at ERROR, warnings and other stderr lines at WARN, the rest at INFO), secrets masked, and
 * into the full log file when {@link #logTo} gave a directory. For the failure message it keeps drush's
 * {@code [error]} lines and PHP's fatal errors from anywhere in the output (bounded) and the last
 * {@value #KEEP_LINES} lines ({@link DrushOutput}). At the timeout, or when the JVM shuts down (Ctrl-C), drush and
 * everything it started is killed.
 */
public final class DrushRunner {

    /** How many of the last output lines a {@link DrushResult} keeps. */
    public static final int KEEP_LINES = 40;

    /** Fixed: $1 = home, $2 = working directory, then the command. */
    static final String SCRIPT = "umask 022; HOME=\"$1\"; export HOME; "
            + "cd \"$2\" || { echo \"aegir-maven-plugin: cannot change into the directory $2 as user"
            + " $(id -un)\" >&2; exit 125; }; "
            + "shift 2; exec \"$@\"";

    private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

    private final BuildLog log;
    private final CurrentUser current;
    private final Optional<Path> logDirectory;
    private final Clock clock;
    private final Optional<String> term = Optional.ofNullable(System.getenv("TERM"));

    /** A runner for the user this JVM runs as. */
    public DrushRunner(BuildLog log) {
        this(log, CurrentUser.detect());
    }

    public DrushRunner(BuildLog log, CurrentUser current) {
        this(log, current, Optional.empty(), Clock.systemDefaultZone());
    }

    private DrushRunner(BuildLog log, CurrentUser current, Optional<Path> logDirectory, Clock clock) {
        this.log = log;
        this.current = current;
        this.logDirectory = logDirectory;
        this.clock = clock;
    }

    /**
     * This runner, saving every line of each run, secrets masked, in a new file
     * {@code drush-<yyyyMMdd-HHmmss>-<command>.log} in {@code directory} (created when missing), which failure
     * messages name.
     */
    public DrushRunner logTo(Path directory) {
        return new DrushRunner(log, current, Optional.of(directory), clock);
    }

    /** This runner, with the clock that stamps the names of its log files. */
    DrushRunner withClock(Clock clock) {
        return new DrushRunner(log, current, logDirectory, clock);
    }

    /** Every variable drush gets, and nothing else ({@link DrushEnvironment}). */
    public Map<String, String> environment(DrushInvocation inv) {
        return DrushEnvironment.of(inv, term, ProcessHandle.current().pid());
    }

    /**
     * The argv that {@link #run} executes.
     *
     * @throws UserFixableException when this JVM's user can act neither as the aegir user nor through su
     */
    public List<String> commandLine(DrushInvocation inv) throws UserFixableException {
        String user = inv.aegirUser();
        if (!USER.matcher(user).matches()) {
            throw new UserFixableException(
                    Setting.USER + " must be a Unix user name such as 'aegir', but was '" + user + "'.");
        }
        Optional<String> phpProblem = DrushEnvironment.phpProblem(inv.php());
        if (phpProblem.isPresent()) {
            throw new UserFixableException(phpProblem.get());
        }
        List<String> argv = new ArrayList<>();
        if (current.is(user)) {
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(SCRIPT);
        } else if (current.root()) {
            argv.add(suBinary());
            argv.add("-s");
            argv.add("/bin/sh");
            argv.add("-c");
            argv.add(SCRIPT);
            argv.add("--");
            argv.add(user);
        } else {
            throw new UserFixableException(
                    "drush must run as the aegir user " + user + " (aegirUser/" + Setting.USER.flag() + "), but this "
                            + "build runs as " + current.name() + ", which can neither act as " + user
                            + " nor switch to it. Run the "
                            + "build as " + user + ": " + Preflight.suCommand(user, "mvn ...") + " (or as root).");
        }
        argv.add("sh");
        argv.add(inv.home().root().toString());
        argv.add(inv.workingDirectory().toString());
        argv.addAll(DrushEnvironment.envCommand(environment(inv)));
        argv.addAll(drushWords(inv));
        return argv;
    }

    /** {@code php drush.php --php=php ARGS...}: drush gets the PHP that runs it for its children too. */
    static List<String> drushWords(DrushInvocation inv) {
        List<String> words = new ArrayList<>();
        words.add(inv.php());
        words.add(inv.drushPhp().toString());
        words.add("--php=" + inv.php());
        words.addAll(inv.args());
        return words;
    }

    /** The drush command as a person would type it (secrets masked): {@code php /var/aegir/drush/drush.php ...}. */
    public static String describe(DrushInvocation inv) {
        SecretMasker masker = new SecretMasker(inv.secrets());
        List<String> words = drushWords(inv);
        return "(cd " + quote(inv.workingDirectory().toString()) + " && "
                + words.stream().map(w -> quote(masker.mask(w))).collect(Collectors.joining(" ")) + ")";
    }

    private static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : Preflight.shellQuote(word);
    }

    private static String suBinary() {
        for (String p : List.of("/bin/su", "/usr/bin/su")) {
            if (Files.isExecutable(Paths.get(p))) {
                return p;
            }
        }
        return "su";
    }

    /**
     * Runs drush and returns how it ended (a non-zero exit is a result, not an exception).
     *
     * @throws UserFixableException when drush is not installed, the working directory is missing, or this user
     *                              cannot run it as the aegir user
     * @throws IOException          when the process cannot be started at all
     */
    public DrushResult run(DrushInvocation inv) throws UserFixableException, IOException {
        List<String> argv = commandLine(inv);
        if (!Files.isRegularFile(inv.drushPhp())) {
            throw new UserFixableException("drush is not installed in the Aegir home: " + inv.drushPhp()
                    + " does not exist. " + "Check aegirHome (" + Setting.HOME.flag() + "="
                    + inv.home().root() + ") or run the backend-upgrade goal first.");
        }
        if (!Files.isDirectory(inv.workingDirectory())) {
            throw new UserFixableException(
                    "The directory to run drush in, " + inv.workingDirectory() + ", does not exist.");
        }
        String display = describe(inv);
        String runsAs = current.is(inv.aegirUser()) ? "" : " as " + inv.aegirUser() + " (through su)";
        boolean interactive = inv.stdin() == StdinMode.INHERIT;
        DrushOutput output = DrushOutput.start(inv, display, runsAs, logDirectory, clock, log);
        LineSink out = new LineSink(line -> output.line(line, false), interactive);
        LineSink err = new LineSink(line -> output.line(line, true), interactive);

        CommandLine cl = new CommandLine(argv.get(0));
        for (String a : argv.subList(1, argv.size())) {
            cl.addArgument(a, false);
        }
        DefaultExecutor executor = DefaultExecutor.builder()
                .setWorkingDirectory(inv.workingDirectory().toFile())
                .get();
        executor.setExitValues(null);
        ProcessTrees.Watch watchdog = new ProcessTrees.Watch(inv.timeout());
        executor.setWatchdog(watchdog);
        executor.setProcessDestroyer(new ProcessTrees.OnShutdown());
        executor.setStreamHandler(new PumpStreamHandler(out, err, interactive ? System.in : null));

        // su and sh get drush's environment too: nothing of the build's reaches them either
        Map<String, String> env = environment(inv);

        log.info("Running " + display + runsAs);
        log.info("  with " + DrushEnvironment.describe(env) + " (none of this build's environment)");
        Integer exit = null;
        try {
            exit = executor.execute(cl, env);
        } finally {
            out.close();
            err.close();
            output.finish(exit, watchdog.killedProcess(), inv.timeout());
        }
        DrushResult result = output.result(exit, watchdog.killedProcess(), inv.timeout(), display);
        result.logFile().ifPresent(f -> log.debug("drush's full output, secrets masked: " + f));
        if (result.timedOut()) {
            log.error(result.explainExitCode());
        } else {
            log.debug("drush exited with code " + exit);
        }
        return result;
    }
}
