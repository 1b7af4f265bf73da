package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code .aegir-maven-plugin/migration}: written just before drush hostmaster-migrate starts and removed once its
 * outcome has been dealt with. Found at the start of a later build, it means the build was killed while drush ran
 * (after {@code crontab -r}, perhaps, or half-way through drush make), and says what to put right:
 * {@link InterruptedMigration}.
 *
 * @param newDirExisted whether the new platform directory existed before drush ran (when it did not, whatever is
 *                      there now was made by that drush)
 * @param ownSet        whether the backup set was made for the migration (rather than shared with the backend
 *                      upgrade of the same build)
 */
record MigrationMarker(
        String domain,
        Path oldDir,
        Path newDir,
        boolean newDirExisted,
        Path backupSet,
        boolean ownSet,
        Instant started,
        long pid) {

    static final String FILE = "migration";

    static Path file(AegirHome home) {
        return home.stateDir().resolve(FILE);
    }

    void write(AegirHome home) throws IOException {
        Properties p = new Properties();
        p.setProperty("domain", domain);
        p.setProperty("oldDir", oldDir.toString());
        p.setProperty("newDir", newDir.toString());
        p.setProperty("newDirExisted", Boolean.toString(newDirExisted));
        p.setProperty("backupSet", backupSet.toString());
        p.setProperty("ownSet", Boolean.toString(ownSet));
        p.setProperty("started", started.toString());
        p.setProperty("pid", Long.toString(pid));
        StringWriter text = new StringWriter();
        p.store(text, "aegir-maven-plugin: drush hostmaster-migrate is running (or was, when a build was killed)");
        home.ensureStateDir();
        Path file = file(home);
        AtomicFiles.write(file, text.toString());
        home.adopt(file);
    }

    /**
     * The marker of an unfinished migration, if there is one.
     *
     * @throws IOException when the file exists but is not a marker this plugin wrote
     */
    static Optional<MigrationMarker> read(AegirHome home) throws IOException {
        Path file = file(home);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
        try {
            return Optional.of(new MigrationMarker(
                    require(p, "domain"),
                    Paths.get(require(p, "oldDir")),
                    Paths.get(require(p, "newDir")),
                    Boolean.parseBoolean(require(p, "newDirExisted")),
                    Paths.get(require(p, "backupSet")),
                    Boolean.parseBoolean(p.getProperty("ownSet", "false")),
                    Instant.parse(require(p, "started")),
                    Long.parseLong(p.getProperty("pid", "-1"))));
        } catch (RuntimeException e) {
            throw new IOException(
                    "The migration marker " + file + " is damaged (" + e.getMessage() + "). It records a"
                            + " hostmaster-migrate that was interrupted: check where sites/<domain> is,"
                            + " that the aegir user's"
                            + " crontab has its hosting-dispatch line, then delete " + file + ".",
                    e);
        }
    }

    private static String require(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    static void delete(AegirHome home) throws IOException {
        AtomicFiles.delete(file(home));
    }
}
