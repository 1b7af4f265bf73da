package io.github.aegirmaven.aegir.home.lock;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Run in several JVMs at once by {@link RunLockTest}: takes and releases the run lock of the home given as
 * fast as it can, {@code args[1]} times, and checks that it is alone while it holds it by creating a marker
 * file that must not exist. Prints {@code OVERLAP} when it was not alone, {@code UNKNOWN} and the message when a
 * refusal could not name the holder, then {@code DONE <held> <refused>}.
 */
public final class LockStressMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        int rounds = Integer.parseInt(args[1]);
        Path marker = home.root().resolve("holder-marker");
        int held = 0;
        int refused = 0;
        while (held < rounds) {
            try (RunLock lock = RunLock.acquire(home, "stress")) {
                try {
                    Files.createFile(marker);
                } catch (FileAlreadyExistsException e) {
                    System.out.println("OVERLAP");
                    System.out.flush();
                    continue;
                }
                Thread.onSpinWait();
                Files.delete(marker);
                held++;
            } catch (UserFixableException busy) {
                refused++;
                if (busy.getMessage().contains("details unknown")) {
                    System.out.println("UNKNOWN " + busy.getMessage());
                    System.out.flush();
                }
            }
        }
        System.out.println("DONE " + held + " " + refused);
        System.out.flush();
    }
}
