package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build-time entry point (exec-maven-plugin, phase process-classes): builds the release fixtures.
 *
 * <p>Arguments: {@code <sources dir> <output dir> [<copy dir>]}. The output dir receives the six
 * tarballs, {@code SHA256SUMS} and {@code aegir.lock}; the optional copy dir (inside the classes
 * directory) receives the same files so that the harness jar carries them for {@link SandboxMain}.
 * Quiet: the sums are in {@code SHA256SUMS}.
 */
public final class Fixtures {

    private Fixtures() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3) {
            throw new IllegalArgumentException(
                    "Usage: Fixtures <sources dir> <output dir> [<copy dir>]; got " + args.length + " arguments");
        }
        Path sources = Path.of(args[0]);
        Path out = Path.of(args[1]);
        ReleaseCatalog.buildAll(sources, out);
        if (args.length == 3) {
            Path copy = Path.of(args[2]);
            Files.createDirectories(copy);
            for (String name : ReleaseCatalog.outputFileNames()) {
                Files.copy(out.resolve(name), copy.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
