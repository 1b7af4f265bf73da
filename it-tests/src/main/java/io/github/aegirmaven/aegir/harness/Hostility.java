package io.github.aegirmaven.aegir.harness;

/**
 * What a hostile variant of a release tarball adds or changes (see
 * {@link TarballBuilder#hostile(java.nio.file.Path, Hostility, java.nio.file.Path)}). Every variant
 * keeps all the entries of the good tarball, so only the hostile part can make an extractor refuse.
 */
public enum Hostility {
    /** An entry {@code <top>/../../aegir-hostile-dot-dot.txt} that climbs out of the extraction directory. */
    DOT_DOT,
    /** An entry with an absolute name, {@code /tmp/aegir-hostile-absolute-path.txt}. */
    ABSOLUTE_PATH,
    /** A symbolic link {@code <top>/escape -> ../../../../../../../../tmp}, then a file written through it. */
    SYMLINK_OUT,
    /** A symbolic link {@code <top>/etc -> /etc}. */
    SYMLINK_ABSOLUTE,
    /** A hard link {@code <top>/hard-link} to another entry of the tarball. */
    HARD_LINK,
    /** A hard link {@code <top>/passwd} to {@code /etc/passwd}. */
    HARD_LINK_OUT,
    /** A character device {@code <top>/null} (1,3). */
    CHAR_DEVICE,
    /** A block device {@code <top>/disk} (8,0). */
    BLOCK_DEVICE,
    /** A named pipe {@code <top>/fifo}. */
    FIFO,
    /** A file {@code <top>/setuid-helper} with the setuid and setgid bits (mode 06775). */
    SETUID,
    /** A second top-level directory {@code extra-<top>/} beside the project's. */
    TWO_TOP_DIRS,
    /** Every entry under {@code <top>-master/} instead of the project's name. */
    WRONG_TOP_DIR,
    /**
     * A zero-filled entry {@code <top>/bomb.bin}, 1 GiB and one byte unless told otherwise: about 4.5 MB
     * compressed.
     */
    BOMB
}
