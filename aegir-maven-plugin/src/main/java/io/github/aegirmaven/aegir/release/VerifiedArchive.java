package io.github.aegirmaven.aegir.release;

import java.net.URI;
import java.nio.file.Path;

/**
 * A release archive in the cache whose SHA-256 and size match the lock file.
 *
 * @param release the release
 * @param url where it is (or would be) downloaded from
 * @param path the cached archive
 * @param sha256 its SHA-256 (lower-case hex)
 * @param size its size in bytes
 * @param downloaded whether it was downloaded (or copied from a {@code file:} URL) by this call
 * @param lockEntryAdded whether the lock had no entry for the release and {@link #updatedLock} records it
 * @param updatedLock the lock to pass on and, if {@code lockEntryAdded}, to write once all releases are resolved
 */
public record VerifiedArchive(
        Release release,
        URI url,
        Path path,
        String sha256,
        long size,
        boolean downloaded,
        boolean lockEntryAdded,
        LockFile updatedLock) {}
