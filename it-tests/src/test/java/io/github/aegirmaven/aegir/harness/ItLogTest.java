package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItLogTest {

    @TempDir
    Path basedir;

    private static final String LOG = String.join(
            "\n",
            "Running pre-build script: setup.groovy",
            "[INFO] Scanning for projects...",
            "[INFO] --- aegir:0.1.0-SNAPSHOT:backend-upgrade (default-cli) @ it ---",
            "[INFO] Downloading from local.central: file:///root/.m2/repository/x.pom",
            "[WARNING] Could not validate integrity of download from file:///root/.m2/repository/x.pom",
            "org.eclipse.aether.transfer.ChecksumFailureException: Checksum validation failed, no checksums available",
            "    at org.eclipse.aether.internal.impl.AbstractChecksumPolicy.onNoMoreChecksums"
                    + " (AbstractChecksumPolicy.java:63)",
            "[WARNING] Checksum validation failed, no checksums available from local.central for file:///x.pom",
            "[INFO] Downloaded from local.central: file:///root/.m2/repository/x.pom (5.7 kB at 145 kB/s)",
            "[INFO] Backend upgraded to drush 7.x-4.4",
            "[INFO] BUILD SUCCESS",
            "[INFO] Scanning for projects...",
            "[INFO] --- aegir:0.1.0-SNAPSHOT:backend-upgrade (default-cli) @ it ---",
            "[INFO] Backend is up to date. Nothing to do.",
            "[INFO] BUILD SUCCESS",
            "Running post-build script: verify.groovy",
            "");

    private ItLog log() throws IOException {
        Files.writeString(basedir.resolve("build.log"), LOG);
        return ItLog.of(basedir.toFile());
    }

    @Test
    void theLogSplitsIntoItsMavenRuns() throws IOException {
        ItLog log = log();
        assertThat(log.runs()).hasSize(2);
        log.run(1).expectSuccess().expect("Backend upgraded").expectNot("Nothing to do");
        log.run(2).expectSuccess().expect("Nothing to do").expectNot("Backend upgraded");
        assertThatThrownBy(() -> log.run(3)).isInstanceOf(AssertionError.class).hasMessageContaining("2 Maven run(s)");
        assertThatThrownBy(log::only).isInstanceOf(AssertionError.class);
    }

    @Test
    void aMissingLineIsReportedWithWhatThePluginLoggedWithoutMavensNoise() throws IOException {
        assertThatThrownBy(() -> log().run(1).expect("Checksum mismatch"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Maven run 1 did not log:\n  Checksum mismatch")
                .hasMessageContaining("[INFO] Backend upgraded to drush 7.x-4.4")
                .hasMessageNotContaining("Could not validate integrity")
                .hasMessageNotContaining("AbstractChecksumPolicy")
                .hasMessageNotContaining("ChecksumFailureException")
                .hasMessageNotContaining("local.central");
        assertThatThrownBy(() -> log().run(2).expectFailure()).hasMessageContaining("did not fail");
    }
}
