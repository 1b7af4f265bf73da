package io.github.aegirmaven.aegir.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReleaseChoiceTest {

    private static ReleaseHistory views() throws Exception {
        return new HistoryXml("views", "6.x")
                .majors("2", "2,3")
                .release("3.0-alpha1")
                .release("2.x-dev")
                .release("2.13-beta1")
                .release("2.12", "Security update")
                .release("2.2")
                .release("2.1")
                .parse();
    }

    private static String choose(String version) throws Exception {
        return ReleaseChoice.choose("views", Optional.ofNullable(version), "6.x", "module", views())
                .key();
    }

    @Test
    void noVersionTakesTheBestOfTheRecommendedMajorAndAPreReleaseWins() throws Exception {
        assertThat(choose(null)).isEqualTo("2.13-beta1");
    }

    @Test
    void oneNumberTakesTheBestOfThatMajor() throws Exception {
        assertThat(choose("3")).isEqualTo("3.0-alpha1");
        assertThat(choose("2")).isEqualTo("2.13-beta1");
    }

    @Test
    void anExactKeyIsTakenAsItIs() throws Exception {
        assertThat(choose("2.2")).isEqualTo("2.2");
        assertThat(choose("2.x-dev")).isEqualTo("2.x-dev");
    }

    @Test
    void anUnknownVersionIsDrushsInvalidVersion() {
        assertThatThrownBy(() -> choose("2.99"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Invalid version 2.99 for views")
                .hasMessageContaining("2.12");
        assertThatThrownBy(() -> choose("7"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Invalid version  for views");
    }

    @Test
    void aDevSnapshotLosesToEveryNumberedRelease() throws Exception {
        ReleaseHistory h = new HistoryXml("ctools", "6.x")
                .majors("1", "1")
                .release("1.x-dev")
                .release("1.1")
                .parse();
        assertThat(ReleaseChoice.choose("ctools", Optional.empty(), "6.x", "module", h)
                        .key())
                .isEqualTo("1.1");
    }

    @Test
    void coreWithoutARecommendedMajorUsesTheMajorOfCore() throws Exception {
        ReleaseHistory drupal = new HistoryXml("drupal", "6.x")
                .type("Drupal core")
                .release("7.1")
                .release("6.38")
                .release("6.9")
                .parse();
        assertThat(drupal.type()).contains("core");
        assertThat(ReleaseChoice.choose("drupal", Optional.empty(), "6.x", "core", drupal)
                        .key())
                .isEqualTo("6.38");
        assertThat(drupal.releases().get(1).version()).isEqualTo("6.38");
    }

    @Test
    void phpVersionCompareAsDrushUsesIt() {
        assertThat(PhpVersions.compare("2.12", "2.x")).isPositive();
        assertThat(PhpVersions.compare("2.1", "2.12")).isNegative();
        assertThat(PhpVersions.compare("2.13-beta1", "2.12")).isPositive();
        assertThat(PhpVersions.compare("2.13-beta1", "2.13")).isNegative();
        assertThat(PhpVersions.compare("2.13-rc1", "2.13-beta2")).isPositive();
        assertThat(PhpVersions.compare("2.x-dev", "2.0")).isNegative();
        assertThat(PhpVersions.compare("1.0", "1.0.0")).isNegative();
        assertThat(PhpVersions.compare("1.0pl1", "1.0")).isPositive();
        assertThat(PhpVersions.compare("", "1")).isNegative();
        assertThat(PhpVersions.compare("6.38", "6.38")).isZero();
    }
}
