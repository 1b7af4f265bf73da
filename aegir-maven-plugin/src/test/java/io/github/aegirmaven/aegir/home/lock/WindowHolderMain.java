package io.github.aegirmaven.aegir.home.lock;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.PropertiesText;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * Run in a second JVM by {@link RunLockTest}: a build caught between taking the run lock and putting its details in
 * place. Takes the operating-system lock on {@code .aegir-maven-plugin/lock} of the home given, prints
 * {@code LOCKED <pid>}, waits {@code args[1]} milliseconds, then writes its {@code lock.info} (as a build of goal
 * {@code upgrade}) and holds the lock until its stdin is closed.
 */
public final class WindowHolderMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        home.ensureStateDir();
        try (FileChannel channel =
                        FileChannel.open(home.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            long pid = ProcessHandle.current().pid();
            Instant started = Instant.now();
            System.out.println("LOCKED " + pid);
            System.out.flush();
            Thread.sleep(Long.parseLong(args[1]));
            PropertiesText.write(
                    home.lockInfoFile(),
                    "test",
                    Map.of(
                            "pid",
                            Long.toString(pid),
                            "goal",
                            "upgrade",
                            "started",
                            started.toString(),
                            "host",
                            RunLock.hostName(),
                            "user",
                            "tester"));
            System.out.println("DETAILS");
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the parent closes our stdin
            }
            Files.deleteIfExists(home.lockInfoFile());
        }
    }
}
