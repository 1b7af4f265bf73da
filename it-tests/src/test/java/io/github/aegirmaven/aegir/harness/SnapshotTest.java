package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {

    @TempDir
    Path temp;

    private Path tree() throws IOException {
        Path root = temp.resolve("home dir");
        Files.createDirectories(root.resolve("sub dir"));
        Files.writeString(root.resolve("sub dir/file with spaces.txt"), "text\n");
        Files.writeString(root.resolve("empty"), "");
        Files.createSymbolicLink(root.resolve("link"), Path.of("sub dir/file with spaces.txt"));
        Modes.set(root.resolve("empty"), 0600);
        return root;
    }

    @Test
    void aWrittenSnapshotReadsBackEqual() throws IOException {
        Snapshot taken = Snapshot.of(tree());
        Path file = temp.resolve("snapshot.txt");
        taken.write(file);
        Snapshot read = Snapshot.read(file);
        assertThat(read).isEqualTo(taken);
        assertThat(Snapshot.diff(taken, read)).isEmpty();
        assertThat(read.entries().get("link").linkTarget()).isEqualTo("sub dir/file with spaces.txt");
    }

    @Test
    void theCrontabSurvivesWritingIncludingAnEmptyOne() throws IOException {
        Path root = tree();
        for (Optional<String> crontab : java.util.List.of(
                Optional.of(""), Optional.of("SHELL=/bin/sh\n* * * * * x y\n"), Optional.<String>empty())) {
            Snapshot taken = new Snapshot(root, Snapshot.of(root).entries(), crontab.map(c -> "aegir"), crontab);
            Path file = temp.resolve("with-crontab.txt");
            taken.write(file);
            assertThat(Snapshot.read(file)).isEqualTo(taken);
        }
    }

    @Test
    void aChangeMadeAfterWritingShowsInTheDiff() throws IOException {
        Path root = tree();
        Path file = temp.resolve("before.txt");
        Snapshot.of(root).write(file);
        Files.writeString(root.resolve("empty"), "now with content");
        Files.createDirectory(root.resolve("new"));
        assertThat(Snapshot.diff(Snapshot.read(file), Snapshot.of(root)))
                .anyMatch(l -> l.startsWith("changed empty: size 0 -> 16"))
                .anyMatch(l -> l.startsWith("added   new (dir"));
    }
}
