package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a release's archive in the cache or downloads it, and checks it against the lock file.
 *
 * <ul>
 *   <li>Cached and matching the lock: used as it is, without any network access.</li>
 *   <li>Cached but not matching the lock: downloaded again; the download replaces the cached file only when it
 *       matches the lock (the cached file was damaged). When the download does not match either, the lock may be
 *       what is wrong (a typo in a sum): the cached file is kept as it is and the refusal names it, its sum, the
 *       download's and the lock's, so that the next run with a corrected lock works, offline too.</li>
 *   <li>Not cached: downloaded into a hidden file in the cache directory, checked against the lock, and only
 *       then renamed into the cache. A mismatch deletes the download, caches nothing, and is refused.</li>
 *   <li>Offline ({@code -o}) and not cached: refused, naming the release, the cache path and what to run
 *       ({@code file:} URLs are still copied).</li>
 *   <li>No lock entry: recorded in {@link VerifiedArchive#updatedLock()} with a warning (trust on first use),
 *       or refused when {@code strict} ({@code -Daegir.lock.strict}).</li>
 * </ul>
 * Resolve several releases by passing each result's {@code updatedLock()} to the next call, then write the
 * last one once if any {@code lockEntryAdded()}.
 */
public final class ReleaseResolver {

    private final UrlTemplate urls;
    private final ReleaseCache cache;
    private final Downloader downloader;
    private final BuildLog log;

    public ReleaseResolver(UrlTemplate urls, ReleaseCache cache, Downloader downloader) {
        this.urls = urls;
        this.cache = cache;
        this.downloader = downloader;
        this.log = downloader.settings().log();
    }

    /**
     * Returns the release's verified archive from the cache, downloading it when needed.
     *
     * @param lock the pins so far ({@link LockFile#source()} names the file in messages)
     * @param strict refuse a release the lock does not pin
     * @throws UserFixableException on a checksum mismatch, a release missing from the lock under
     *     {@code strict}, an archive missing from the cache offline, or a download the server refuses
     * @throws IOException when downloading fails after retries or the cache cannot be written
     */
    public VerifiedArchive resolve(Release release, LockFile lock, boolean strict)
            throws IOException, UserFixableException {
        return resolve(release, lock, strict, true);
    }

    /**
     * For {@code aegir:lock}, whose purpose is recording: {@link #resolve} without refusing or warning about a
     * release the lock does not pin yet (the caller reports what it pinned). A pinned release is verified as ever.
     */
    public VerifiedArchive pin(Release release, LockFile lock) throws IOException, UserFixableException {
        return resolve(release, lock, false, false);
    }

    private VerifiedArchive resolve(Release release, LockFile lock, boolean strict, boolean warnFirstUse)
            throws IOException, UserFixableException {
        URI url = urls.resolve(release);
        Optional<LockEntry> pinned = lock.entry(release);
        if (pinned.isEmpty() && strict) {
            throw new UserFixableException("Release " + release.displayName() + " has no entry in " + lockName(lock)
                    + ", and " + Setting.STRICT_LOCK.flag()
                    + " is set, so it will not be used unverified. Run `mvn aegir:lock`"
                    + " (online) to record its SHA-256, commit the lock file, and run again.");
        }
        boolean offline = downloader.settings().offline() && !"file".equalsIgnoreCase(url.getScheme());
        Optional<Path> cached = cache.find(release);
        if (cached.isPresent()) {
            Path path = cached.get();
            long size = Files.size(path);
            if (pinned.isPresent()) {
                LockEntry entry = pinned.get();
                // A size mismatch already proves the file wrong; only hash when the size fits.
                String sha256 = size == entry.size() ? Sha256.of(path) : null;
                if (sha256 != null && entry.matches(sha256, size)) {
                    log.debug("Using cached " + path + " (" + entry.describeSum() + ")");
                    return new VerifiedArchive(release, url, path, sha256, size, false, false, lock);
                }
                String found = sha256 == null ? "size:" + size : LockEntry.describe(sha256, size);
                if (offline) {
                    throw new UserFixableException("The cached archive " + path + " of " + release.displayName()
                            + " does not match " + lockName(lock) + " (expected " + entry.describeSum() + ", found "
                            + found + "), and Maven is offline (-o), so it cannot be downloaded again. The cached"
                            + " file is kept. If the lock file's entry is wrong, correct it; otherwise run once without"
                            + " -o to download the release again.");
                }
                log.warn("The cached archive " + path + " of " + release.displayName() + " does not match "
                        + lockName(lock) + " (expected " + entry.describeSum() + ", found " + found
                        + "); downloading it again. The cached file is replaced only if the download matches.");
                String cachedSum = sha256 != null ? sha256 : Sha256.of(path);
                return download(
                        release, url, pinned, lock, Optional.of(new Cached(path, cachedSum, size)), warnFirstUse);
            } else {
                String sha256 = Sha256.of(path);
                return record(release, url, path, sha256, size, false, lock, warnFirstUse);
            }
        } else if (offline) {
            throw new UserFixableException("Maven is offline (-o), and release " + release.displayName()
                    + " is not in the cache (expected " + cache.pathFor(release) + "). Run once without -o, or run"
                    + " `mvn aegir:lock` online, to download it; after that -o works.");
        }
        return download(release, url, pinned, lock, Optional.empty(), warnFirstUse);
    }

    /** A cached archive that does not match the lock: kept unless a download that matches replaces it. */
    private record Cached(Path path, String sha256, long size) {}

    private VerifiedArchive download(
            Release release,
            URI url,
            Optional<LockEntry> pinned,
            LockFile lock,
            Optional<Cached> cached,
            boolean warnFirstUse)
            throws IOException, UserFixableException {
        Path pending = cache.newPendingPath(release);
        boolean stored = false;
        try {
            log.info("Downloading " + release.displayName() + " from " + Downloader.display(url));
            downloader.download(url, pending);
            long size = Files.size(pending);
            String sha256 = Sha256.of(pending);
            if (pinned.isPresent() && !pinned.get().matches(sha256, size) && cached.isPresent()) {
                throw mismatchWithCache(release, url, pinned.get(), lock, cached.get(), sha256, size);
            }
            if (pinned.isPresent() && !pinned.get().matches(sha256, size)) {
                throw new UserFixableException("Checksum mismatch for " + release.displayName() + " downloaded from "
                        + Downloader.display(url) + ": " + lockName(lock) + " expects "
                        + pinned.get().describeSum()
                        + ", but the download is " + LockEntry.describe(sha256, size) + ". Nothing was cached or"
                        + " installed. If " + Setting.DOWNLOAD_URL + " or a mirror serves a different file, fix"
                        + " that; if the release was repackaged upstream on purpose, check the new archive, delete the"
                        + " line \"" + release.project() + " " + release.version() + "\" from the lock file and run"
                        + " `mvn aegir:lock`.");
            }
            Path path = cache.store(release, pending);
            stored = true;
            if (pinned.isPresent()) {
                log.info("Verified " + release.displayName() + " against " + lockName(lock) + " ("
                        + pinned.get().describeSum() + ")");
                return new VerifiedArchive(release, url, path, sha256, size, true, false, lock);
            }
            return record(release, url, path, sha256, size, true, lock, warnFirstUse);
        } finally {
            if (!stored) {
                Files.deleteIfExists(pending);
            }
        }
    }

    /**
     * The download does not match the lock, and neither does the cached archive: which one is wrong cannot be told
     * here, so the cached file stays as it is (never deleted for a lock that may hold a typo) and the message gives
     * all three sums.
     */
    private UserFixableException mismatchWithCache(
            Release release, URI url, LockEntry pinned, LockFile lock, Cached cached, String sha256, long size) {
        String download = LockEntry.describe(sha256, size);
        String kept = LockEntry.describe(cached.sha256(), cached.size());
        boolean agree = cached.sha256().equals(sha256) && cached.size() == size;
        String verdict = agree
                ? " The cached archive and the download agree, so the entry in the lock file is most likely what is"
                        + " wrong (a mistyped sum?): compare it with the sum of the release you reviewed, correct the"
                        + " line \"" + release.project() + " " + release.version() + "\" and run again (offline works:"
                        + " the cached archive is used once the lock matches it)."
                : " If " + Setting.DOWNLOAD_URL + " or a mirror serves a different file, fix that; if the lock"
                        + " file's entry is wrong, correct the line \"" + release.project() + " " + release.version()
                        + "\"; if the release was repackaged upstream on purpose, check the new archive, delete that"
                        + " line and run `mvn aegir:lock`.";
        return new UserFixableException("Checksum mismatch for " + release.displayName() + ": " + lockName(lock)
                + " expects " + pinned.describeSum() + ", but the download from " + Downloader.display(url) + " is "
                + download + " and the cached archive " + cached.path() + " is " + kept + ". The cached archive was"
                + " kept as it is; nothing was installed." + verdict);
    }

    private VerifiedArchive record(
            Release release,
            URI url,
            Path path,
            String sha256,
            long size,
            boolean downloaded,
            LockFile lock,
            boolean warnFirstUse) {
        LockEntry entry = new LockEntry(release, sha256, size);
        if (!warnFirstUse) {
            return new VerifiedArchive(release, url, path, sha256, size, downloaded, true, lock.with(entry));
        }
        log.warn("No entry for " + release.displayName() + " in " + lockName(lock) + "; recording "
                + entry.describeSum()
                + " (first use). Commit the lock file; set " + Setting.STRICT_LOCK.flag()
                + "=true (e.g. in CI) to refuse"
                + " releases it does not pin.");
        return new VerifiedArchive(release, url, path, sha256, size, downloaded, true, lock.with(entry));
    }

    private static String lockName(LockFile lock) {
        return lock.source().map(p -> "lock file " + p).orElse("the lock file (lockFile)");
    }
}
