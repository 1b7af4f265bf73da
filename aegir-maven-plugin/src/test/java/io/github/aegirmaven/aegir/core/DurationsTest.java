package io.github.aegirmaven.aegir.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    private static final String PARAM = "timeout (-Daegir.timeout)";

    @Test
    void readsTheUsualForms() throws Exception {
        assertThat(Durations.parse("90s", PARAM)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("30m", PARAM)).isEqualTo(Duration.ofMinutes(30));
        assertThat(Durations.parse(" 2H ", PARAM)).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("600", PARAM)).isEqualTo(Duration.ofSeconds(600));
        assertThat(Durations.parse("1500ms", PARAM)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void namesTheParameterWhenTheValueIsWrong() {
        assertThatThrownBy(() -> Durations.parse("soon", PARAM))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("-Daegir.timeout")
                .hasMessageContaining("'soon'")
                .hasMessageContaining("30m");
        assertThatThrownBy(() -> Durations.parse("0", PARAM)).hasMessageContaining("at once");
    }

    @Test
    void formatsShortly() {
        assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(Durations.format(Duration.ofMillis(250))).isEqualTo("250ms");
    }
}
