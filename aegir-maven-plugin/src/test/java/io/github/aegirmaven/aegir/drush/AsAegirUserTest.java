package io.github.aegirmaven.aegir.drush;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.JavaProcess;
import io.github.aegirmaven.aegir.home.Unix;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.exec.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real JVM running as the aegir user (Maven run as aegir): direct drush, plain crontab, refusals. */
class AsAegirUserTest {

    @TempDir
    Path tmp;

    @Test
    void aBuildRunningAsTheAegirUser() throws Exception {
        UnixUser aegir = Unix.assumeRootAndAegir();
        AegirHome home = Stand.home(
                tmp.resolve("aegir"),
                DrushRunnerTest.REPORT + "echo 'USER=' . (function_exists('posix_geteuid') ?"
                        + " posix_getpwuid(posix_geteuid())['name'] : 'aegir') . \"\\n\";");
        Path classes = Files.createDirectories(tmp.resolve("classpath"));
        List<String> cmd = JavaProcess.commandAs(
                "aegir",
                classes,
                AsAegirMain.class,
                List.of(BuildLog.class, CommandLine.class),
                home.root().toString());
        Unix.handTo(tmp.resolve("aegir"), aegir, tmp);
        Unix.handTo(classes, aegir, tmp);
        Crontab asRoot = new Crontab("aegir", CurrentUser.detect(), BuildLog.NONE);
        Optional<String> saved = asRoot.read();
        String out;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            asRoot.restore(saved);
        }
        assertThat(out)
                .contains(
                        "ME=aegir root=false",
                        "DRUSH-OUT=ARG0=[direct]",
                        "DRUSH-OUT=ARG1=[a b]",
                        "DRUSH-OUT=HOME=" + home.root(),
                        "DRUSH-OUT=UMASK=0022",
                        "DRUSH-OUT=USER=aegir",
                        "DRUSH-EXIT=0");
        // the command the user is shown: run directly, as the build already is the aegir user
        assertThat(out).doesNotContain("through su");
        assertThat(out)
                .contains("REFUSED=drush must run as the aegir user root")
                .contains("su -s /bin/sh root -c 'mvn ...'");
        assertThat(out)
                .contains("CHECK-USER=This build runs as user aegir")
                .contains("su -s /bin/sh www-data -c 'mvn aegir:status'");
        assertThat(out)
                .contains(
                        "CRONTAB-CMD=[crontab, -l]",
                        "CRONTAB-READ=# written by the aegir user itself|0 4 * * * true|",
                        "CRONTAB-RESTORED=true");
    }
}
