package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.Unix;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real crontab command. Only ever against the aegir system user, as root, and its previous crontab is put
 * back afterwards; root's and the developer's own crontabs are never touched.
 */
class CrontabTest {

    private static final String HOSTING = "SHELL=/bin/bash\nPATH=/usr/bin:/bin\n"
            + "*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch \n";

    @Test
    void readWriteRemoveAndRestoreTheAegirUsersCrontab() throws Exception {
        Unix.assumeRootAndAegir();
        List<String> log = new ArrayList<>();
        Crontab crontab = new Crontab("aegir", CurrentUser.detect(), BuildLog.collecting(log));
        assertThat(crontab.command("-l")).containsExactly("crontab", "-u", "aegir", "-l");
        String rootBefore = rootCrontab();
        Optional<String> saved = crontab.read();
        try {
            crontab.remove();
            assertThat(crontab.read()).isEmpty();
            crontab.remove(); // none: nothing to do, no error

            crontab.write(HOSTING);
            assertThat(crontab.read()).get().asString().contains(HOSTING);
            assertThat(independentRead()).contains("hosting-dispatch");

            crontab.write("# no trailing newline\n0 3 * * * true");
            assertThat(crontab.read())
                    .get()
                    .asString()
                    .contains("0 3 * * * true\n")
                    .doesNotContain("hosting-dispatch");

            crontab.restore(Optional.empty());
            assertThat(crontab.read()).isEmpty();
            crontab.restore(Optional.of(HOSTING));
            assertThat(crontab.read()).get().asString().contains(HOSTING);
        } finally {
            crontab.restore(saved);
        }
        assertThat(crontab.read()).isEqualTo(saved);
        assertThat(rootCrontab()).as("root's crontab untouched").isEqualTo(rootBefore);
    }

    @Test
    void anyOtherUserIsRefusedWithoutRunningCrontab() {
        Crontab crontab = new Crontab("aegir", new CurrentUser("alice", false), BuildLog.NONE);
        assertThatThrownBy(crontab::read)
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("runs as alice")
                .hasMessageContaining("su -s /bin/sh aegir -c 'mvn ...'");
    }

    @Test
    void theAegirUserUsesPlainCrontab() throws Exception {
        assertThat(new Crontab("aegir", new CurrentUser("aegir", false), BuildLog.NONE).command("-r"))
                .containsExactly("crontab", "-r");
    }

    private static String independentRead() throws Exception {
        Process p = new ProcessBuilder("crontab", "-u", "aegir", "-l")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    /** Reads (never writes) root's crontab, to show it is unchanged. */
    private static String rootCrontab() throws Exception {
        Process p = new ProcessBuilder("crontab", "-u", "root", "-l")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + ":" + out;
    }
}
