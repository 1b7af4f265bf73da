package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.Journal;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Locale;

/**
 * Prints figures (not a test): how long the swap of drush-sized trees takes, recovery, the run lock, and
 * the runner's overhead for a trivial drush (directly, and through su when root with an aegir user).
 * Run: java -cp target/classes:target/test-classes:commons-exec.jar \
 *     io.github.aegirmaven.aegir.drush.HomeAndDrushBenchmark
 */
public final class HomeAndDrushBenchmark {

    public static void main(String[] args) throws Exception {
        Path tmp = Files.createTempDirectory("aegir-bench-");
        try {
            AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
            int rounds = 20;
            long swap = 0;
            long recover = 0;
            for (int i = 0; i < rounds; i++) {
                Path d = stage(home.drushDir(), 84);
                Path p = stage(home.provisionDir(), 148);
                Path m = stage(home.drushMakeDir(), 37);
                long t0 = System.nanoTime();
                SwapTransaction.begin(home, BackupSets.create(home, Clock.systemUTC()), BuildLog.NONE)
                        .replace(home.drushDir(), d)
                        .replace(home.provisionDir(), p)
                        .replace(home.drushMakeDir(), m)
                        .commit();
                swap += System.nanoTime() - t0;
                Path d2 = stage(home.drushDir(), 84);
                Path p2 = stage(home.provisionDir(), 148);
                SwapTransaction tx =
                        SwapTransaction.begin(home, BackupSets.create(home, Clock.systemUTC()), BuildLog.NONE);
                tx.replace(home.drushDir(), d2).replace(home.provisionDir(), p2).apply(); // "killed" before commit
                long t1 = System.nanoTime();
                SwapTransaction.recover(home, BuildLog.NONE);
                recover += System.nanoTime() - t1;
                BackupSets.prune(home, 1, Journal.backupSetsInUse(home), BuildLog.NONE);
            }
            print("swap of drush+provision+drush_make (269 files), apply+commit", swap / rounds);
            print("recover an applied 4-step swap (undo + cleanup)", recover / rounds);

            long lock = 0;
            for (int i = 0; i < 200; i++) {
                long t0 = System.nanoTime();
                try (RunLock l = RunLock.acquire(home, "bench")) {
                    lock += System.nanoTime() - t0;
                }
            }
            print("RunLock.acquire", lock / 200);

            Fixtures.write(home.drushPhp(), "<?php echo \"ok\\n\";\n");
            String me = Ownership.currentUserName();
            print("drush run, trivial php, directly", drush(home, me, 10));
            if (Ownership.isRoot()) {
                try {
                    UnixUser aegir = UnixUser.lookup("aegir");
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Ownership.chownTree(home.root(), aegir);
                    print("drush run, trivial php, through su as aegir", drush(home, "aegir", 10));
                } catch (Exception e) {
                    System.out.println("(no aegir user: su figure skipped)");
                }
            }
        } finally {
            Trees.deleteRecursively(tmp);
        }
    }

    private static long drush(AegirHome home, String user, int n) throws Exception {
        DrushRunner runner = new DrushRunner(BuildLog.NONE);
        runner.run(DrushInvocation.builder(home).aegirUser(user).build()); // warm up
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!runner.run(DrushInvocation.builder(home).aegirUser(user).build())
                    .ok()) {
                throw new IllegalStateException("drush failed");
            }
        }
        return (System.nanoTime() - t0) / n;
    }

    private static Path stage(Path live, int files) throws Exception {
        Path tree =
                SwapTransaction.newStagingDir(live).resolve(live.getFileName().toString());
        for (int i = 0; i < files; i++) {
            Fixtures.write(tree.resolve("dir" + (i % 7) + "/file" + i + ".inc"), "<?php // " + i + "\n".repeat(20));
        }
        return tree;
    }

    private static void print(String what, long nanos) {
        System.out.println(String.format(Locale.ROOT, "%-62s %8.2f ms", what, nanos / 1e6));
    }
}
