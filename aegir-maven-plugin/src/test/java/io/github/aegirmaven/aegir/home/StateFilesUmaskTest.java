package io.github.aegirmaven.aegir.home;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin's own files in the home (run lock, journal, backup set with manifest and crontab, install record)
 * end 644 and their directories 755 whatever the umask of the build: a JVM started under umask 077 or 000 writes
 * them here.
 */
class StateFilesUmaskTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"077", "000"})
    void stateFilesAre644AndDirectories755UnderAnyUmask(String umask) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs /bin/sh to set a umask");
        AegirHome home = Fixtures.rc2Home(tmp.resolve("aegir"));
        Path staged = SwapTransaction.newStagingDir(home.drushDir());
        Fixtures.write(staged.resolve("drush/drush.php"), "<?php // new\n");
        List<String> java = JavaProcess.command(
                Child.class,
                List.of(BuildLog.class, org.apache.commons.io.file.PathUtils.class),
                home.root().toString(),
                staged.resolve("drush").toString());
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        command.addAll(java);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out)
                .contains("probe " + (umask.equals("077") ? "rw-------" : "rw-rw-rw-"))
                .contains("lock rw-r--r--")
                .contains("lock.info rw-r--r--")
                .contains("journal rw-r--r--");

        Map<String, String> modes = new TreeMap<>();
        List<Path> written = new ArrayList<>(List.of(home.stateDir()));
        try (Stream<Path> top = Files.list(home.root())) {
            top.filter(d -> d.getFileName().toString().startsWith("pre-upgrade-"))
                    .forEach(written::add);
        }
        assertThat(written).hasSize(2);
        for (Path dir : written) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path f : all.toList()) {
                    modes.put(
                            home.root().relativize(f).toString(),
                            PosixFilePermissions.toString(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS)));
                }
            }
        }
        assertThat(modes).containsKeys(".aegir-maven-plugin/installed.properties");
        assertThat(modes.keySet())
                .anyMatch(k -> k.endsWith("/manifest.properties"))
                .anyMatch(k -> k.endsWith("/crontab"));
        modes.forEach((path, mode) -> assertThat(mode)
                .as(path)
                .isEqualTo(Files.isDirectory(home.root().resolve(path)) ? "rwxr-xr-x" : "rw-r--r--"));
    }

    /** Writes every kind of state file under the umask it was started with; reports the modes of the transient ones. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            AegirHome home = AegirHome.at(Paths.get(args[0]));
            Path probe = home.root().resolve("probe");
            Files.writeString(probe, "x");
            System.out.println("probe " + mode(probe));
            Files.delete(probe);
            try (RunLock lock = RunLock.acquire(home, "upgrade")) {
                System.out.println("lock " + mode(home.lockFile()));
                System.out.println("lock.info " + mode(home.lockInfoFile()));
                BackupSet set = BackupSets.create(home, Clock.systemDefaultZone());
                set.saveCrontab(
                        Optional.of("*/1 * * * * /var/aegir/drush/drush.php '@hostmaster' hosting-dispatch \n"));
                SwapTransaction tx = SwapTransaction.begin(home, set, BuildLog.NONE);
                tx.replace(home.drushDir(), Paths.get(args[1]));
                tx.apply();
                System.out.println("journal " + mode(home.journalFile()));
                tx.commit();
                InstallRecord.read(home)
                        .with(new InstallRecord.Entry("drush", "7.x-4.4", "0".repeat(64), java.time.Instant.now()))
                        .write(home);
            }
        }

        private static String mode(Path p) throws Exception {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        }
    }
}
