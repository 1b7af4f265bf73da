package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.backend.SupportedCombinations.Combination;
import io.github.aegirmaven.aegir.backend.SupportedCombinations.Series;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Only supported combinations are pinned, and drush_make only where drush does not carry make. */
class BackendPinsTest {

    private static final String SUPPORTED = "Supported: drush 7.x-4.x with provision 6.x-1.x and drush_make 6.x-2.x.";

    private final List<String> log = new ArrayList<>();

    @Test
    void theTableHoldsDrush4WithProvision61AndDrushMake62() {
        assertThat(SupportedCombinations.SUPPORTED.combinations())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.drush()).isEqualTo(new Series(7, 4));
                    assertThat(c.provision()).isEqualTo(new Series(6, 1));
                    assertThat(c.drushMake()).contains(new Series(6, 2));
                });
        assertThat(SupportedCombinations.SUPPORTED.list())
                .isEqualTo("drush 7.x-4.x with provision 6.x-1.x and drush_make 6.x-2.x");
    }

    @Test
    void theTableFindsEveryReleaseOfTheSupportedSeriesAndNothingElse() {
        SupportedCombinations table = SupportedCombinations.SUPPORTED;
        for (String[] ok : new String[][] {
            {"7.x-4.4", "6.x-1.0-rc3"},
            {"7.x-4.2", "6.x-1.0-rc2"},
            {"7.x-4.5", "6.x-1.12"},
            {"7.x-4.x-dev", "6.x-1.x-dev"}
        }) {
            assertThat(table.find(DrupalVersion.parse(ok[0]), DrupalVersion.parse(ok[1])))
                    .as(ok[0] + " " + ok[1])
                    .isPresent();
        }
        for (String[] no : new String[][] {
            {"4.4.0", "6.x-1.0-rc3"},
            {"7.x-5.9", "6.x-1.0-rc3"},
            {"8.4.12", "6.x-1.0-rc3"},
            {"5.10.0", "6.x-2.5"},
            {"7.x-4.4", "7.x-3.171"},
            {"7.x-4.4", "6.x-2.5"},
            {"7.x-4.4", "6.x-0.3"},
            {"6.x-3.3", "6.x-1.0-rc3"}
        }) {
            assertThat(table.find(DrupalVersion.parse(no[0]), DrupalVersion.parse(no[1])))
                    .as(no[0] + " " + no[1])
                    .isEmpty();
        }
    }

    @Test
    void drush4WithProvision61NeedsDrushMake() throws Exception {
        assertThat(BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE)
                        .components())
                .containsExactly(Component.DRUSH, Component.PROVISION, Component.DRUSH_MAKE);
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", "6.x-1.0-rc3", null, BuildLog.NONE))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is not set, but drush 7.x-4.4 does"
                        + " not carry drush make");
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", "6.x-1.0-rc3", " ", BuildLog.NONE))
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is not set");
    }

    @Test
    void aDrushMakeOutsideItsSeriesIsRefused() {
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-1.5", BuildLog.NONE))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is 6.x-1.5, but drush 7.x-4.x with"
                        + " provision 6.x-1.x needs drush_make 6.x-2.x.")
                .hasMessageContaining(SUPPORTED)
                .hasMessageContaining("drushMakeVersion 6.x-2.2");
    }

    @Test
    void drush5AndLaterAreRefusedBeforeAnythingIsDownloaded() {
        for (String drush : List.of("8.4.12", "7.x-5.9", "5.10.0")) {
            assertThatThrownBy(() -> BackendPins.of(drush, "6.x-1.0-rc3", "6.x-2.2", BuildLog.collecting(log)))
                    .as(drush)
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("drushVersion (-Daegir.drushVersion) " + drush + " with aegirVersion"
                            + " (-Daegir.version) 6.x-1.0-rc3 (provision) is not a combination this plugin supports. "
                            + SUPPORTED)
                    .hasMessageContaining("carries make itself (so drushMakeVersion is not needed with it)")
                    .hasMessageContaining("drushVersion 7.x-4.4, aegirVersion 6.x-1.0-rc3, drushMakeVersion 6.x-2.2");
        }
        assertThatThrownBy(() -> BackendPins.of("8.4.12", "7.x-3.171", null, BuildLog.NONE))
                .hasMessageContaining("is not a combination this plugin supports")
                .hasMessageContaining("drush 8 carries make itself, but")
                .hasMessageNotContaining("drushMakeVersion (-Daegir.drushMakeVersion) is not set");
        assertThat(log).isEmpty();
    }

    @Test
    void drush4WithAnotherProvisionIsRefused() {
        for (String provision : List.of("7.x-3.171", "6.x-2.5", "6.x-0.3")) {
            assertThatThrownBy(() -> BackendPins.of("7.x-4.4", provision, "6.x-2.2", BuildLog.NONE))
                    .as(provision)
                    .hasMessageContaining("drushVersion (-Daegir.drushVersion) 7.x-4.4 with aegirVersion"
                            + " (-Daegir.version) " + provision + " (provision) is not a combination")
                    .hasMessageContaining(SUPPORTED);
        }
        assertThatThrownBy(() -> BackendPins.of("4.4.0", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE))
                .hasMessageContaining("drupal.org names drush 4.4.0 7.x-4.4.");
    }

    @Test
    void drushMakeIsNotInstalledWhereDrushCarriesMake() throws Exception {
        // a table in which drush 5 (which carries make) is supported: drush_make is then neither needed nor installed
        SupportedCombinations withDrush5 = new SupportedCombinations(List.of(new Combination(
                new Series(7, 5), new Series(6, 2), Optional.empty(), "drushVersion 7.x-5.9, aegirVersion 6.x-2.5")));
        assertThat(BackendPins.of("7.x-5.9", "6.x-2.5", null, BuildLog.collecting(log), withDrush5)
                        .components())
                .containsExactly(Component.DRUSH, Component.PROVISION);
        assertThat(log).isEmpty();
        assertThat(BackendPins.of("7.x-5.9", "6.x-2.5", "6.x-2.2", BuildLog.collecting(log), withDrush5)
                        .components())
                .containsExactly(Component.DRUSH, Component.PROVISION);
        assertThat(log)
                .singleElement()
                .asString()
                .startsWith("WARN drushMakeVersion 6.x-2.2 is ignored: drush 7.x-5.9 carries drush make itself.");
    }

    @Test
    void theRefusalIsReportedWithTheOtherPinProblems() {
        assertThatThrownBy(() -> BackendPins.of("8.4.12", "6.x-1.0-rc3", "six", BuildLog.NONE))
                .hasMessageStartingWith("The pinned versions are not usable:\n  - drushVersion (-Daegir.drushVersion)"
                        + " 8.4.12 with aegirVersion");
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "six", BuildLog.NONE))
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is 'six', which is not a drupal.org"
                        + " release version");
    }
}
