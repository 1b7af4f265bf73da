package io.github.aegirmaven.aegir.home.journal;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * Whether an Aegir home is at rest: no build holds its {@link RunLock} or left it behind ({@code lock.info} is
 * absent: a build writes it before changing anything and removes it when done), and nothing is left for
 * {@link SwapTransaction#recover} to put right. Reads only.
 *
 * <p>A run that finds the home at rest and, by reading only, nothing to do can report so without taking the run
 * lock: a CI job that runs {@code mvn aegir:upgrade} on every push then writes nothing to the home, not even the
 * lock's {@code lock.info}. Anything else takes the lock first.
 */
public final class HomeAtRest {

    private HomeAtRest() {}

    /** Whether no build is working on the home and no killed build left work half done. */
    public static boolean check(AegirHome home) throws IOException {
        return !Files.exists(home.lockInfoFile(), LinkOption.NOFOLLOW_LINKS) && !SwapTransaction.needsRecovery(home);
    }
}
