package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code php} that notes how it was started and then runs the real php: {@code DIR/php}, a shell
 * script that appends its own path and arguments ({@code $0 $*}) as one line to {@code DIR/started},
 * writes the environment it got into {@code DIR/env.PID} ({@code env} output; the shell adds
 * {@code PWD}) and execs the php found on this JVM's PATH. Anyone may run it and write into DIR
 * (drush runs as the aegir user), so put DIR where the aegir user can traverse (e.g. under
 * /tmp/aegir-it or an IT's directory).
 */
public final class PhpWrapper {

    private final Path php;

    private PhpWrapper(Path php) {
        this.php = php;
    }

    /** Writes {@code dir/php} (0755) and an empty {@code dir/started} (0666). */
    public static PhpWrapper create(Path dir) throws IOException {
        Path real = realPhp();
        Sandbox.createDirectoriesTraversable(dir);
        Path php = dir.resolve("php");
        Files.writeString(
                php,
                "#!/bin/sh\n"
                        + "# Test support (aegir-maven-plugin it-tests): notes how php was started, then"
                        + " runs the real one.\n"
                        + "echo \"$0 $*\" >> \"$(dirname \"$0\")/started\"\n"
                        + "env > \"$(dirname \"$0\")/env.$$\"\n"
                        + "exec " + real + " \"$@\"\n",
                StandardCharsets.UTF_8);
        Modes.set(dir, 0777);
        Modes.set(php, 0755);
        Path started = dir.resolve("started");
        Files.writeString(started, "");
        Modes.set(started, 0666);
        return new PhpWrapper(php);
    }

    /** The wrapper {@link #create} made in {@code dir}. */
    public static PhpWrapper at(Path dir) {
        return new PhpWrapper(dir.resolve("php"));
    }

    /** The php on this JVM's PATH, as an absolute path. */
    public static Path realPhp() throws IOException {
        String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
        return Stream.of(path.split(":"))
                .filter(d -> !d.isEmpty())
                .map(d -> Paths.get(d, "php"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IOException("php is not on the PATH (" + path + "): "
                        + Host.whyNoPhp().orElse("")));
    }

    /** {@code DIR/php}. */
    public Path php() {
        return php;
    }

    /** The environment of every start (in no particular order), {@code NAME=VALUE} lines each. */
    public List<List<String>> environments() throws IOException {
        List<List<String>> out = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(php.getParent())) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("env."))
                    .sorted()
                    .toList()) {
                out.add(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** One line per start: the path it was started as, then its arguments, space-separated. */
    public List<String> starts() throws IOException {
        return Files.readAllLines(php.resolveSibling("started"), StandardCharsets.UTF_8);
    }
}
