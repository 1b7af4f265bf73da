package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.Paths;
import java.time.Duration;

/**
 * Run by the drush tests in a second JVM: runs the stand-in drush (which hangs) with a long timeout, so
 * that the test can stop this JVM (SIGTERM, as Ctrl-C or an ended build would) and check that drush dies
 * with it. Arguments: home, aegir user.
 */
public final class HangMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        DrushResult r = new DrushRunner(new StdoutLog())
                .run(DrushInvocation.builder(home)
                        .aegirUser(args[1])
                        .timeout(Duration.ofMinutes(10))
                        .build());
        System.out.println("EXIT=" + r.exitCode());
    }
}
