package io.github.aegirmaven.aegir.home.journal;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;

/**
 * Run in a second JVM by {@link SwapTransactionTest}: swaps drush and provision with the staged trees given,
 * and freezes at a chosen point (after the Nth rename, before its mark is written; or after apply, before
 * commit) having touched a marker file, so that the test can SIGKILL it exactly there.
 *
 * <p>Arguments: home, staged drush, staged provision, marker file, freeze point ("rename:N" or "applied").
 */
public final class SwapCrashMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        Path marker = Paths.get(args[3]);
        String freeze = args[4];
        int[] renames = {0};
        BuildLog log = new BuildLog() {
            @Override
            public void debug(String message) {}

            @Override
            public void info(String message) {
                if (message.startsWith("Moved ") && freeze.equals("rename:" + (++renames[0]))) {
                    freeze(marker);
                }
            }

            @Override
            public void warn(String message) {}

            @Override
            public void error(String message) {}
        };
        BackupSet set = BackupSets.create(home, Clock.systemDefaultZone());
        SwapTransaction tx = SwapTransaction.begin(home, set, log);
        tx.replace(home.drushDir(), Paths.get(args[1]));
        tx.replace(home.provisionDir(), Paths.get(args[2]));
        tx.apply();
        if (freeze.equals("applied")) {
            freeze(marker);
        }
        tx.commit();
    }

    private static void freeze(Path marker) {
        try {
            Files.writeString(marker, "frozen");
            Thread.sleep(60_000);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        System.exit(3); // not killed: the test failed to kill us
    }
}
