package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeCheckTest {

    private final CurrentUser me = new CurrentUser(CurrentUser.detect().name(), false);

    @Test
    void onceLooksAtTheHomeOnlyOnTheFirstCall(@TempDir Path dir) throws IOException, UserFixableException {
        AegirHome home = AegirHome.at(dir.resolve("aegir"));
        HomeCheck once = HomeCheck.once(me);
        HomeCheck each = HomeCheck.everyTime(me);

        assertThat(once.problems(home, me.name(), "mvn aegir:upgrade")).hasSize(1);
        Files.createDirectory(home.root());

        assertThat(each.problems(home, me.name(), "mvn aegir:upgrade")).isEmpty();
        assertThat(once.problems(home, me.name(), "mvn aegir:upgrade"))
                .as("the first answer, not a second look")
                .hasSize(1);
    }

    @Test
    void everyTimeFindsWhatPreflightFinds(@TempDir Path dir) throws UserFixableException {
        AegirHome home = AegirHome.at(dir.resolve("missing"));
        assertThat(HomeCheck.everyTime(me).problems(home, me.name(), "mvn aegir:upgrade"))
                .containsExactlyElementsOf(Preflight.problems(
                        Preflight.checkUser(me.name(), me, "mvn aegir:upgrade"),
                        Preflight.checkHome(home, me.name(), me)));
    }
}
