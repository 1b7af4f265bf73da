package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a sandbox Aegir home to try the sample upgrade on (the sample project runs it with
 * exec:java). Arguments: a target directory, one per checkout (the sample uses its own
 * {@code target/sandbox}, or as root {@code /tmp/aegir-sandbox<checkout path>}), and, as root, the
 * sandbox's own user (default {@value #SANDBOX_USER}).
 *
 * <ul>
 *   <li>The release tarballs, {@code SHA256SUMS} and {@code aegir.lock} go to
 *       {@code <target>/aegir-releases/} (copied from this jar, where the build put them).</li>
 *   <li>The home is {@code <target>/aegir}, owned by the current user; as root it is owned by the
 *       sandbox's own system user, created here when missing (marked {@value #USER_COMMENT} in
 *       its passwd entry), whose crontab the sandbox replaces. A user the sandbox did not create,
 *       such as a real {@code aegir}, is refused: the sandbox never touches a real user.</li>
 *   <li>{@code <target>/aegir-sandbox.properties} holds {@code aegir.home},
 *       {@code aegir.downloadUrl} (a {@code file:} URL template to the tarballs) and
 *       {@code aegir.lockFile} (and, as root, {@code aegir.user}); the same lines are printed.</li>
 * </ul>
 * An existing sandbox at the same place is replaced; any other non-empty directory is refused.
 */
public final class SandboxMain {

    /** The system user that owns sandboxes made as root (never a real user such as aegir). */
    public static final String SANDBOX_USER = "aegir-sandbox";
    /** The comment in the passwd entry of a user this class created: how it knows the user is its own. */
    public static final String USER_COMMENT = "aegir-maven-plugin sandbox";
    /** Where the release files are inside the harness jar. */
    static final String RESOURCE_DIR = "/io/github/aegirmaven/aegir/harness/releases/";

    private SandboxMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1 && args.length != 2) {
            throw new IllegalArgumentException(
                    "Usage: SandboxMain <target dir> [<sandbox user, as root>]; got " + args.length + " arguments");
        }
        Map<String, String> properties = make(Path.of(args[0]), args.length == 2 ? args[1] : SANDBOX_USER);
        properties.forEach((key, value) -> System.out.println("[aegir-sandbox] " + key + "=" + value));
    }

    /** Makes the sandbox under {@code target}; as root it belongs to {@value #SANDBOX_USER}. */
    public static Map<String, String> make(Path target) throws IOException {
        return make(target, SANDBOX_USER);
    }

    /**
     * Makes the sandbox under {@code target}.
     *
     * @param user as root, the sandbox's own system user (created when missing; refused when it exists but was not
     *             created by the sandbox); ignored otherwise, where the sandbox belongs to the current user
     * @return the properties written to {@code <target>/aegir-sandbox.properties}
     */
    public static Map<String, String> make(Path target, String user) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        Path home = base.resolve("aegir");
        Optional<String> owner = Optional.empty();
        if (Host.isRoot()) {
            ensureSandboxUser(user);
            owner = Optional.of(user);
        }
        Path releases = base.resolve("aegir-releases");
        copyReleasesFromClasspath(releases);
        removeOldSandbox(home);
        Sandbox.createDirectoriesTraversable(home.getParent());
        Sandbox sandbox = Sandbox.create(home, releases, owner);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aegir.home", sandbox.home().toString());
        properties.put("aegir.downloadUrl", releases.toUri() + "{project}-{version}.tar.gz");
        properties.put(
                "aegir.lockFile", releases.resolve(ReleaseCatalog.LOCK_FILE).toString());
        owner.ifPresent(name -> properties.put("aegir.user", name));
        // The hostmaster platform, locked (for aegir:platform-build, bound before the migration in the sandbox).
        Path lockedMakefile = base.resolve("hostmaster.lock.make");
        PlatformFixtures.writeSandboxPlatform(releases, lockedMakefile);
        properties.put("aegir.lockedMakefile", lockedMakefile.toString());
        StringBuilder text =
                new StringBuilder("# The sandbox Aegir home made by SandboxMain (aegir-maven-plugin test harness).\n");
        properties.forEach((key, value) ->
                text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        ReleaseCatalog.writeAtomically(base.resolve("aegir-sandbox.properties"), text.toString());
        return properties;
    }

    /**
     * Makes sure {@code user} is the sandbox's own system user: creates it when missing ({@code useradd --system},
     * no home directory, no login shell, marked with {@value #USER_COMMENT}); refuses a user that exists without
     * that mark, since the sandbox takes over its crontab.
     */
    static void ensureSandboxUser(String user) throws IOException {
        if (!user.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IOException("The sandbox user '" + user + "' is not a valid system user name (lower case"
                    + " letters, digits, '-' and '_'); use " + SANDBOX_USER);
        }
        Optional<String> entry = passwdEntry(user);
        if (entry.isEmpty()) {
            Processes.check(List.of(
                    "useradd",
                    "--system",
                    "--no-create-home",
                    "--home-dir",
                    "/nonexistent",
                    "--shell",
                    "/usr/sbin/nologin",
                    "--comment",
                    USER_COMMENT,
                    user));
            System.out.println("[aegir-sandbox] created the system user " + user + " (" + USER_COMMENT
                    + "); remove it with: crontab -r -u " + user + "; userdel " + user);
            return;
        }
        if (!madeBySandbox(entry.get())) {
            throw new IOException("The sandbox would belong to the user '" + user + "', which exists and was not"
                    + " created by the sandbox (its passwd entry " + entry.get() + " lacks the comment '"
                    + USER_COMMENT + "'). The sandbox replaces its owner's crontab, so it never uses a real user such"
                    + " as aegir: give it a user name of its own (default " + SANDBOX_USER + ").");
        }
    }

    /** True when a passwd line ({@code name:x:uid:gid:comment:home:shell}) carries this class's mark. */
    static boolean madeBySandbox(String passwdLine) {
        String[] fields = passwdLine.split(":", -1);
        return fields.length >= 7 && fields[4].equals(USER_COMMENT);
    }

    private static Optional<String> passwdEntry(String user) throws IOException {
        Processes.Result r =
                Processes.run(List.of("getent", "passwd", user), null, null, null, java.time.Duration.ofSeconds(30));
        return r.exitCode() == 0 ? Optional.of(r.stdout().trim()) : Optional.empty();
    }

    /** Copies the release files this jar carries into {@code dir}. */
    static void copyReleasesFromClasspath(Path dir) throws IOException {
        Sandbox.createDirectoriesTraversable(dir);
        for (String name : ReleaseCatalog.outputFileNames()) {
            try (InputStream in = SandboxMain.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("The harness classes carry no " + RESOURCE_DIR + name
                            + ": build the it-tests module first (its process-classes phase"
                            + " makes the release tarballs)");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                TarballBuilder.setReadableByAll(dir.resolve(name));
            }
        }
    }

    private static void removeOldSandbox(Path home) throws IOException {
        if (!Files.exists(home)) {
            return;
        }
        boolean empty;
        try (var children = Files.list(home)) {
            empty = children.findAny().isEmpty();
        }
        Path marker = home.resolve(".drush/server_master.alias.drushrc.php");
        boolean ours =
                Files.isRegularFile(marker) && Files.readString(marker).contains("'aegir_root' => '" + home + "'");
        if (!empty && !ours) {
            throw new IOException(
                    home + " exists and is not a sandbox made by SandboxMain; move it away or delete it yourself");
        }
        Sandbox.delete(home);
    }
}
