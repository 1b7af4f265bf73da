package io.github.aegirmaven.aegir.makefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsAndEngineTest {

    @ParameterizedTest
    @CsvSource({
        "7.x-4.4, DRUSH_MAKE_2",
        "4.4.0, DRUSH_MAKE_2",
        "7.x-5.9, DRUSH_5",
        "5.10.0, DRUSH_5",
        "6.7.0, DRUSH_5",
        "7.4.0, DRUSH_7_PLUS",
        "8.4.12, DRUSH_7_PLUS",
        "8.x-dev, DRUSH_7_PLUS"
    })
    void choosesTheEngineFromTheDrushVersion(String drush, MakeEngine engine) throws Exception {
        assertThat(MakeEngine.forDrushVersion(drush)).isEqualTo(engine);
    }

    @Test
    void acceptsEngineNamesAndRejectsNonsenseWithTheParameterName() throws Exception {
        assertThat(MakeEngine.parse("drush-make-2")).isEqualTo(MakeEngine.DRUSH_MAKE_2);
        assertThat(MakeEngine.parse("DRUSH_7_PLUS")).isEqualTo(MakeEngine.DRUSH_7_PLUS);
        assertThat(MakeEngine.parse("8.4.12")).isEqualTo(MakeEngine.DRUSH_7_PLUS);
        assertThatThrownBy(() -> MakeEngine.parse("latest"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("makeEngine (aegir.makefile.engine) is 'latest'");
        assertThatThrownBy(() -> MakeEngine.forDrushVersion("3.3"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drushVersion (aegir.drushVersion) is '3.3'");
    }

    @Test
    void setsSeveritiesFromAMapAndFromAPropertyString() throws Exception {
        RuleSettings s = RuleSettings.defaults()
                .with(Map.of("dev-version", "ERROR"), "<rules>")
                .with(" unpinned-project = off , glued-line=info", "aegir.makefile.rules");
        assertThat(s.severity(Rule.DEV_VERSION)).isEqualTo(Severity.ERROR);
        assertThat(s.severity(Rule.UNPINNED_PROJECT)).isEqualTo(Severity.OFF);
        assertThat(s.severity(Rule.GLUED_LINE)).isEqualTo(Severity.INFO);
        assertThat(s.severity(Rule.CORE_REQUIRED)).isEqualTo(Severity.ERROR);
    }

    @Test
    void namesTheSettingThatIsWrong() {
        assertThatThrownBy(() -> RuleSettings.defaults().with("dev-versions=error", "aegir.makefile.rules"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("Unknown rule 'dev-versions' in aegir.makefile.rules. Expected one of:")
                .hasMessageContaining("dev-version,");
        assertThatThrownBy(() -> RuleSettings.defaults().with(Map.of("dev-version", "fatal"), "<rules>"))
                .hasMessage("Rule 'dev-version' in <rules> is set to 'fatal'. Expected error, warning, info or off.");
        assertThatThrownBy(() -> RuleSettings.defaults().with("dev-version", "aegir.makefile.rules"))
                .hasMessageContaining("is not rule-id=severity");
    }

    @Test
    void everyRuleHasAUniqueKebabCaseId() {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Rule r : Rule.values()) {
            assertThat(r.id()).matches("[a-z]+(-[a-z]+)*");
            assertThat(ids.add(r.id())).as(r.id()).isTrue();
            assertThat(Rule.byId(r.id())).isSameAs(r);
        }
    }
}
