package io.github.aegirmaven.aegir.home.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MigrationNoteTest {

    @Test
    void theMigrationNoteIsReadAsItIsWritten() {
        assertThat(MigrationNote.parse("a.example.com /var/aegir/hostmaster old -> /var/aegir/hostmaster-6"))
                .contains(new MigrationNote(
                        "a.example.com", Path.of("/var/aegir/hostmaster old"), Path.of("/var/aegir/hostmaster-6")));
        assertThat(MigrationNote.parse(null)).isEmpty();
        assertThat(MigrationNote.parse("")).isEmpty();
        assertThat(MigrationNote.parse("a.example.com relative -> /x")).isEmpty();
        assertThat(MigrationNote.parse("a.example.com /x /y")).isEmpty();
    }
}
