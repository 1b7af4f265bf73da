package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Java agent that takes a {@link Snapshot} of an IT's Aegir home each time a Maven JVM of that IT
 * starts, before Maven itself runs: invoker has hooks only before the first and after the last
 * invocation of an IT, and "the second run changes nothing" needs the state between the two.
 *
 * <p>{@link ItSupport#snapshotBeforeEachRun} installs it through the IT's {@code .mvn/jvm.config};
 * the agent argument is the IT's base directory, whose {@value ItSupport#CONTEXT_FILE} names the
 * home. Run N (counting from 1) writes {@code snapshot-before-run-N.txt} there.
 */
public final class SnapshotAgent {

    static final String PREFIX = "snapshot-before-run-";

    private SnapshotAgent() {}

    public static void premain(String basedir) throws IOException {
        Path base = Path.of(basedir);
        Path home = Path.of(ItSupport.context(base.toFile()).getProperty("home"));
        Path file = next(base);
        // Not Sandbox.snapshot: the agent jar holds the harness classes only, without commons-compress.
        String owner = Files.getOwner(home, LinkOption.NOFOLLOW_LINKS).getName();
        Optional<String> crontabUser = Host.isRoot() && !owner.equals("root") ? Optional.of(owner) : Optional.empty();
        Snapshot.of(home, crontabUser).write(file);
    }

    /** The first {@code snapshot-before-run-N.txt} that does not exist yet. */
    static Path next(Path basedir) {
        for (int n = 1; ; n++) {
            Path file = basedir.resolve(PREFIX + n + ".txt");
            if (!Files.exists(file)) {
                return file;
            }
        }
    }
}
