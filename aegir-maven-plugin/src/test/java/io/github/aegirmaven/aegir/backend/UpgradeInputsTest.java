package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The inputs of a goal that changes the home: every problem at once, before anything is downloaded. */
class UpgradeInputsTest {

    private static final CurrentUser ROOT = new CurrentUser("root", true);

    @TempDir
    Path tmp;

    private UpgradeInputs read(String drush, String aegirUser) throws UserFixableException {
        return UpgradeInputs.read(
                drush,
                "6.x-1.0-rc3",
                "6.x-2.2",
                tmp.resolve("aegir.lock"),
                AegirHome.at(tmp),
                aegirUser,
                ROOT,
                "mvn aegir:upgrade",
                BuildLog.NONE);
    }

    @Test
    void anAegirUserNamedRootIsRefusedBeforeAnythingElse() throws Exception {
        assertThat(read("7.x-4.4", "aegir").pins().drush().version()).isEqualTo("7.x-4.4");
        assertThatThrownBy(() -> read("7.x-4.4", "root"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageStartingWith("aegirUser (-Daegir.user) is root, but the aegir user is never root");
    }

    @Test
    void rootIsReportedOnceWithTheOtherProblems() {
        assertThatThrownBy(() -> read("8.4.12", "root"))
                .hasMessageStartingWith("2 problems must be fixed before anything is changed:\n  1. The pinned versions"
                        + " are not usable:\n  - drushVersion (-Daegir.drushVersion) 8.4.12 with aegirVersion")
                .hasMessageContaining("\n  2. aegirUser (-Daegir.user) is root, but the aegir user is never root")
                .satisfies(e ->
                        assertThat(e.getMessage().split("is never root", -1)).hasSize(2));
    }
}
