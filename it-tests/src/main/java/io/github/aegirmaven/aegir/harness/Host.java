package io.github.aegirmaven.aegir.harness;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Facts about the machine the tests run on (root or not, the aegir user, php, crontab) and the
 * aegir user's crontab. The harness never reads or writes root's own crontab.
 */
public final class Host {

    /** The system user of the Aegir sandboxes when the tests run as root. */
    public static final String AEGIR_USER = "aegir";

    private static volatile Boolean root;

    private Host() {}

    /** True when this JVM runs as uid 0. */
    public static boolean isRoot() {
        Boolean known = root;
        if (known == null) {
            try {
                known = Processes.check(List.of("id", "-u")).trim().equals("0");
            } catch (IOException e) {
                known = false;
            }
            root = known;
        }
        return known;
    }

    public static boolean userExists(String user) {
        try {
            return Processes.run(List.of("id", "-u", user), null, null, null, Duration.ofSeconds(30))
                            .exitCode()
                    == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The name of the user's primary group. */
    public static String primaryGroup(String user) throws IOException {
        return Processes.check(List.of("id", "-gn", user)).trim();
    }

    /** True when {@code program} is an executable file in a directory of PATH. */
    public static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why tests that need root, the aegir user, su and crontab cannot run here, or empty when they can.
     */
    public static Optional<String> whyNoAegirUser() {
        if (!isRoot()) {
            return Optional.of("needs root (to run as the '" + AEGIR_USER
                    + "' user through su and to use its crontab); " + "these tests run as root, as CI does (.ci/run)");
        }
        if (!userExists(AEGIR_USER)) {
            return Optional.of("needs the system user '" + AEGIR_USER
                    + "': useradd --system --create-home --home-dir /var/aegir --shell /bin/sh " + AEGIR_USER
                    + " (.ci/run creates it)");
        }
        if (!onPath("crontab") || !onPath("su")) {
            return Optional.of(
                    "needs the crontab and su commands (Debian packages cron and util-linux; .ci/run installs cron)");
        }
        return Optional.empty();
    }

    /** Why php cannot run here, or empty when it can. */
    public static Optional<String> whyNoPhp() {
        return onPath("php")
                ? Optional.empty()
                : Optional.of("needs php on PATH (Debian package php-cli; .ci/run installs it)");
    }

    /**
     * Why the php on PATH cannot stand for a server without PEAR's Console_Table: it has
     * {@code Console/Table.php} on its include_path (Debian package php-console-table); empty when
     * it has not.
     */
    public static Optional<String> whyPhpHasConsoleTable() throws IOException {
        Processes.Result r = Processes.run(
                List.of("php", "-r", "echo stream_resolve_include_path('Console/Table.php');"),
                null,
                null,
                null,
                Duration.ofSeconds(30));
        return r.stdout().isBlank()
                ? Optional.empty()
                : Optional.of("the php on PATH has Console_Table on its include_path ("
                        + r.stdout().strip() + ")");
    }

    /**
     * Why a small tmpfs cannot be mounted here (as the full-disk IT needs a file system that really fills up):
     * mounts and unmounts one on {@code /tmp/aegir-it/<name>-probe}; empty when that works.
     */
    public static Optional<String> whyNoTmpfs(String name) throws IOException {
        Path probe = Path.of(ItSupport.ROOT_HOMES, name + "-probe");
        Files.createDirectories(probe);
        try {
            Processes.Result mount = Processes.run(
                    List.of("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString()),
                    null,
                    null,
                    null,
                    Duration.ofSeconds(30));
            if (mount.exitCode() != 0) {
                return Optional.of("cannot mount a small tmpfs here (mount said: "
                        + mount.output().trim() + "); the full-disk case needs a file system that can really fill up");
            }
            Processes.check(List.of("umount", probe.toString()));
            return Optional.empty();
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * The crontab of {@code user} (as root: {@code crontab -u USER -l}); empty text when the user
     * has none.
     */
    public static String readCrontab(String user) throws IOException {
        requireCrontabAccess(user);
        Processes.Result result =
                Processes.run(List.of("crontab", "-u", user, "-l"), null, null, null, Duration.ofSeconds(30));
        if (result.exitCode() == 0) {
            return result.stdout();
        }
        if (result.stderr().contains("no crontab")) {
            return "";
        }
        throw new IOException("Could not read the crontab of " + user + ": " + result);
    }

    /** Replaces the crontab of {@code user} with {@code text} (as root: {@code crontab -u USER FILE}). */
    public static void installCrontab(String user, String text) throws IOException {
        requireCrontabAccess(user);
        Path file = Files.createTempFile("aegir-harness-crontab", ".txt");
        try {
            Files.writeString(file, text);
            Processes.check(List.of("crontab", "-u", user, file.toString()));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Removes the crontab of {@code user}; fine when there is none. */
    public static void removeCrontab(String user) throws IOException {
        requireCrontabAccess(user);
        Processes.run(List.of("crontab", "-u", user, "-r"), null, null, null, Duration.ofSeconds(30));
    }

    private static void requireCrontabAccess(String user) {
        if ("root".equals(user)) {
            throw new IllegalArgumentException("The test harness never touches root's crontab");
        }
        if (!isRoot()) {
            throw new IllegalStateException("Reading or writing the crontab of " + user + " needs root");
        }
    }
}
