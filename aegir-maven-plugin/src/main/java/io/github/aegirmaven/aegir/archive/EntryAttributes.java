package io.github.aegirmaven.aegir.archive;

import static io.github.aegirmaven.aegir.archive.SafeExtractor.writeFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/** The mode, owner and times an {@link Extraction} gives each entry it creates. */
final class EntryAttributes {

    private final Path archive;
    private final Path staging;
    private final UserPrincipal owner;
    private final GroupPrincipal group;
    private final FileTime now = FileTime.fromMillis(System.currentTimeMillis());

    EntryAttributes(Path archive, Path staging, UserPrincipal owner, GroupPrincipal group) {
        this.archive = archive;
        this.staging = staging;
        this.owner = owner;
        this.group = group;
    }

    void setMode(Path path, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(path, mode);
        } catch (IOException e) {
            throw writeFailure(archive, staging, path, e);
        }
    }

    /** Gives a new entry (a link itself: lchown) to the owner and group, when the extraction has them. */
    void setOwner(Path path) throws IOException {
        if (owner == null && group == null) {
            return;
        }
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            if (owner != null) {
                view.setOwner(owner);
            }
            if (group != null) {
                view.setGroup(group);
            }
        } catch (IOException e) {
            throw writeFailure(archive, staging, path, e);
        }
    }

    void setTimes(Path path, FileTime modified, boolean link) throws IOException {
        if (modified == null) {
            return;
        }
        // Every entry was created by this extraction (files with O_EXCL, directories, links): none is reached
        // through a link, so the times are set by name (utimensat), not through the open, futimens and close of
        // a link-following view, which cost two more system calls per file.
        BasicFileAttributeView view =
                Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        try {
            view.setTimes(modified, now, null);
        } catch (IOException e) {
            if (!link) {
                throw writeFailure(archive, staging, path, e);
            }
            // some file systems cannot time-stamp a link itself; the link still works
        }
    }
}
