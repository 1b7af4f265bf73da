package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.LockFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The pins and the lock file of a goal that changes the home, read before anything else. */
public record UpgradeInputs(BackendPins pins, LockFile lock) {

    /**
     * Reads the pins and the lock file, and refuses an aegir user named root; when any is wrong, the user and home
     * checks run too, so that every problem is reported together rather than one per build.
     */
    public static UpgradeInputs read(
            String drushVersion,
            String aegirVersion,
            String drushMakeVersion,
            Path lockFile,
            AegirHome home,
            String aegirUser,
            CurrentUser current,
            String mavenCommand,
            BuildLog log)
            throws UserFixableException {
        List<String> problems = new ArrayList<>();
        BackendPins pins = null;
        LockFile lock = null;
        try {
            pins = BackendPins.of(drushVersion, aegirVersion, drushMakeVersion, log);
        } catch (UserFixableException e) {
            problems.add(e.getMessage());
        }
        try {
            lock = LockFile.read(lockFile);
        } catch (UserFixableException e) {
            problems.add(e.getMessage());
        }
        // the aegir user is never root: said here, by name, whatever else is wrong (checkUser also knows uid 0)
        Optional<String> root = Preflight.checkNotRoot(aegirUser);
        root.ifPresent(problems::add);
        if (!problems.isEmpty()) {
            if (root.isEmpty()) {
                Preflight.checkUser(aegirUser, current, mavenCommand).ifPresent(problems::add);
            }
            Preflight.checkHome(home, aegirUser, current).ifPresent(problems::add);
        }
        Preflight.failIfAny(problems);
        return new UpgradeInputs(pins, lock);
    }
}
