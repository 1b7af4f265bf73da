package io.github.aegirmaven.aegir.home.lock;

import io.github.aegirmaven.aegir.home.AegirHome;
import java.nio.file.Paths;

/**
 * Run in a second JVM by {@link RunLockTest}: takes the run lock of the home given, prints {@code LOCKED},
 * and holds it until its stdin is closed (or it is killed).
 */
public final class LockHolderMain {

    public static void main(String[] args) throws Exception {
        AegirHome home = AegirHome.at(Paths.get(args[0]));
        try (RunLock lock = RunLock.acquire(home, args[1])) {
            System.out.println("LOCKED " + lock.holder().pid());
            System.out.flush();
            while (System.in.read() != -1) {
                // hold until the parent closes our stdin
            }
        }
        System.out.println("RELEASED");
        System.out.flush();
    }
}
