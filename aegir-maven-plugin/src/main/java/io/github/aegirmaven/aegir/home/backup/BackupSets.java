package io.github.aegirmaven.aegir.home.backup;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/**
 * The backup sets in a home: made as Aegir's own upgrade script names them ({@code pre-upgrade-} and the
 * local date and time, here with seconds), listed newest first, pruned to the newest few.
 */
public final class BackupSets {

    /** How many restorable sets {@link #prune} keeps unless told otherwise. */
    public static final int DEFAULT_KEEP = 3;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss");

    private BackupSets() {}

    /**
     * Makes a new, empty {@code pre-upgrade-YYYY-MM-DD-HHMMSS} set (see
     * {@link #create(AegirHome, Clock, BackupSet.Kind)}).
     */
    public static BackupSet create(AegirHome home, Clock clock) throws IOException {
        return create(home, clock, BackupSet.Kind.PRE_UPGRADE);
    }

    /**
     * Makes a new, empty backup set named after the clock's local time, never reusing a name: when the name
     * is taken, {@code -2}, {@code -3}, ... is appended. The set starts with an {@code OPEN} manifest.
     */
    public static BackupSet create(AegirHome home, Clock clock, BackupSet.Kind kind) throws IOException {
        LocalDateTime now = LocalDateTime.now(clock).withNano(0);
        String base = kind.prefix() + "-" + STAMP.format(now);
        for (int n = 1; ; n++) {
            Path dir = home.root().resolve(n == 1 ? base : base + "-" + n);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            home.adopt(dir);
            BackupSet set = new BackupSet(dir, kind, now, n);
            BackupManifest m = new BackupManifest();
            m.kind(kind.prefix());
            m.created(clock.instant());
            m.pluginVersion(pluginVersion());
            m.pid(ProcessHandle.current().pid());
            m.state(BackupManifest.State.OPEN);
            set.writeManifest(m);
            return set;
        }
    }

    /** Every backup set in the home (directories whose names match the pattern), newest first. */
    public static List<BackupSet> list(AegirHome home) throws IOException {
        List<BackupSet> out = new ArrayList<>();
        if (!Files.isDirectory(home.root())) {
            return out;
        }
        try (Stream<Path> s = Files.list(home.root())) {
            s.filter(Files::isDirectory).forEach(dir -> parse(dir).ifPresent(out::add));
        }
        out.sort(Comparator.comparing(BackupSet::stamp)
                .thenComparingInt(BackupSet::sequence)
                .reversed());
        return out;
    }

    /** The backup set in a directory, if the directory's name is a backup set name. */
    public static Optional<BackupSet> parse(Path dir) {
        Matcher m = AegirHome.BACKUP_SET_NAME.matcher(dir.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        LocalDateTime stamp;
        try {
            stamp = LocalDateTime.parse(m.group(2), STAMP);
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
        int seq = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        return Optional.of(new BackupSet(dir, BackupSet.Kind.ofPrefix(m.group(1)), stamp, seq));
    }

    /** The newest set {@code rollback} can restore. */
    public static Optional<BackupSet> newestRestorable(AegirHome home) throws IOException {
        for (BackupSet set : list(home)) {
            if (set.isRestorable()) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    /**
     * The backup set a run that was killed left for the run that resumes its work (the one that took over its stale
     * lock): the newest set whose manifest names that run's process and which holds the old backend
     * ({@code COMPLETE}). Sets emptied by recovery are gone by then; a set recovery rolled back that still holds
     * something is not resumed: the home was put back from it, so this run makes its own set, and prune removes
     * the rolled-back one. Reads only.
     */
    public static Optional<BackupSet> leftBy(AegirHome home, RunLock.Holder killed) throws IOException {
        for (BackupSet set : list(home)) {
            if (set.kind() != BackupSet.Kind.PRE_UPGRADE || !set.hasManifest()) {
                continue;
            }
            BackupManifest m = set.manifest();
            boolean itsRun = m.pid() == killed.pid()
                    && !m.created().isBefore(killed.started().minusSeconds(1));
            if (itsRun && m.state() == BackupManifest.State.COMPLETE) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    /**
     * For a run of {@code goal} that took over the stale lock of a killed run of the same goal: the set that run left
     * ({@link #leftBy}), made this run's ({@link BackupSet#resume}), so that the two runs make one backup set, not
     * two. Empty otherwise.
     */
    public static Optional<BackupSet> resume(AegirHome home, Optional<RunLock.Holder> killed, String goal, BuildLog log)
            throws IOException {
        if (killed.isEmpty() || !killed.get().goal().equals(goal)) {
            return Optional.empty();
        }
        Optional<BackupSet> set = leftBy(home, killed.get());
        if (set.isPresent()) {
            set.get().resume();
            log.info("Resuming the " + goal + " of the killed build (pid "
                    + killed.get().pid() + "): its backup set " + set.get().dir() + " is this run's too.");
        }
        return set;
    }

    /**
     * Removes old backup sets made by this plugin: all but the newest {@code keep} restorable ones, and every
     * emptied one (rolled back, restored, abandoned). Never removes a set in {@code inUse} (those an unfinished
     * swap journal refers to), a set still {@code OPEN} (a run may be filling it), or a directory without this
     * plugin's manifest.
     *
     * @return the removed sets
     */
    public static List<BackupSet> prune(AegirHome home, int keep, Set<Path> inUse, BuildLog log) throws IOException {
        if (keep < 0) {
            throw new IllegalArgumentException("keep must be 0 or more, was " + keep);
        }
        List<BackupSet> removed = new ArrayList<>();
        int kept = 0;
        for (BackupSet set : list(home)) {
            if (!set.hasManifest()) {
                continue;
            }
            if (inUse.contains(set.dir())) {
                log.debug("Keeping backup set " + set.dir() + ": an unfinished swap journal refers to it");
                continue;
            }
            BackupManifest.State state = set.manifest().state();
            if (state == BackupManifest.State.OPEN) {
                continue;
            }
            if (state == BackupManifest.State.COMPLETE && kept < keep) {
                kept++;
                continue;
            }
            log.info("Removing old backup set " + set.dir() + " ("
                    + state.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")");
            Trees.deleteRecursively(set.dir());
            removed.add(set);
        }
        return removed;
    }

    /**
     * Marks sets left {@code OPEN} by a run that is gone as abandoned; called by recovery. Sets created by this
     * process, or by one still alive, are left alone.
     */
    public static List<BackupSet> abandonOpenSets(AegirHome home, Set<Path> except) throws IOException {
        List<BackupSet> out = openSetsOfDeadRuns(home, except);
        for (BackupSet set : out) {
            set.state(BackupManifest.State.ABANDONED);
        }
        return out;
    }

    /** The sets left {@code OPEN} by a run that is gone (not this process, not one still alive); reads only. */
    public static List<BackupSet> openSetsOfDeadRuns(AegirHome home, Set<Path> except) throws IOException {
        List<BackupSet> out = new ArrayList<>();
        long me = ProcessHandle.current().pid();
        for (BackupSet set : list(home)) {
            if (!set.hasManifest() || except.contains(set.dir())) {
                continue;
            }
            BackupManifest m = set.manifest();
            boolean alive = m.pid() == me
                    || (m.pid() > 0
                            && ProcessHandle.of(m.pid())
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false));
            if (m.state() == BackupManifest.State.OPEN && !alive) {
                out.add(set);
            }
        }
        return out;
    }

    /** This plugin's version, from the jar's Maven metadata; {@code unknown} when run from classes. */
    public static String pluginVersion() {
        try (InputStream in = BackupSets.class.getResourceAsStream(
                "/META-INF/maven/io.github.aegirmaven/aegir-maven-plugin/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        String v = BackupSets.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
