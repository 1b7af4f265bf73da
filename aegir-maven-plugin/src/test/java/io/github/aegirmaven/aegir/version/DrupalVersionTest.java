package io.github.aegirmaven.aegir.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrupalVersionTest {

    @Test
    void contribVersionWithCorePrefixAndExtra() {
        DrupalVersion v = DrupalVersion.parse("6.x-1.0-rc3");
        assertThat(v.coreMajor()).hasValue(6);
        assertThat(v.major()).isEqualTo(1);
        assertThat(v.minor()).hasValue(0);
        assertThat(v.patch()).isEmpty();
        assertThat(v.extra()).contains("rc3");
        assertThat(v.isDev()).isFalse();
        assertThat(v.isPreRelease()).isTrue();
        assertThat(v).hasToString("6.x-1.0-rc3");
    }

    @Test
    void drushReleaseOnDrupalOrgIsDrushFourPointFour() {
        DrupalVersion v = DrupalVersion.parse("7.x-4.4");
        assertThat(v.coreMajor()).hasValue(7);
        assertThat(v.major()).isEqualTo(4);
        assertThat(v.minor()).hasValue(4);
        assertThat(v.extra()).isEmpty();
        assertThat(v.isPreRelease()).isFalse();
    }

    @Test
    void developmentBranch() {
        DrupalVersion v = DrupalVersion.parse("6.x-2.x-dev");
        assertThat(v.coreMajor()).hasValue(6);
        assertThat(v.major()).isEqualTo(2);
        assertThat(v.minor()).isEmpty();
        assertThat(v.isDev()).isTrue();
        assertThat(v.extra()).contains("dev");
    }

    @Test
    void semanticVersions() {
        DrupalVersion v = DrupalVersion.parse("8.4.12");
        assertThat(v.coreMajor()).isEqualTo(OptionalInt.empty());
        assertThat(v.major()).isEqualTo(8);
        assertThat(v.minor()).hasValue(4);
        assertThat(v.patch()).hasValue(12);
        assertThat(DrupalVersion.parse("5.10.0").patch()).hasValue(0);
        DrupalVersion beta = DrupalVersion.parse("2.0.0-beta1");
        assertThat(beta.extra()).contains("beta1");
        assertThat(DrupalVersion.parse("8.4.x-dev").isDev()).isTrue();
    }

    @Test
    void coreReleasesAndDotExtras() {
        DrupalVersion core = DrupalVersion.parse("6.20");
        assertThat(core.major()).isEqualTo(6);
        assertThat(core.minor()).hasValue(20);
        assertThat(core.coreMajor()).isEmpty();
        assertThat(DrupalVersion.parse("7.x-dev").isDev()).isTrue();
        assertThat(DrupalVersion.parse("6.x-2.0-rc5.1").extra()).contains("rc5.1");
        assertThat(DrupalVersion.parse("7.x-3.0-unstable2").extra()).contains("unstable2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "6.x",
                "6.x-1",
                "6.x-1.0-",
                "6.x-1.0-rc",
                "6.x-1.0-gamma1",
                "6.x-1.0-RC3",
                "v8.4.12",
                "8.4",
                "8.4.x",
                "8.4.12-dev",
                "7.61-dev",
                "6.x-1.01",
                " 7.x-4.4",
                "7.x-4.4 ",
                "latest",
                "6.x-2.x",
                "8.4.12.1",
                "6.x-1.0-rc3-extra",
                "1.2.3-beta1+5-dev",
                "99999999999.0.0",
                "6.x-1.0\n"
            })
    void rejectsMalformed(String text) {
        if (text.equals("8.4")) {
            assertThat(DrupalVersion.isValid(text)).isTrue(); // a core-style two-part release
            return;
        }
        assertThat(DrupalVersion.isValid(text)).as(text).isFalse();
        assertThatThrownBy(() -> DrupalVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text.replace("\n", "\\u000a") + "\"")
                .hasMessageContaining("6.x-1.0-rc3, 7.x-4.4, 6.x-2.x-dev, 8.4.12 or 5.10.0");
    }

    @Test
    void messagesHintAtTheLikelyMistake() {
        assertThatThrownBy(() -> DrupalVersion.parse("6.x-1.0-RC3"))
                .hasMessageContaining("lower case (\"6.x-1.0-rc3\")");
        assertThatThrownBy(() -> DrupalVersion.parse(" 7.x-4.4")).hasMessageContaining("Remove the spaces");
        assertThatThrownBy(() -> DrupalVersion.parse("6.x-2.x")).hasMessageContaining("6.x-2.x-dev");
        assertThatThrownBy(() -> DrupalVersion.parse("v8.4.12")).hasMessageContaining("leading 'v'");
        assertThatThrownBy(() -> DrupalVersion.parse(null)).hasMessageContaining("No version given");
    }

    @Test
    void parameterValuesNameTheParameter() throws Exception {
        assertThat(DrupalVersion.parseParameter("7.x-4.4", "drushVersion", "aegir.drushVersion")
                        .major())
                .isEqualTo(4);
        assertThatThrownBy(() -> DrupalVersion.parseParameter("drush-4.4", "drushVersion", "aegir.drushVersion"))
                .isInstanceOf(io.github.aegirmaven.aegir.core.UserFixableException.class)
                .hasMessageContaining("Parameter drushVersion (-Daegir.drushVersion)")
                .hasMessageContaining("\"drush-4.4\"")
                .hasMessageContaining("7.x-4.4")
                .hasMessageContaining("Fix <drushVersion> in the pom");
    }

    @Test
    void ordersAsDrupalOrgReleasesFollowEachOther() {
        List<String> ordered = List.of(
                "6.x-1.0-unstable1",
                "6.x-1.0-alpha1",
                "6.x-1.0-alpha2",
                "6.x-1.0-alpha10",
                "6.x-1.0-beta1",
                "6.x-1.0-rc2",
                "6.x-1.0-rc3",
                "6.x-1.0",
                "6.x-1.1",
                "6.x-1.12",
                "6.x-1.x-dev",
                "6.x-2.0-rc5",
                "6.x-2.0-rc5.1",
                "6.x-2.0",
                "6.x-2.5",
                "6.x-2.x-dev",
                "6.20",
                "6.x-dev",
                "7.x-3.0",
                "7.x-3.171",
                "7.x-4.4",
                "7.61",
                "8.x-1.2",
                "8.4.0-beta1",
                "8.4.0",
                "8.4.12",
                "8.4.x-dev",
                "8.x-dev");
        List<DrupalVersion> versions = new ArrayList<>();
        ordered.forEach(t -> versions.add(DrupalVersion.parse(t)));
        List<DrupalVersion> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(42));
        Collections.sort(shuffled);
        assertThat(shuffled).containsExactlyElementsOf(versions);
    }

    @Test
    void drushMovesFromFourToEight() {
        assertThat(DrupalVersion.parse("7.x-4.4")).isLessThan(DrupalVersion.parse("7.x-5.0"));
        assertThat(DrupalVersion.parse("7.x-5.10")).isLessThan(DrupalVersion.parse("8.4.12"));
    }

    @Test
    void comparisonIsConsistentWithEquals() {
        List<String> texts = List.of(
                "6.x-1.0",
                "6.x-1.0-rc3",
                "6.20",
                "6.x-dev",
                "6.x-1.x-dev",
                "7.x-4.4",
                "8.4.12",
                "8.4.x-dev",
                "8.x-dev",
                "8.4",
                "6.x-2.0-rc5",
                "6.x-2.0-rc5.1",
                "2.0.0-beta1",
                "2.0.0");
        for (String a : texts) {
            for (String b : texts) {
                DrupalVersion va = DrupalVersion.parse(a);
                DrupalVersion vb = DrupalVersion.parse(b);
                assertThat(va.compareTo(vb) == 0).as(a + " vs " + b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(va.compareTo(vb))).isEqualTo(-Integer.signum(vb.compareTo(va)));
            }
        }
        assertThat(DrupalVersion.parse("7.x-4.4"))
                .isEqualTo(DrupalVersion.parse("7.x-4.4"))
                .hasSameHashCodeAs(DrupalVersion.parse("7.x-4.4"));
    }
}
