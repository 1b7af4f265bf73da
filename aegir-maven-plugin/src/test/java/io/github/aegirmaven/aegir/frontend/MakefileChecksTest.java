package io.github.aegirmaven.aegir.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.makefile.RuleSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The make file check hostmaster-migrate and upgrade make: read once per build however often it is asked. */
class MakefileChecksTest {

    /** A valid hostmaster make file whose line 7 draws one warning (a project with no version). */
    private static final String HOSTMASTER_WITH_UNPINNED_PROJECT = "core = 6.x\napi = 2\n"
            + "projects[drupal][type] = core\nprojects[drupal][version] = 6.20\n"
            + "projects[hostmaster][type] = profile\nprojects[hostmaster][version] = 6.x-1.0-rc3\n"
            + "projects[] = admin_menu\n";

    @TempDir
    Path tmp;

    @Test
    void aFileAskedAboutAgainIsNotReadOrReportedAgain() throws Exception {
        Path makefile = Files.writeString(tmp.resolve("hostmaster.make"), HOSTMASTER_WITH_UNPINNED_PROJECT);
        List<String> log = new ArrayList<>();
        HostmasterMigration.MakefileCheck check = MakefileChecks.forMigration(
                "7.x-4.4", "6.x-1.0-rc3", true, MakefileChecks.Settings.defaults(), BuildLog.collecting(log));

        assertThat(check.errors(makefile)).isEmpty();
        List<String> first = List.copyOf(log);
        // a warning is only logged (it does not stop the build): what the user sees is the product
        assertThat(first).anyMatch(l -> l.startsWith("WARN") && l.contains("hostmaster.make:7"));

        Files.writeString(makefile, "not a make file any more\n"); // a second read would now find errors
        assertThat(check.errors(makefile)).isEmpty();
        assertThat(log).as("nothing said twice").isEqualTo(first);
    }

    @Test
    void theUsersRuleSettingsApplyToo() throws Exception {
        Path makefile = Files.writeString(tmp.resolve("hostmaster.make"), HOSTMASTER_WITH_UNPINNED_PROJECT);
        List<String> log = new ArrayList<>();
        MakefileChecks.Settings quiet = new MakefileChecks.Settings(
                Optional.empty(),
                RuleSettings.defaults().with("unpinned-project=off", "aegir.makefile.rules"),
                false,
                List.of());
        assertThat(MakefileChecks.forMigration("7.x-4.4", "6.x-1.0-rc3", true, quiet, BuildLog.collecting(log))
                        .errors(makefile))
                .isEmpty();
        assertThat(log).noneMatch(l -> l.startsWith("WARN"));

        MakefileChecks.Settings strict =
                new MakefileChecks.Settings(Optional.empty(), RuleSettings.defaults(), true, List.of());
        assertThat(MakefileChecks.forMigration("7.x-4.4", "6.x-1.0-rc3", true, strict, BuildLog.NONE)
                        .errors(makefile))
                .singleElement()
                .asString()
                .contains("hostmaster.make:7: warning:")
                .contains("[unpinned-project]")
                .endsWith("(failOnWarning, -Daegir.failOnWarning, is set)");

        MakefileChecks.Settings error = new MakefileChecks.Settings(
                Optional.empty(),
                RuleSettings.defaults().with(Map.of("unpinned-project", "error"), "<rules>"),
                false,
                List.of());
        assertThat(MakefileChecks.forMigration("7.x-4.4", "6.x-1.0-rc3", true, error, BuildLog.NONE)
                        .errors(makefile))
                .singleElement()
                .asString()
                .contains("hostmaster.make:7: error:");
    }

    @Test
    void errorsAreReturnedEveryTime() throws Exception {
        Path makefile = Files.writeString(tmp.resolve("broken.make"), "api = 2\n");
        HostmasterMigration.MakefileCheck check = MakefileChecks.forMigration(
                "7.x-4.4", "6.x-1.0-rc3", true, MakefileChecks.Settings.defaults(), BuildLog.NONE);

        List<String> errors = check.errors(makefile);
        assertThat(errors).isNotEmpty().allMatch(e -> e.contains("broken.make"));
        assertThat(check.errors(makefile)).isEqualTo(errors);
    }
}
