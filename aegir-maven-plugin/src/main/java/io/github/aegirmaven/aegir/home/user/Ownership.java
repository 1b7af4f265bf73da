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
import java.nio.file.attribute.UserPrincipalLookupService;

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
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user.name());
        GroupPrincipal group = lookup.lookupPrincipalByGroupName(user.group());
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir, owner, group);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file, owner, group);
                return FileVisitResult.CONTINUE;
            }
        });
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
