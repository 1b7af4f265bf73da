package io.github.aegirmaven.aegir.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

class DiskFullTest {

    @Test
    void theOperatingSystemsMessageAnywhereInTheChainIsRecognised() {
        assertThat(DiskFull.isCause(new IOException("No space left on device"))).isTrue();
        assertThat(DiskFull.isCause(new FileSystemException("/var/aegir/x", null, "Disk quota exceeded")))
                .isTrue();
        assertThat(DiskFull.isCause(new IOException(
                        "Could not write /var/aegir/drush/x while extracting",
                        new IOException("No space left on device"))))
                .isTrue();
        assertThat(DiskFull.isCause(new UncheckedIOException(new IOException("no space left on device"))))
                .isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DiskFull.isCause(new FileSystemException("/var/aegir/x", null, "Permission denied")))
                .isFalse();
        assertThat(DiskFull.isCause(new IOException((String) null))).isFalse();
        assertThat(DiskFull.isCause(null)).isFalse();
    }

    @Test
    void theAdviceToFreeSpaceIsLeftOutOnlyWhenTheFailureTypeSaysItsMessageGivesIt() {
        // the type decides, not the text: a message without the words still gets no second advice ...
        assertThat(DiskFull.advice(new LocalWriteException(
                        "Could not write /var/aegir/x: No space left on device." + " Check the room there.", null)))
                .isEmpty();
        // ... and a plain failure whose text happens to speak of free space still gets it
        assertThat(DiskFull.advice(new IOException("No space left on device (free space: 0)")))
                .isEqualTo(" Free space on that file system and run again.");
        assertThat(DiskFull.advice(new UncheckedIOException(new LocalWriteException("x", null))))
                .as("only the failure reported, not its causes")
                .isNotEmpty();
    }
}
