package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.home.user.Ownership;
import io.github.aegirmaven.aegir.home.user.UnixUser;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a procedure runs before it changes anything. Each returns a problem message or nothing, so that a
 * procedure can collect every problem and report them together ({@link #failIfAny}).
 */
public final class Preflight {

    private Preflight() {}

    /**
     * The home exists, is a directory, and the aegir user can write to it: when running as root the home must
     * be owned by the aegir user (else the chown command to fix it); when running as the aegir user it must
     * be owned by that user and writable. In both cases {@code drush/}, {@code .drush/} and the
     * {@code provision} and {@code drush_make} in it must be the aegir user's too: provision writes there as the
     * aegir user, and a directory owned by root cannot be moved into a backup set by anyone else.
     * (Any other user, and an aegir user that is root, is {@link #checkUser}'s problem.)
     */
    public static Optional<String> checkHome(AegirHome home, String aegirUser, CurrentUser current) {
        Path root = home.root();
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS) && !Files.exists(root)) {
            return Optional.of(Setting.HOME + " " + root + " does not exist: expected the aegir user's home with "
                    + "drush/ and .drush/ in it (e.g. /var/aegir). Set aegirHome to it.");
        }
        if (!Files.isDirectory(root)) {
            return Optional.of(Setting.HOME + " " + root + " is not a directory: expected the aegir user's home "
                    + "(e.g. /var/aegir).");
        }
        try {
            String owner = Ownership.ownerOf(root.toRealPath());
            boolean asAegir = current.is(aegirUser) && !current.root();
            if (!asAegir && !current.root()) {
                return Optional.empty();
            }
            if (!owner.equals(aegirUser) && (asAegir || usable(aegirUser))) {
                return Optional.of("aegirHome " + root + " is owned by " + owner + ", expected the aegir user "
                        + aegirUser + " (aegirUser/" + Setting.USER.flag() + "). Run" + (asAegir ? " as root" : "")
                        + ": chown "
                        + aegirUser + ": " + root + "   (or set aegirUser to the user that owns it)");
            }
            if (current.root()
                    && !Files.getPosixFilePermissions(root.toRealPath()).contains(PosixFilePermission.OWNER_WRITE)) {
                return Optional.of(
                        "aegirHome " + root + " is not writable by its owner " + owner + ". Run: chmod u+w " + root);
            }
            if (asAegir && !Files.isWritable(root)) {
                return Optional.of("aegirHome " + root + " is not writable by " + current.name() + " (owner: " + owner
                        + "). Run as root: chown " + aegirUser + ": " + root);
            }
            return checkBackendOwners(home, aegirUser, asAegir);
        } catch (IOException e) {
            return Optional.of("Cannot inspect aegirHome " + root + ": " + e.getMessage());
        }
    }

    /** drush/, .drush/, .drush/provision and .drush/drush_make, where they are directories, owned by the aegir user. */
    private static Optional<String> checkBackendOwners(AegirHome home, String aegirUser, boolean asAegir)
            throws IOException {
        List<String> wrong = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Path dir : List.of(home.drushDir(), home.dotDrush(), home.provisionDir(), home.drushMakeDir())) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String owner = Ownership.ownerOf(dir);
            if (!owner.equals(aegirUser)) {
                wrong.add(home.root().relativize(dir) + "/ is owned by " + owner);
                if (paths.stream().noneMatch(dir::startsWith)) {
                    paths.add(dir);
                }
            }
        }
        if (wrong.isEmpty() || !(asAegir || usable(aegirUser))) {
            return Optional.empty();
        }
        return Optional.of("In aegirHome " + home.root() + ", " + String.join(", ", wrong)
                + ", expected the aegir user " + aegirUser + " (aegirUser/" + Setting.USER.flag()
                + "): provision writes there as "
                + aegirUser + ", and the upgrade"
                + " moves these into a backup set. Run" + (asAegir ? " as root" : "") + ": chown -R " + aegirUser + ": "
                + String.join(" ", paths.stream().map(Path::toString).toList()));
    }

    /**
     * Whether the user exists and is not root: otherwise checkUser says so, and advice to hand the home to it would
     * be wrong.
     */
    private static boolean usable(String user) {
        try {
            return !UnixUser.lookup(user).isRoot();
        } catch (UserFixableException | IOException e) {
            return false;
        }
    }

    /**
     * At least {@code neededBytes} are free (for the aegir user) on the file system holding {@code dir}.
     *
     * @param what what the space is for, e.g. "the staged drush, provision and drush_make"
     */
    public static Optional<String> checkFreeSpace(Path dir, long neededBytes, String what) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Optional.of("Cannot check free disk space: no part of " + dir + " exists");
            }
            FileStore store = Files.getFileStore(existing);
            long usable = store.getUsableSpace();
            if (usable < neededBytes) {
                return Optional.of(
                        "Not enough free disk space in " + dir + " for " + what + ": need " + human(neededBytes)
                                + ", only " + human(usable) + " free on " + store
                                + ". Free some space (old pre-upgrade-* backup sets "
                                + "in the Aegir home can go) and run again.");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("Cannot check free disk space in " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The aegir user exists, and the build runs as that user, or as root (changes are then made through
     * {@code su} as the aegir user). Anyone else is refused with the exact command to run the build as the aegir
     * user.
     *
     * @param mavenCommand the Maven command line to suggest, e.g. {@code mvn aegir:upgrade}
     */
    public static Optional<String> checkUser(String aegirUser, CurrentUser current, String mavenCommand) {
        if (current.is(aegirUser)) {
            return current.root() ? Optional.of(rootRefusal(aegirUser)) : Optional.empty();
        }
        try {
            if (UnixUser.lookup(aegirUser).isRoot()) {
                return Optional.of(rootRefusal(aegirUser));
            }
        } catch (UserFixableException e) {
            return Optional.of(e.getMessage());
        } catch (IOException e) {
            return Optional.of("Cannot look up the aegir user " + aegirUser + " (aegirUser/" + Setting.USER.flag()
                    + "): " + e.getMessage());
        }
        if (current.root()) {
            return Optional.empty();
        }
        return Optional.of(
                "This build runs as user " + current.name() + ", but Aegir must be changed as the aegir user "
                        + aegirUser + " (aegirUser/" + Setting.USER.flag() + ") or by root. Run it as the aegir user: "
                        + suCommand(aegirUser, mavenCommand));
    }

    /**
     * The aegir user is not called root: the check {@link #checkUser} makes too, by name only (no look-up), for
     * the goals that report it with the other input problems before anything else.
     */
    public static Optional<String> checkNotRoot(String aegirUser) {
        return "root".equals(aegirUser) ? Optional.of(rootRefusal(aegirUser)) : Optional.empty();
    }

    private static String rootRefusal(String aegirUser) {
        String who = "root".equals(aegirUser) ? "root" : aegirUser + ", which has uid 0 (root)";
        return Setting.USER + " is " + who
                + ", but the aegir user is never root: provision refuses to run as root (\"You are running the"
                + " provision script as the root user. Exiting\") and so does Aegir's upgrade script. Set aegirUser to"
                + " the account that owns the Aegir home, e.g. aegir (Aegir's manual: useradd --system --create-home"
                + " --home-dir /var/aegir --shell /bin/sh aegir, then chown -R aegir: the home). Maven itself may run"
                + " as root: the plugin then acts as the aegir user through su.";
    }

    /** {@code su -s /bin/sh USER -c 'COMMAND'}, quoted for a POSIX shell. */
    public static String suCommand(String user, String command) {
        return "su -s /bin/sh " + user + " -c " + shellQuote(command);
    }

    /** Quotes a string for a POSIX shell with single quotes. */
    public static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The problems among the results. */
    @SafeVarargs
    public static List<String> problems(Optional<String>... results) {
        List<String> out = new ArrayList<>();
        Arrays.stream(results).forEach(r -> r.ifPresent(out::add));
        return out;
    }

    /** Throws one exception listing every problem, numbered, when there is any. */
    public static void failIfAny(List<String> problems) throws UserFixableException {
        if (problems.isEmpty()) {
            return;
        }
        if (problems.size() == 1) {
            throw new UserFixableException(problems.get(0));
        }
        StringBuilder sb = new StringBuilder(problems.size() + " problems must be fixed before anything is changed:");
        for (int i = 0; i < problems.size(); i++) {
            sb.append("\n  ").append(i + 1).append(". ").append(problems.get(i));
        }
        throw new UserFixableException(sb.toString(), problems);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
