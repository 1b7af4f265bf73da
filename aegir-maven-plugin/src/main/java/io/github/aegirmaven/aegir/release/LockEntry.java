package io.github.aegirmaven.aegir.release;

import java.util.Objects;

/**
 * What the lock file pins for one release: the SHA-256 of its archive and the archive's size in bytes.
 *
 * @param release the release
 * @param sha256 64 hex digits, stored lower case
 * @param size the archive size in bytes
 */
public record LockEntry(Release release, String sha256, long size) implements Comparable<LockEntry> {

    public LockEntry {
        Objects.requireNonNull(release, "release");
        sha256 = Sha256.normalize(sha256);
        if (size < 0) {
            throw new IllegalArgumentException("Archive size of " + release.displayName() + " is negative: " + size);
        }
    }

    /** Whether an archive with this sum and size is the pinned one. */
    public boolean matches(String actualSha256, long actualSize) {
        return sha256.equalsIgnoreCase(actualSha256) && size == actualSize;
    }

    /** {@code sha256:<hex> size:<n>}, as in the lock file and in messages. */
    public String describeSum() {
        return describe(sha256, size);
    }

    static String describe(String sha256, long size) {
        return "sha256:" + sha256 + " size:" + size;
    }

    /** The entry's line in the lock file (without the line break). */
    public String toLine() {
        return release.project() + " " + release.version() + " " + describeSum();
    }

    @Override
    public int compareTo(LockEntry other) {
        return release.compareTo(other.release);
    }
}
