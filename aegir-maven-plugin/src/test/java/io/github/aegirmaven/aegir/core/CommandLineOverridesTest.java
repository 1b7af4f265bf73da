package io.github.aegirmaven.aegir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.CommandLineOverrides.Conflict;
import io.github.aegirmaven.aegir.core.CommandLineOverrides.Kind;
import io.github.aegirmaven.aegir.core.CommandLineOverrides.Setting;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineOverridesTest {

    private static final Path BASE = Path.of("/srv/upgrade");

    private static List<Conflict> find(String property, Setting setting) {
        return CommandLineOverrides.find(Map.of(property, setting), BASE);
    }

    @Test
    void aVersionTheConfigurationHardCodesIsAConflictNamingBothValues() {
        List<Conflict> conflicts =
                find("aegir.version", new Setting("aegirVersion", Kind.TEXT, "6.x-1.0-rc2", "6.x-1.0-rc3"));

        assertThat(conflicts)
                .containsExactly(new Conflict("aegir.version", "aegirVersion", "6.x-1.0-rc2", "6.x-1.0-rc3"));
        assertThat(conflicts.get(0).describe())
                .isEqualTo("-Daegir.version=6.x-1.0-rc2 is ignored: the pom sets"
                        + " aegirVersion to 6.x-1.0-rc3 in the plugin's <configuration>, which Maven"
                        + " puts before the command"
                        + " line, so this build would use 6.x-1.0-rc3.");
        assertThat(conflicts.get(0).fix())
                .contains(
                        "<properties><aegir.version>6.x-1.0-rc3</aegir.version></properties>",
                        "<aegirVersion>${aegir.version}</aegirVersion>");
    }

    @Test
    void aPropertyEqualToTheEffectiveValueIsNoConflict() {
        assertThat(find("aegir.version", new Setting("aegirVersion", Kind.TEXT, "6.x-1.0-rc3", "6.x-1.0-rc3")))
                .isEmpty();
    }

    @Test
    void pathsCompareAsMavenResolvesThem() {
        // Maven makes a File parameter absolute against the project's directory.
        assertThat(find(
                        "aegir.lockFile",
                        new Setting("lockFile", Kind.PATH, "aegir.lock", new File("/srv/upgrade/aegir.lock"))))
                .isEmpty();
        assertThat(find("aegir.home", new Setting("aegirHome", Kind.PATH, "/var/aegir/", new File("/var/aegir"))))
                .isEmpty();
        assertThat(find(
                        "aegir.home",
                        new Setting("aegirHome", Kind.PATH, "/var/aegir/../aegir", new File("/var/aegir"))))
                .isEmpty();

        assertThat(find("aegir.home", new Setting("aegirHome", Kind.PATH, "/srv/aegir", new File("/var/aegir"))))
                .extracting(Conflict::given, Conflict::effective)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/srv/aegir", "/var/aegir"));
    }

    @Test
    void flagsCompareAsBooleans() {
        // -Daegir.dryRun alone is "true"; Maven reads anything but "true" as false.
        assertThat(find("aegir.dryRun", new Setting("dryRun", Kind.FLAG, "true", Boolean.TRUE)))
                .isEmpty();
        assertThat(find("aegir.yes", new Setting("assumeYes", Kind.FLAG, "TRUE", Boolean.TRUE)))
                .isEmpty();
        assertThat(find("aegir.yes", new Setting("assumeYes", Kind.FLAG, "yes", Boolean.FALSE)))
                .isEmpty();

        assertThat(find("aegir.skip", new Setting("skip", Kind.FLAG, "true", Boolean.FALSE)))
                .containsExactly(new Conflict("aegir.skip", "skip", "true", "false"));
    }

    @Test
    void numbersAndDurationsCompareByValue() {
        assertThat(find("aegir.keepBackups", new Setting("keepBackups", Kind.NUMBER, "03", 3)))
                .isEmpty();
        assertThat(find("aegir.keepBackups", new Setting("keepBackups", Kind.NUMBER, "5", 3)))
                .hasSize(1);
        assertThat(find("aegir.keepBackups", new Setting("keepBackups", Kind.NUMBER, "five", 3)))
                .hasSize(1);

        assertThat(find("aegir.timeout", new Setting("timeout", Kind.DURATION, "1800s", "30m")))
                .isEmpty();
        assertThat(find("aegir.timeout", new Setting("timeout", Kind.DURATION, "5s", "30m")))
                .containsExactly(new Conflict("aegir.timeout", "timeout", "5s", "30m"));
        assertThat(find("aegir.timeout", new Setting("timeout", Kind.DURATION, "soon", "30m")))
                .hasSize(1);
    }

    @Test
    void textIsComparedExactly() {
        assertThat(find(
                        "aegir.domain",
                        new Setting("aegirDomain", Kind.TEXT, "Aegir.example.com", "aegir.example.com")))
                .hasSize(1);
    }

    @Test
    void anUnsetParameterConflictsWithAnythingButAnEmptyProperty() {
        assertThat(find("aegir.makefile", new Setting("makefile", Kind.PATH, "", null)))
                .isEmpty();
        List<Conflict> conflicts = find("aegir.makefile", new Setting("makefile", Kind.PATH, "aegir.make", null));
        assertThat(conflicts).extracting(Conflict::effective).containsExactly("nothing (unset)");
        assertThat(conflicts.get(0).fix()).contains("<aegir.makefile>aegir.make</aegir.makefile>");
    }

    @Test
    void batchModeRefusesNamingEveryPropertyBothValuesAndTheFix() {
        Map<String, Setting> given = new LinkedHashMap<>();
        given.put("aegir.version", new Setting("aegirVersion", Kind.TEXT, "6.x-1.0-rc2", "6.x-1.0-rc3"));
        given.put("aegir.drushVersion", new Setting("drushVersion", Kind.TEXT, "7.x-4.4", "7.x-4.4"));
        given.put("aegir.timeout", new Setting("timeout", Kind.DURATION, "5s", "30m"));
        List<Conflict> conflicts = CommandLineOverrides.find(given, BASE);
        List<String> lines = new ArrayList<>();

        assertThat(conflicts).extracting(Conflict::property).containsExactly("aegir.version", "aegir.timeout");
        assertThatThrownBy(() -> CommandLineOverrides.check(conflicts, true, BuildLog.collecting(lines)))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("2 command-line properties and the pom disagree, and in batch mode (-B) the"
                        + " build does not guess which one was meant; nothing was changed. 1. -Daegir.version=")
                .hasMessageContaining("would use 6.x-1.0-rc3")
                .hasMessageContaining("<aegirVersion>${aegir.version}</aegirVersion>")
                .hasMessageContaining(" 2. -Daegir.timeout=5s is ignored: the pom sets timeout to 30m")
                .hasMessageNotContaining("drushVersion");
        assertThat(lines).isEmpty();
    }

    @Test
    void interactivelyItWarnsAndGoesOn() throws UserFixableException {
        List<Conflict> conflicts =
                find("aegir.version", new Setting("aegirVersion", Kind.TEXT, "6.x-1.0-rc2", "6.x-1.0-rc3"));
        List<String> lines = new ArrayList<>();

        CommandLineOverrides.check(conflicts, false, BuildLog.collecting(lines));

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .contains(
                        "-Daegir.version=6.x-1.0-rc2 is ignored",
                        "would use 6.x-1.0-rc3",
                        "<aegirVersion>${aegir.version}</aegirVersion>");
    }

    @Test
    void nothingGivenNothingSaid() throws UserFixableException {
        List<String> lines = new ArrayList<>();
        CommandLineOverrides.check(CommandLineOverrides.find(Map.of(), BASE), true, BuildLog.collecting(lines));
        assertThat(lines).isEmpty();
    }
}
