package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the lines of one drush run go, each masked first ({@link SecretMasker}): the build log ({@code [drush] }
 * prefix; drush's errors and PHP's fatal errors at ERROR, its warnings and other stderr lines at WARN, the rest at
 * INFO), the last {@value DrushRunner#KEEP_LINES} lines and the error lines ({@link DrushErrors}) for the message,
 * and the full log file, every line, when there is a log directory. Memory stays bounded whatever drush prints.
 * Lines come from two threads (stdout and stderr).
 */
final class DrushOutput implements AutoCloseable {

    private static final String PREFIX = "[drush] ";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final BuildLog log;
    private final SecretMasker masker;
    private final Deque<String> last = new ArrayDeque<>();
    private final DrushErrors errors = new DrushErrors();
    private BufferedWriter file;
    private Path path;

    private DrushOutput(BuildLog log, SecretMasker masker) {
        this.log = log;
        this.masker = masker;
    }

    /**
     * Output for {@code inv}, saved in a new file {@code drush-<yyyyMMdd-HHmmss>-<command>.log} in
     * {@code logDirectory} when given. When that file cannot be written the run goes on without it, with a warning.
     */
    static DrushOutput start(
            DrushInvocation inv,
            String display,
            String runsAs,
            Optional<Path> logDirectory,
            Clock clock,
            BuildLog log) {
        DrushOutput out = new DrushOutput(log, new SecretMasker(inv.secrets()));
        if (logDirectory.isPresent()) {
            Instant now = clock.instant();
            try {
                out.open(logDirectory.get(), fileName(inv.args(), now));
                out.write("# drush run by aegir-maven-plugin; secrets masked");
                out.write("# command: " + display + runsAs);
                out.write("# started: " + now);
            } catch (IOException e) {
                out.closeQuietly();
                out.path = null;
                log.warn("Could not write the full drush log in " + logDirectory.get() + " (" + e + "); only the"
                        + " build log has drush's output.");
            }
        }
        return out;
    }

    /** {@code drush-20261204-123456-hostmaster-migrate.log} (the first argument that is not an option or alias). */
    static String fileName(List<String> args, Instant now) {
        String word = args.stream()
                .filter(a -> !a.startsWith("-") && !a.startsWith("@"))
                .findFirst()
                .orElse(args.isEmpty() ? "drush" : args.get(0).replaceFirst("^-+", ""));
        word = word.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (word.isEmpty() || word.startsWith(".")) {
            word = "drush" + word;
        }
        if (word.length() > 40) {
            word = word.substring(0, 40);
        }
        return "drush-" + STAMP.format(now.atZone(ZoneId.systemDefault())) + "-" + word + ".log";
    }

    /** Creates {@code name} in {@code dir}, or {@code name-2.log}, {@code name-3.log}... when it is taken. */
    private void open(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        String base = name.substring(0, name.length() - ".log".length());
        for (int attempt = 1; ; attempt++) {
            Path candidate = dir.resolve(attempt == 1 ? name : base + "-" + attempt + ".log");
            try {
                if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                    // only its owner reads it: masking hides the secrets it knows of, not every one
                    Files.createFile(
                            candidate,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } else {
                    Files.createFile(candidate);
                }
                file = Files.newBufferedWriter(
                        candidate,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                path = candidate.toAbsolutePath();
                return;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 1000) {
                    throw e;
                }
            }
        }
    }

    /** A line drush printed on stdout ({@code stderr} false) or stderr. */
    void line(String raw, boolean stderr) {
        String masked = masker.mask(raw);
        DrushErrors.Kind kind = errors.accept(masked);
        synchronized (last) {
            last.addLast(masked);
            while (last.size() > DrushRunner.KEEP_LINES) {
                last.removeFirst();
            }
        }
        write(masked);
        String type = DrushErrors.logType(masked);
        if (kind != DrushErrors.Kind.OTHER) {
            log.error(PREFIX + masked);
        } else if ("warning".equals(type) || (stderr && type == null)) {
            log.warn(PREFIX + masked);
        } else {
            log.info(PREFIX + masked);
        }
    }

    private synchronized void write(String line) {
        if (file == null) {
            return;
        }
        try {
            file.write(line);
            file.newLine();
            file.flush(); // a build killed mid-run leaves what drush printed so far
        } catch (IOException e) {
            log.warn("Stopped writing the full drush log " + path + ": " + e);
            closeQuietly();
        }
    }

    /** Records how the run ended in the log file (a null exit code: drush could not be run) and closes it. */
    synchronized void finish(Integer exitCode, boolean timedOut, Duration timeout) {
        write(
                timedOut
                        ? "# killed at the timeout of " + DrushResult.human(timeout)
                        : exitCode == null ? "# drush could not be run" : "# exit code " + exitCode);
        close();
    }

    /** How the run ended, with the lines kept. */
    DrushResult result(int exitCode, boolean timedOut, Duration timeout, String display) {
        List<String> lines;
        synchronized (last) {
            lines = List.copyOf(last);
        }
        return new DrushResult(exitCode, timedOut, lines, timeout, display, errors.found(), Optional.ofNullable(path));
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                log.warn("Could not finish the full drush log " + path + ": " + e);
            }
            file = null;
        }
    }

    private void closeQuietly() {
        try {
            if (file != null) {
                file.close();
            }
        } catch (IOException ignored) {
            // already reported
        }
        file = null;
    }
}
