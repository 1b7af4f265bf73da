package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.VerifiedArchive;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code aegir:lock}: resolve and download every pinned release and record its SHA-256 and size. Entries already
 * in the lock are verified, not replaced (a changed upstream tarball is refused, never silently re-pinned);
 * entries of releases no longer pinned are dropped.
 */
public final class PinLocker {

    /** What the lock goal did. */
    public record Result(LockFile lock, int added, int kept, int dropped, boolean written) {}

    private final ReleaseResolver resolver;
    private final BuildLog log;

    public PinLocker(ReleaseResolver resolver, BuildLog log) {
        this.resolver = resolver;
        this.log = log;
    }

    public Result lock(BackendPins pins, Path lockFile) throws IOException, UserFixableException {
        LockFile before = LockFile.read(lockFile);
        LockFile lock = before;
        int added = 0;
        int kept = 0;
        for (Release release : pins.releases()) {
            VerifiedArchive a = resolver.pin(release, lock);
            lock = a.updatedLock();
            if (a.lockEntryAdded()) {
                added++;
                log.info("Pinned " + release.displayName() + ": sha256 " + a.sha256() + ", " + a.size() + " bytes");
            } else {
                kept++;
                log.info("Verified " + release.displayName() + " against its pin: sha256 " + a.sha256());
            }
        }
        LockFile trimmed = lock.retainOnly(pins.releases());
        int dropped = lock.entries().size() - trimmed.entries().size();
        boolean changed = !trimmed.equals(before) || !java.nio.file.Files.exists(lockFile);
        if (changed) {
            trimmed.write(lockFile);
            log.info("Wrote " + lockFile + ": " + added + " added, " + kept + " verified, " + dropped
                    + " dropped (no longer pinned).");
        } else {
            log.info(lockFile + " already pins " + pins + ": unchanged.");
        }
        return new Result(trimmed, added, kept, dropped, changed);
    }
}
