package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a sandbox Aegir home to try the sample upgrade on (the sample project runs it with
 * exec:java). Argument: a target directory.
 *
 * <ul>
 *   <li>The release tarballs, {@code SHA256SUMS} and {@code aegir.lock} go to
 *       {@code <target>/aegir-releases/} (copied from this jar, where the build put them).</li>
 *   <li>The home is {@code <target>/aegir}, owned by the current user; as root it is
 *       {@value #ROOT_HOME}, owned by the {@code aegir} user (which must exist) whose crontab is
 *       replaced by the sandbox's.</li>
 *   <li>{@code <target>/aegir-sandbox.properties} holds {@code aegir.home},
 *       {@code aegir.downloadUrl} (a {@code file:} URL template to the tarballs) and
 *       {@code aegir.lockFile}; the same lines are printed.</li>
 * </ul>
 * An existing sandbox at the same place is replaced; any other non-empty directory is refused.
 */
public final class SandboxMain {

    /** Where the sandbox home goes when running as root: reachable by the aegir user. */
    public static final String ROOT_HOME = "/tmp/aegir-sandbox/aegir";
    /** Where the release files are inside the harness jar. */
    static final String RESOURCE_DIR = "/io/github/aegirmaven/aegir/harness/releases/";

    private SandboxMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("Usage: SandboxMain <target dir>; got " + args.length + " arguments");
        }
        Map<String, String> properties = make(Path.of(args[0]));
        properties.forEach((key, value) -> System.out.println("[aegir-sandbox] " + key + "=" + value));
    }

    /**
     * Makes the sandbox under {@code target}.
     *
     * @return the properties written to {@code <target>/aegir-sandbox.properties}
     */
    public static Map<String, String> make(Path target) throws IOException {
        Path base = target.toAbsolutePath().normalize();
        Path releases = base.resolve("aegir-releases");
        copyReleasesFromClasspath(releases);

        Path home;
        Optional<String> owner;
        if (Host.isRoot()) {
            if (!Host.userExists(Host.AEGIR_USER)) {
                throw new IllegalStateException("Running as root, the sandbox belongs to the system user '" + Host.AEGIR_USER
                        + "', which does not exist. Create it (useradd --system --create-home --home-dir /var/aegir --shell /bin/sh aegir) or run as another user.");
            }
            home = Path.of(ROOT_HOME);
            owner = Optional.of(Host.AEGIR_USER);
        } else {
            home = base.resolve("aegir");
            owner = Optional.empty();
        }
        removeOldSandbox(home);
        Sandbox.createDirectoriesTraversable(home.getParent());
        Sandbox sandbox = Sandbox.create(home, releases, owner);

        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aegir.home", sandbox.home().toString());
        properties.put("aegir.downloadUrl", releases.toUri() + "{project}-{version}.tar.gz");
        properties.put("aegir.lockFile", releases.resolve(ReleaseCatalog.LOCK_FILE).toString());
        owner.ifPresent(user -> properties.put("aegir.user", user));
        StringBuilder text = new StringBuilder("# The sandbox Aegir home made by SandboxMain (aegir-maven-plugin test harness).\n");
        properties.forEach((key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
        ReleaseCatalog.writeAtomically(base.resolve("aegir-sandbox.properties"), text.toString());
        return properties;
    }

    /** Copies the release files this jar carries into {@code dir}. */
    static void copyReleasesFromClasspath(Path dir) throws IOException {
        Sandbox.createDirectoriesTraversable(dir);
        for (String name : ReleaseCatalog.outputFileNames()) {
            try (InputStream in = SandboxMain.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("The harness classes carry no " + RESOURCE_DIR + name
                            + ": build the it-tests module first (its process-classes phase makes the release tarballs)");
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
        boolean ours = Files.isRegularFile(marker) && Files.readString(marker).contains("'aegir_root' => '" + home + "'");
        if (!empty && !ours) {
            throw new IOException(home + " exists and is not a sandbox made by SandboxMain; move it away or delete it yourself");
        }
        Sandbox.delete(home);
    }
}
