package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the stand-in drush of a sandbox as the manual runs drush: {@code php HOME/drush/drush.php
 * ARGS} with HOME set to the Aegir home, from a working directory (the old hostmaster root unless
 * told otherwise), and as the sandbox owner through {@code su -s /bin/sh USER} (umask 022) when
 * there is one. Each argument is its own argv entry; no shell string is built from them.
 */
public final class StandinDrush {

    private final Path home;
    private Optional<String> user;
    private Path workingDirectory;
    private String stdin;
    private Duration timeout = Duration.ofMinutes(2);
    private String php = "php";
    private String path;

    private StandinDrush(Path home, Optional<String> user, Path workingDirectory) {
        this.home = home;
        this.user = user;
        this.workingDirectory = workingDirectory;
    }

    /** The drush of {@code sandbox}, as its owner, from its old hostmaster root. */
    public static StandinDrush of(Sandbox sandbox) {
        return new StandinDrush(sandbox.home(), sandbox.owner(), sandbox.oldPlatform());
    }

    /** The drush of the Aegir home {@code home}, as the current user, from {@code home}. */
    public static StandinDrush at(Path home) {
        return new StandinDrush(home.toAbsolutePath(), Optional.empty(), home.toAbsolutePath());
    }

    /** Runs as {@code user} through su (needs root), or as the current user when empty. */
    public StandinDrush asUser(Optional<String> user) {
        this.user = user;
        return this;
    }

    public StandinDrush inDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** Text for its standard input, which is closed after it; null (the default) closes it at once (EOF). */
    public StandinDrush withInput(String text) {
        this.stdin = text;
        return this;
    }

    /** Kills it (and its children) after this long; two minutes unless set. */
    public StandinDrush withTimeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    public StandinDrush withPhp(String php) {
        this.php = php;
        return this;
    }

    /**
     * Runs it with this PATH (through {@code /usr/bin/env PATH=...}, so that su cannot change it):
     * its child drush calls find php on it; null (the default) leaves the PATH as it is.
     */
    public StandinDrush withPath(String path) {
        this.path = path;
        return this;
    }

    public Path home() {
        return home;
    }

    /** The command line that {@link #run} starts. */
    public List<String> command(String... args) {
        List<String> drush = new ArrayList<>();
        if (path != null) {
            drush.addAll(List.of("/usr/bin/env", "PATH=" + path));
        }
        drush.addAll(List.of(php, home.resolve("drush/drush.php").toString()));
        drush.addAll(List.of(args));
        if (user.isEmpty()) {
            return drush;
        }
        // "--" ends su's own options: su would otherwise take drush's -y or --version as its own.
        List<String> command = new ArrayList<>(List.of(
                "su",
                "-s",
                "/bin/sh",
                "-c",
                "umask 022; cd \"$1\" || exit 126; HOME=\"$2\"; export HOME; shift 2; exec \"$@\"",
                "--",
                user.get(),
                "standin-drush",
                workingDirectory.toString(),
                home.toString()));
        command.addAll(drush);
        return command;
    }

    public Processes.Result run(String... args) throws IOException {
        List<String> command = command(args);
        if (user.isEmpty()) {
            return Processes.run(command, workingDirectory, Map.of("HOME", home.toString()), stdin, timeout);
        }
        return Processes.run(command, null, null, stdin, timeout);
    }
}
