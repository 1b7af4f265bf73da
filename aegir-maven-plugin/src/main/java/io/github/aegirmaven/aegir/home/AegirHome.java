package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.user.Ownership;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Aegir home ({@code $AEGIR_HOME}, e.g. {@code /var/aegir}) and where things live in it, as the manual
 * upgrade page lays it out:
 *
 * <pre>
 * drush/drush.php, drush/drush.info           drush ($DRUSH_DIR)
 * .drush/provision/provision.info             provision (the backend)
 * .drush/drush_make/drush_make.drush.inc      drush_make
 * .drush/*.alias.drushrc.php                  server_master, hostmaster, platform_* aliases
 * hostmaster-6.x-1.0-rc2/sites/DOMAIN/...     the hostmaster platform (the frontend)
 * pre-upgrade-YYYY-MM-DD-HHMMSS/              backup sets
 * .aegir-maven-plugin/                        this plugin's journal, run lock and install record
 * </pre>
 */
public final class AegirHome {

    /** Name of the directory, under the home, that holds this plugin's own state. */
    public static final String STATE_DIR = ".aegir-maven-plugin";

    /**
     * The names of this plugin's backup sets in the home: the kind ({@code pre-upgrade} or {@code pre-rollback},
     * group 1), the local date and time with seconds (group 2) and, when that name was taken, {@code -2}, {@code -3},
     * ... (group 3).
     */
    public static final Pattern BACKUP_SET_NAME =
            Pattern.compile("(pre-upgrade|pre-rollback)-(\\d{4}-\\d{2}-\\d{2}-\\d{6})(?:-(\\d+))?");

    private final Path root;

    private AegirHome(Path root) {
        this.root = root;
    }

    /**
     * @param root the home; must be absolute
     * @throws UserFixableException when the path is not absolute
     */
    public static AegirHome at(Path root) throws UserFixableException {
        if (root == null || !root.isAbsolute()) {
            throw new UserFixableException(Setting.HOME + " must be an absolute path such as /var/aegir, but was '"
                    + root + "'. Set it to the aegir user's home directory ($AEGIR_HOME).");
        }
        return new AegirHome(root.normalize());
    }

    public Path root() {
        return root;
    }

    /** {@code $AEGIR_HOME/drush} ({@code $DRUSH_DIR}). */
    public Path drushDir() {
        return root.resolve("drush");
    }

    /** {@code $AEGIR_HOME/drush/drush.php}: what {@code php} runs. */
    public Path drushPhp() {
        return drushDir().resolve("drush.php");
    }

    public Path drushInfo() {
        return drushDir().resolve("drush.info");
    }

    /** {@code $AEGIR_HOME/.drush}: drush extensions and site aliases. */
    public Path dotDrush() {
        return root.resolve(".drush");
    }

    public Path provisionDir() {
        return dotDrush().resolve("provision");
    }

    public Path provisionInfo() {
        return provisionDir().resolve("provision.info");
    }

    public Path drushMakeDir() {
        return dotDrush().resolve("drush_make");
    }

    /** {@code $AEGIR_HOME/.aegir-maven-plugin}: journal, run lock, install record. */
    public Path stateDir() {
        return root.resolve(STATE_DIR);
    }

    /** The swap journal; present only while a transaction is unfinished. */
    public Path journalFile() {
        return stateDir().resolve("journal");
    }

    public Path lockFile() {
        return stateDir().resolve("lock");
    }

    public Path lockInfoFile() {
        return stateDir().resolve("lock.info");
    }

    /** Whether a directory name in the home is one of this plugin's backup set names. */
    public static boolean isBackupSetName(String name) {
        return BACKUP_SET_NAME.matcher(name).matches();
    }

    public Path installRecordFile() {
        return stateDir().resolve("installed.properties");
    }

    /**
     * {@code $AEGIR_HOME/hostmaster-<version>}, the default new platform ({@code $DRUPAL_DIR}).
     *
     * @throws IllegalArgumentException when the version could escape the home (empty, {@code /}, {@code ..})
     */
    public Path hostmasterDir(String version) {
        if (version == null
                || version.isEmpty()
                || version.contains("/")
                || version.contains("\\")
                || version.contains("..")
                || version.contains("\0")) {
            throw new IllegalArgumentException(
                    "Not a usable hostmaster version for a directory name: '" + version + "'");
        }
        return root.resolve("hostmaster-" + version);
    }

    public Path serverMasterAlias() {
        return dotDrush().resolve("server_master.alias.drushrc.php");
    }

    public Path hostmasterAlias() {
        return dotDrush().resolve("hostmaster.alias.drushrc.php");
    }

    /** The {@code platform_*.alias.drushrc.php} files in {@code .drush}, sorted. */
    public List<Path> platformAliases() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dotDrush())) {
            return out;
        }
        try (Stream<Path> s = Files.list(dotDrush())) {
            s.filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith("platform_") && n.endsWith(".alias.drushrc.php");
                    })
                    .sorted()
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * Creates the state directory (mode 755) if needed, owned like the home when running as root. The home
     * itself is never created: a mistyped {@code aegirHome} must not become a new directory.
     *
     * @return the state directory
     * @throws NoSuchFileException when the home does not exist
     */
    public Path ensureStateDir() throws IOException {
        Path dir = stateDir();
        if (!Files.isDirectory(dir)) {
            if (!Files.isDirectory(root)) {
                throw new NoSuchFileException(root.toString(), null, "the Aegir home does not exist");
            }
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                return dir; // made by another build in the meantime (or not a directory: the caller will see)
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            adopt(dir);
        }
        return dir;
    }

    /**
     * When running as root, gives a file the plugin just wrote to the owner of the home (the aegir user),
     * so that later runs as the aegir user can use it.
     */
    public void adopt(Path path) throws IOException {
        Ownership.adopt(path, root);
    }

    @Override
    public String toString() {
        return root.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AegirHome other && other.root.equals(root);
    }

    @Override
    public int hashCode() {
        return root.hashCode();
    }
}
