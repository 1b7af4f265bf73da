package io.github.aegirmaven.aegir.home.user;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;

/** Who this process is, and handing files over to the aegir user. */
public final class Ownership {

    private Ownership() {}

    /** The name of the user running this JVM. */
    public static String currentUserName() {
        return System.getProperty("user.name");
    }

    /** Whether this JVM runs as root (uid 0). */
    public static boolean isRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** The numeric uid of this JVM. */
    public static long currentUid() {
        return new com.sun.security.auth.module.UnixSystem().getUid();
    }

    /** The name of the owner of a file (not following a link). */
    public static String ownerOf(Path path) throws IOException {
        return Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
    }

    /**
     * Makes {@code user} (and the user's primary group) own {@code root} and everything below it. Symbolic
     * links are changed themselves (lchown), never followed, so a link pointing out of the tree cannot
     * hand a foreign file to the aegir user.
     */
    public static void chownTree(Path root, UnixUser user) throws IOException {
        UserPrincipal owner = owner(user);
        GroupPrincipal group = group(user);
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chownUnlessOwned(dir, user, owner, group);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chownUnlessOwned(file, user, owner, group);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** The user as the file system knows it, for {@link #chownTree} and the extractor. */
    public static UserPrincipal owner(UnixUser user) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user.name());
    }

    /** The user's primary group as the file system knows it. */
    public static GroupPrincipal group(UnixUser user) throws IOException {
        return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName(user.group());
    }

    /**
     * Changes nothing (not even the inode's change time) when the entry already has the user's uid and gid, as
     * those the extractor gave away as it wrote them have: a stat instead of two lchown calls that each change the
     * inode again.
     */
    private static void chownUnlessOwned(Path path, UnixUser user, UserPrincipal owner, GroupPrincipal group)
            throws IOException {
        Map<String, Object> ids;
        try {
            ids = Files.readAttributes(path, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
            ids = Map.of();
        }
        if (Integer.valueOf(user.uid()).equals(ids.get("uid"))
                && Integer.valueOf(user.gid()).equals(ids.get("gid"))) {
            return;
        }
        chown(path, owner, group);
    }

    private static void chown(Path path, UserPrincipal owner, GroupPrincipal group) throws IOException {
        PosixFileAttributeView view =
                Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(owner);
        view.setGroup(group);
    }

    /**
     * When running as root, gives {@code path} to the owner and group of {@code like} (the Aegir home), so
     * that files the plugin writes as root stay usable by the aegir user. Does nothing otherwise.
     */
    public static void adopt(Path path, Path like) throws IOException {
        if (!isRoot()) {
            return;
        }
        PosixFileAttributeView model =
                Files.getFileAttributeView(like, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        var attrs = model.readAttributes();
        if (attrs.owner().getName().equals("root")) {
            return;
        }
        chown(path, attrs.owner(), attrs.group());
    }
}
