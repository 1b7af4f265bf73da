package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * Run by {@link AsAegirUserTest} in a JVM running as the aegir user: the "current user is the aegir user"
 * paths of the runner and the crontab, for real, and the refusal of a user that is neither.
 * Argument: the stand-in home.
 */
public final class AsAegirMain {

    public static void main(String[] args) throws Exception {
        CurrentUser me = CurrentUser.detect();
        System.out.println("ME=" + me.name() + " root=" + me.root());
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        DrushResult r = new DrushRunner(new StdoutLog())
                .run(DrushInvocation.builder(home)
                        .aegirUser("aegir")
                        .args("direct", "a b")
                        .build());
        System.out.println("DRUSH-EXIT=" + r.exitCode());
        r.lastLines().forEach(l -> System.out.println("DRUSH-OUT=" + l));
        try {
            new DrushRunner(new StdoutLog())
                    .run(DrushInvocation.builder(home).aegirUser("root").build());
            System.out.println("NOT-REFUSED");
        } catch (UserFixableException e) {
            System.out.println("REFUSED=" + e.getMessage());
        }
        System.out.println("CHECK-USER="
                + Preflight.checkUser("www-data", me, "mvn aegir:status").orElse("ok"));

        Crontab crontab = Crontab.of("aegir", new StdoutLog());
        System.out.println("CRONTAB-CMD=" + crontab.command("-l"));
        Optional<String> saved = crontab.read();
        try {
            crontab.write("# written by the aegir user itself\n0 4 * * * true\n");
            System.out.println("CRONTAB-READ=" + crontab.read().orElse("(none)").replace('\n', '|'));
        } finally {
            crontab.restore(saved);
        }
        System.out.println("CRONTAB-RESTORED=" + crontab.read().equals(saved));
    }
}
