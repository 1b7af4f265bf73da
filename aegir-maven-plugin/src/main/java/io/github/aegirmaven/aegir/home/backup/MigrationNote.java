package io.github.aegirmaven.aegir.home.backup;

import io.github.aegirmaven.aegir.home.Platforms;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Optional;

/**
 * The hostmaster migration a backup set records ({@code note.hostmaster-migrate = DOMAIN OLD -> NEW} in its
 * manifest): written by hostmaster-migrate before drush runs, read by rollback and by aegir:upgrade after a
 * failed migration to tell whether the site moved.
 */
public record MigrationNote(String domain, Path from, Path to) {

    static final String KEY = "hostmaster-migrate";

    /** Records this migration in {@code set}. */
    public void writeTo(BackupSet set) throws IOException {
        set.note(KEY, domain + " " + from + " -> " + to);
    }

    /** The migration {@code set} records, if any. */
    public static Optional<MigrationNote> of(BackupSet set) throws IOException {
        return parse(set.manifest().notes().get(KEY));
    }

    /** Parses {@code DOMAIN OLD -> NEW}, as {@link #writeTo} writes it; empty when it is not that. */
    public static Optional<MigrationNote> parse(String note) {
        if (note == null) {
            return Optional.empty();
        }
        int space = note.indexOf(' ');
        int arrow = note.indexOf(" -> ");
        if (space <= 0 || arrow <= space) {
            return Optional.empty();
        }
        String from = note.substring(space + 1, arrow);
        String to = note.substring(arrow + " -> ".length());
        if (from.isEmpty() || to.isEmpty() || !from.startsWith("/") || !to.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(new MigrationNote(note.substring(0, space), Paths.get(from), Paths.get(to)));
    }

    /** Whether the site still lives in the platform it was migrated to. */
    public boolean siteStillMigrated() {
        return Platforms.holdsSite(to, domain);
    }
}
