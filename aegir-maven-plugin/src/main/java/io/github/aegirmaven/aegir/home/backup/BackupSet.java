package io.github.aegirmaven.aegir.home.backup;

import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.user.Ownership;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One backup directory in the home, {@code pre-upgrade-YYYY-MM-DD-HHMMSS[-N]} (or {@code pre-rollback-...}),
 * holding the directories a swap replaced, the aegir user's crontab, and a {@link BackupManifest}.
 */
public final class BackupSet {

    /** The two kinds of sets, by name prefix. */
    public enum Kind {
        PRE_UPGRADE("pre-upgrade"),
        PRE_ROLLBACK("pre-rollback");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }

        static Kind ofPrefix(String prefix) {
            for (Kind k : values()) {
                if (k.prefix.equals(prefix)) {
                    return k;
                }
            }
            throw new IllegalArgumentException(prefix);
        }
    }

    /** The aegir user's crontab as saved into the set: {@code content} is empty when there was none. */
    public record SavedCrontab(Optional<String> content) {}

    static final String CRONTAB_FILE = "crontab";
    static final String ALIAS_FILE = "hostmaster.alias.drushrc.php";

    private final Path dir;
    private final Kind kind;
    private final LocalDateTime stamp;
    private final int sequence;

    BackupSet(Path dir, Kind kind, LocalDateTime stamp, int sequence) {
        this.dir = dir;
        this.kind = kind;
        this.stamp = stamp;
        this.sequence = sequence;
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return dir.getFileName().toString();
    }

    public Kind kind() {
        return kind;
    }

    /** The local date and time in the name. */
    public LocalDateTime stamp() {
        return stamp;
    }

    /** 1 for the plain name, N for the {@code -N} suffix given when the name was taken. */
    public int sequence() {
        return sequence;
    }

    /** When the set was made: from its manifest, else from its name in the system time zone. */
    public Instant created() throws IOException {
        BackupManifest m = manifest();
        if (hasManifest() && !m.created().equals(Instant.EPOCH)) {
            return m.created();
        }
        return stamp.atZone(ZoneId.systemDefault()).toInstant();
    }

    /** Whether this plugin made the set (it has a manifest). */
    public boolean hasManifest() {
        return Files.isRegularFile(dir.resolve(BackupManifest.FILE));
    }

    public BackupManifest manifest() throws IOException {
        return BackupManifest.read(dir);
    }

    /** A complete set whose entries are all still there: {@code rollback} can restore it. */
    public boolean isRestorable() throws IOException {
        if (!hasManifest()) {
            return false;
        }
        BackupManifest m = manifest();
        if (m.state() != BackupManifest.State.COMPLETE) {
            return false;
        }
        for (BackupManifest.Entry e : m.entries()) {
            if (!Files.exists(dir.resolve(e.name()), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Saves the aegir user's crontab into the set (empty = the user had none), recorded in the manifest.
     */
    public void saveCrontab(Optional<String> crontab) throws IOException {
        BackupManifest m = manifest();
        if (crontab.isPresent()) {
            Path file = dir.resolve(CRONTAB_FILE);
            AtomicFiles.write(file, crontab.get());
            Ownership.adopt(file, dir);
            m.crontab(CRONTAB_FILE);
        } else {
            m.crontab("none");
        }
        writeManifest(m);
    }

    /**
     * Saves a copy of the hostmaster site's alias file ({@code ~/.drush/hostmaster.alias.drushrc.php}) into the set,
     * as it was before hostmaster-migrate: what an interrupted migration is undone with (provision-migrate re-saves
     * the alias on the new platform before it deploys there). Does nothing when the file does not exist.
     */
    public void saveHostmasterAlias(Path alias) throws IOException {
        if (!Files.isRegularFile(alias)) {
            return;
        }
        Path file = dir.resolve(ALIAS_FILE);
        copyBytes(alias, file);
        Ownership.adopt(file, dir);
    }

    /** Replaces {@code target} with a byte-for-byte copy of {@code source}, in one rename, mode 644. */
    public static void copyBytes(Path source, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + System.nanoTime());
        try {
            Files.copy(source, tmp);
            AtomicFiles.setFileMode(tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFiles.syncDirectory(target.toAbsolutePath().getParent());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The hostmaster alias file saved by {@link #saveHostmasterAlias}, if there is one. */
    public Optional<Path> savedHostmasterAlias() {
        Path file = dir.resolve(ALIAS_FILE);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** The crontab saved into the set, if one was saved. */
    public Optional<SavedCrontab> savedCrontab() throws IOException {
        Optional<String> name = manifest().crontab();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (name.get().equals("none")) {
            return Optional.of(new SavedCrontab(Optional.empty()));
        }
        Path file = dir.resolve(name.get());
        if (!Files.isRegularFile(file)) {
            throw new IOException(
                    "Backup set " + dir + " records a saved crontab in " + name.get() + ", but the file is missing");
        }
        return Optional.of(new SavedCrontab(Optional.of(Files.readString(file, StandardCharsets.UTF_8))));
    }

    /**
     * Deletes the set when it holds nothing but its manifest and the saved crontab: what is left of a run that
     * failed before moving anything into it, or that put everything back. A set holding anything else is kept.
     *
     * @return whether the set was deleted
     */
    public boolean discardIfEmpty() throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        List<Path> unfinished;
        try (Stream<Path> children = Files.list(dir)) {
            List<String> names = children.map(p -> p.getFileName().toString()).toList();
            if (!names.stream()
                    .allMatch(n -> n.equals(BackupManifest.FILE)
                            || n.equals(CRONTAB_FILE)
                            || n.equals(ALIAS_FILE)
                            || AtomicFiles.isUnfinishedWrite(n))) {
                return false;
            }
            // a build killed while it rewrote the manifest leaves its temporary file: it holds nothing of the home
            unfinished = names.stream()
                    .filter(AtomicFiles::isUnfinishedWrite)
                    .map(dir::resolve)
                    .toList();
        }
        for (Path file : unfinished) {
            Files.deleteIfExists(file);
        }
        Files.deleteIfExists(dir.resolve(CRONTAB_FILE));
        Files.deleteIfExists(dir.resolve(ALIAS_FILE));
        Files.deleteIfExists(dir.resolve(BackupManifest.FILE));
        Files.delete(dir);
        return true;
    }

    /**
     * Makes a set a killed run left ({@link BackupSets#leftBy}) the set of this run, which resumes that run's work:
     * this process is recorded as its maker (so that a run resuming this one finds it too). Its state is kept.
     */
    public void resume() throws IOException {
        BackupManifest m = manifest();
        m.pid(ProcessHandle.current().pid());
        writeManifest(m);
    }

    /** Records a free-form fact in the manifest ({@code note.KEY=VALUE}). */
    public void note(String key, String value) throws IOException {
        BackupManifest m = manifest();
        m.note(key, value);
        writeManifest(m);
    }

    public void writeManifest(BackupManifest m) throws IOException {
        m.write(dir);
        Ownership.adopt(dir.resolve(BackupManifest.FILE), dir);
    }

    /**
     * Records where the set is in its life (e.g. {@code COMPLETE} once a procedure that made it finished, or
     * {@code ROLLED_BACK} once what it saved was put back); does nothing when the set's directory is gone.
     */
    public void state(BackupManifest.State state) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        BackupManifest m = manifest();
        m.state(state);
        writeManifest(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackupSet other && other.dir.equals(dir);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dir);
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
