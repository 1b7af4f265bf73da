package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallRecordTest {

    @TempDir
    Path tmp;

    @Test
    void roundTripsThroughTheStateDirectory() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        assertThat(InstallRecord.read(home).isEmpty()).isTrue();
        Instant at = Instant.parse("2011-04-07T12:00:00Z");
        InstallRecord record = InstallRecord.empty()
                .with(new InstallRecord.Entry("drush", "7.x-4.4", "a".repeat(64), at))
                .with(new InstallRecord.Entry("provision", "6.x-1.0-rc3", "b".repeat(64), at))
                .with(new InstallRecord.Entry("drush_make", "6.x-2.2", "c".repeat(64), at));
        record.write(home);
        InstallRecord read = InstallRecord.read(home);
        assertThat(read.entries()).hasSize(3);
        assertThat(read.get(InstalledVersions.Component.PROVISION))
                .get()
                .isEqualTo(new InstallRecord.Entry("provision", "6.x-1.0-rc3", "b".repeat(64), at));
        assertThat(read.get("drush_make").get().release()).isEqualTo("6.x-2.2");

        read.without("drush_make")
                .with(new InstallRecord.Entry("drush", "7.x-4.5", "d".repeat(64), at))
                .write(home);
        InstallRecord again = InstallRecord.read(home);
        assertThat(again.get("drush_make")).isEmpty();
        assertThat(again.get("drush").get().release()).isEqualTo("7.x-4.5");
        assertThat(Files.readString(home.installRecordFile()))
                .contains("drush.release=7.x-4.5")
                .doesNotContain("drush_make");
        try (Stream<Path> s = Files.list(home.stateDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("installed.properties");
        }
    }

    @Test
    void filesCarriedOverAreRecordedWithTheirComponent() throws Exception {
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Instant at = Instant.parse("2011-04-07T12:00:00Z");
        InstallRecord.empty()
                .with(new InstallRecord.Entry(
                        "drush", "7.x-4.4", "a".repeat(64), at, java.util.Map.of("includes/table.inc", "e".repeat(64))))
                .with(new InstallRecord.Entry("drush_make", "6.x-2.2", "c".repeat(64), at))
                .write(home);

        InstallRecord read = InstallRecord.read(home);
        assertThat(read.get("drush").orElseThrow().carried())
                .containsExactly(java.util.Map.entry("includes/table.inc", "e".repeat(64)));
        assertThat(read.get("drush_make").orElseThrow().carried()).isEmpty();
        assertThat(Files.readString(home.installRecordFile()))
                .contains("drush.carried.includes/table.inc=" + "e".repeat(64));
    }
}
