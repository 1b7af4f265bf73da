package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes make files into a test directory and validates them there. */
final class MakefileFixture {

    final Path dir;
    ValidationOptions options;

    MakefileFixture(Path dir) {
        this.dir = dir;
        this.options = ValidationOptions.defaults().withWorkingDirectory(dir).withDisplayBase(dir);
    }

    MakefileFixture engine(MakeEngine engine) {
        options = options.withEngine(engine);
        return this;
    }

    Path write(String name, String... lines) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return file;
    }

    ValidationResult validate(String name) throws IOException, UserFixableException {
        return new MakefileValidator().validate(dir.resolve(name), options);
    }

    /** The findings of a rule, as compiler lines. */
    static List<String> lines(ValidationResult result, Rule rule) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.rule() == rule) {
                out.add(f.toString());
            }
        }
        return out;
    }

    static List<String> rules(ValidationResult result) {
        List<String> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            out.add(f.rule().id());
        }
        return out;
    }
}
