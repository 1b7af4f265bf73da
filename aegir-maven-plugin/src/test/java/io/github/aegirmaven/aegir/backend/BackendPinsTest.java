package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drush_make is pinned only where it is needed: provision 6.x-0.4 and later with drush 4. */
class BackendPinsTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void drush4WithAProvisionThatBuildsWithMakeNeedsDrushMake() throws Exception {
        assertThat(BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE).components())
                .containsExactly(Component.DRUSH, Component.PROVISION, Component.DRUSH_MAKE);
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", "6.x-0.4-alpha3", null, BuildLog.NONE))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is not set, but drush 7.x-4.4");
    }

    @Test
    void aProvisionBefore04DoesNotUseDrushMake() throws Exception {
        assertThat(BackendPins.of("6.x-2.1", "6.x-0.3", null, BuildLog.NONE).components())
                .containsExactly(Component.DRUSH, Component.PROVISION);
        assertThat(BackendPins.of("6.x-2.1", "6.x-0.3", "6.x-2.2", BuildLog.collecting(log)).components())
                .containsExactly(Component.DRUSH, Component.PROVISION);
        assertThat(log).singleElement().asString().startsWith("WARN drushMakeVersion 6.x-2.2 is ignored: provision"
                + " 6.x-0.3 (before 6.x-0.4) does not use drush make.");
    }

    @Test
    void drush5AndLaterBundleMake() throws Exception {
        assertThat(BackendPins.of("7.x-5.9", "6.x-2.0", "6.x-2.2", BuildLog.collecting(log)).components())
                .containsExactly(Component.DRUSH, Component.PROVISION);
        assertThat(log).singleElement().asString().contains("bundles drush make");
    }
}
