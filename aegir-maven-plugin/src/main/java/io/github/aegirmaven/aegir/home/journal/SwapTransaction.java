package io.github.aegirmaven.aegir.home.journal;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.Journal.Role;
import io.github.aegirmaven.aegir.home.journal.Journal.Step;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import io.github.aegirmaven.aegir.home.user.Ownership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The all-or-nothing core: a list of planned renames that either all happen or are all undone.
 *
 * <p>Typical use by the backend, after staging every new directory beside its target with
 * {@link #newStagingDir}:
 *
 * <pre>
 * SwapTransaction tx = SwapTransaction.begin(home, backupSet, log);
 * tx.replace(home.drushDir(), stagedDrush);          // drush -> backup set, staged -> drush
 * tx.replace(home.provisionDir(), stagedProvision);
 * tx.apply();                                        // journal first, then the renames
 * ... verify the new drush ...; on failure tx.rollback()
 * tx.commit();                                       // delete the journal (the commit point) and staging
 * </pre>
 *
 * Every rename is a {@code Files.move(..., ATOMIC_MOVE)} within one file system (checked when planning).
 * The journal is written before the first rename and after each one. A run killed at any point leaves the
 * journal behind; {@link #recover} at the start of the next run undoes the renames that happened, deciding
 * by the file system (a step is done when its destination exists and its source does not), since the
 * process may die between a rename and its mark.
 *
 * <p>Use it only while holding the {@link RunLock}.
 */
public final class SwapTransaction {

    private static final String STAGING_PREFIX = ".staging-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private enum State {
        PLANNING,
        APPLIED,
        COMMITTED,
        ROLLED_BACK,
        FAILED
    }

    private final AegirHome home;
    private final BackupSet backupSet;
    private final Optional<BackupSet> restoring;
    private final BuildLog log;
    private final List<Step> steps = new ArrayList<>();
    private final Set<Path> staging = new LinkedHashSet<>();
    private final Set<Path> lives = new HashSet<>();
    private final Set<String> names = new HashSet<>();
    private Journal journal;
    private State state = State.PLANNING;

    private SwapTransaction(AegirHome home, BackupSet backupSet, Optional<BackupSet> restoring, BuildLog log) {
        this.home = home;
        this.backupSet = backupSet;
        this.restoring = restoring;
        this.log = log;
    }

    /**
     * Starts planning a transaction whose replaced directories go into {@code backupSet}.
     *
     * @throws IllegalStateException when an unfinished journal exists ({@link #recover} was not called)
     */
    public static SwapTransaction begin(AegirHome home, BackupSet backupSet, BuildLog log) throws IOException {
        requireNoJournal(home);
        return new SwapTransaction(home, backupSet, Optional.empty(), log);
    }

    private static void requireNoJournal(AegirHome home) {
        if (Files.exists(home.journalFile())) {
            throw new IllegalStateException("An unfinished swap journal exists at " + home.journalFile()
                    + "; SwapTransaction.recover must run first (at the start of every run, under the run lock)");
        }
    }

    /**
     * Creates an empty staging directory beside {@code live} ({@code .staging-<name>-<time>-<random>} in the
     * same parent, hence on the same file system), owned like the home. Extract the new tree into it, then
     * pass the directory (or the single tree inside it) to {@link #replace}.
     */
    public static Path newStagingDir(Path live) throws IOException {
        Path parent = live.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        String name = STAGING_PREFIX + live.getFileName() + "-" + STAMP.format(LocalDateTime.now()) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        Path dir = Files.createDirectory(parent.resolve(name));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Ownership.adopt(dir, parent);
        return dir;
    }

    /** Whether a file name is one of this plugin's staging directories. */
    public static boolean isStagingName(String name) {
        return name.startsWith(STAGING_PREFIX);
    }

    /**
     * Plans: move {@code live} (if it exists) into the backup set, then {@code staged} into its place. When
     * {@code live} does not exist yet, the staged tree is just installed (and the manifest records it as
     * added, so that a rollback retires it).
     *
     * @param live    the live directory, inside the home
     * @param staged  a staging directory made by {@link #newStagingDir} for this {@code live}, or a directory
     *                directly inside one
     * @throws UserFixableException when the rename could not be atomic (different file systems, a mount point)
     */
    public SwapTransaction replace(Path live, Path staged) throws IOException, UserFixableException {
        requirePlanning();
        Path l = checkLive(live);
        Path s = staged.toAbsolutePath().normalize();
        if (!Files.isDirectory(s, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("Staged tree " + s + " is not a directory");
        }
        Path container = stagingContainer(l, s);
        requireSameFileSystem(s, l.getParent(), "the staging directory", "its target's directory");
        if (Files.exists(l, LinkOption.NOFOLLOW_LINKS)) {
            addRetire(l);
        }
        steps.add(new Step(Role.INSTALL, s, l, false));
        staging.add(container);
        return this;
    }

    /** Plans: move {@code live} into the backup set with nothing in its place (e.g. a no longer needed drush_make). */
    public SwapTransaction retire(Path live) throws IOException, UserFixableException {
        requirePlanning();
        Path l = checkLive(live);
        if (!Files.exists(l, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException(l + " does not exist; nothing to retire");
        }
        addRetire(l);
        return this;
    }

    private Path checkLive(Path live) {
        Path l = live.toAbsolutePath().normalize();
        if (!l.startsWith(home.root()) || l.equals(home.root())) {
            throw new IllegalArgumentException(l + " is not inside the Aegir home " + home.root());
        }
        if (!lives.add(l)) {
            throw new IllegalArgumentException(l + " is already part of this transaction");
        }
        if (!Files.isDirectory(l.getParent())) {
            throw new IllegalArgumentException(
                    "The directory " + l.getParent() + " for " + l.getFileName() + " does not exist");
        }
        return l;
    }

    private void addRetire(Path live) throws IOException, UserFixableException {
        requireSameFileSystem(
                backupSet.dir(), live.getParent(), "the backup set " + backupSet.name(), "the directory of " + live);
        if (Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
            requireSameFileSystem(
                    live, live.getParent(), live.toString(), "its parent directory (is it a mount point?)");
        }
        steps.add(new Step(
                Role.RETIRE,
                live,
                backupSet.dir().resolve(uniqueName(live.getFileName().toString())),
                false));
    }

    private void addInstallFromBackup(Path from, Path live) throws IOException, UserFixableException {
        requireSameFileSystem(from, live.getParent(), from.toString(), "the directory of " + live);
        steps.add(new Step(Role.INSTALL, from, live, false));
    }

    private String uniqueName(String base) {
        String name = base;
        for (int n = 2;
                !names.add(name) || Files.exists(backupSet.dir().resolve(name), LinkOption.NOFOLLOW_LINKS);
                n++) {
            names.add(name);
            name = base + "-" + n;
        }
        return name;
    }

    private static Path stagingContainer(Path live, Path staged) {
        Path parent = live.getParent();
        if (isStagingName(staged.getFileName().toString()) && parent.equals(staged.getParent())) {
            return staged;
        }
        Path up = staged.getParent();
        if (up != null && isStagingName(up.getFileName().toString()) && parent.equals(up.getParent())) {
            return up;
        }
        throw new IllegalArgumentException(
                "Staged tree " + staged + " must be a staging directory made by " + "SwapTransaction.newStagingDir("
                        + live + ") (a '" + STAGING_PREFIX + "*' directory beside it), or directly inside one");
    }

    private static void requireSameFileSystem(Path a, Path b, String aName, String bName)
            throws IOException, UserFixableException {
        if (!Trees.sameFileSystem(a, b)) {
            throw new UserFixableException(aName + " (" + a + ") is on a different file system than " + bName + " (" + b
                    + "). The plugin swaps directories with atomic renames, which cannot cross file"
                    + " systems: keep the Aegir "
                    + "home, its .drush directory and its backup sets on one file system.");
        }
    }

    /** The planned steps, in order. */
    public List<Step> plan() {
        return journal == null ? List.copyOf(steps) : journal.steps();
    }

    /** The set receiving the replaced directories. */
    public BackupSet backupSet() {
        return backupSet;
    }

    /**
     * Writes the journal, then performs the renames in order, marking each done. When a rename fails, the
     * ones done are undone, the journal removed, and the failure rethrown; if even the undo fails, the
     * journal stays for {@link #recover}. Afterwards the backup set's manifest lists its entries.
     */
    public void apply() throws IOException {
        requirePlanning();
        requireNoJournal(home);
        if (steps.isEmpty()) {
            state = State.APPLIED;
            return;
        }
        journal = new Journal(
                restoring.isPresent() ? "restore" : "upgrade",
                backupSet.dir(),
                restoring.map(BackupSet::dir),
                Instant.now(),
                ProcessHandle.current().pid(),
                steps,
                List.copyOf(staging));
        journal.write(home);
        List<Step> current = new ArrayList<>(steps);
        for (int i = 0; i < current.size(); i++) {
            Step step = current.get(i);
            try {
                if (!Files.exists(step.from(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(
                            "Cannot move " + step.from() + " to " + step.to() + ": " + step.from() + " is gone");
                }
                if (Files.exists(step.to(), LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException(
                            "Cannot move " + step.from() + " to " + step.to() + ": " + step.to() + " already exists");
                }
                SwapRecovery.move(step.from(), step.to());
                log.info("Moved " + step.from() + " -> " + step.to());
                current.set(i, step.markDone());
                journal = journal.withSteps(current);
                journal.write(home);
            } catch (IOException | RuntimeException e) {
                state = State.FAILED;
                log.error("Swap step " + (i + 1) + " of " + current.size() + " failed (" + e.getMessage()
                        + "); undoing the " + "steps already done");
                try {
                    SwapRecovery.undo(journal.steps(), log);
                    backupSet.state(BackupManifest.State.ROLLED_BACK);
                    Journal.delete(home);
                    SwapRecovery.deleteStaging(staging, log);
                } catch (IOException undo) {
                    e.addSuppressed(undo);
                    log.error("Could not undo the swap (" + undo.getMessage() + "); the journal " + home.journalFile()
                            + " is kept and the next run will finish undoing it");
                }
                throw e;
            }
        }
        writeManifest();
        state = State.APPLIED;
    }

    private void writeManifest() throws IOException {
        BackupManifest m = backupSet.manifest();
        List<BackupManifest.Entry> entries = new ArrayList<>();
        Set<Path> retired = new HashSet<>();
        List<Path> added = new ArrayList<>();
        for (Step s : steps) {
            if (s.role() == Role.RETIRE) {
                entries.add(new BackupManifest.Entry(s.to().getFileName().toString(), s.from()));
                retired.add(s.from());
            }
        }
        for (Step s : steps) {
            if (s.role() == Role.INSTALL && !retired.contains(s.to())) {
                added.add(s.to());
            }
        }
        m.entries(entries, added);
        m.state(BackupManifest.State.COMPLETE);
        restoring.ifPresent(r -> m.restoredFrom(r.name()));
        backupSet.writeManifest(m);
    }

    /**
     * Makes the swap permanent: applies it if not yet applied, then deletes the journal (the commit point)
     * and the now-empty staging directories.
     */
    public void commit() throws IOException {
        if (state == State.PLANNING) {
            apply();
        }
        if (state != State.APPLIED) {
            throw new IllegalStateException(
                    "Cannot commit a transaction that is " + state.name().toLowerCase(Locale.ROOT));
        }
        Journal.delete(home);
        state = State.COMMITTED;
        if (restoring.isPresent()) {
            restoring.get().state(BackupManifest.State.RESTORED);
        }
        SwapRecovery.deleteStaging(staging, log);
    }

    /**
     * Undoes an applied transaction (the replaced directories go back, the staged trees are discarded), or
     * discards the staging of one never applied. Does nothing after a failed apply (which undid itself).
     *
     * @throws IllegalStateException after {@link #commit}: use {@link #restore} then
     */
    public void rollback() throws IOException {
        switch (state) {
            case COMMITTED ->
                throw new IllegalStateException(
                        "Cannot roll back a committed transaction; restore " + backupSet.dir() + " instead");
            case FAILED, ROLLED_BACK -> {
                return;
            }
            case PLANNING -> {
                backupSet.state(BackupManifest.State.ABANDONED);
            }
            case APPLIED -> {
                if (journal != null) {
                    log.warn("Rolling back: putting the previous directories back");
                    SwapRecovery.undo(journal.steps(), log);
                    backupSet.state(BackupManifest.State.ROLLED_BACK);
                    Journal.delete(home);
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
        state = State.ROLLED_BACK;
        SwapRecovery.deleteStaging(staging, log);
    }

    private void requirePlanning() {
        if (state != State.PLANNING) {
            throw new IllegalStateException(
                    "The transaction is already " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    /** What {@link #recover} found and did. */
    public record RecoveryResult(
            Optional<Journal> journal, List<String> actions, List<Path> removedStaging, List<BackupSet> abandonedSets) {

        /** Whether an unfinished transaction was found (and undone). */
        public boolean undidUnfinishedSwap() {
            return journal.isPresent();
        }

        public boolean changedAnything() {
            return journal.isPresent() || !removedStaging.isEmpty() || !abandonedSets.isEmpty();
        }

        public String summary() {
            if (!changedAnything()) {
                return "Nothing to recover: no unfinished swap and no leftover staging directories.";
            }
            StringBuilder sb = new StringBuilder();
            journal.ifPresent(j -> sb.append("Undid the unfinished ")
                    .append(j.kind())
                    .append(" swap started at ")
                    .append(j.started())
                    .append(" by pid ")
                    .append(j.pid())
                    .append(" (")
                    .append(actions.size())
                    .append(" rename(s) undone). "));
            if (!removedStaging.isEmpty()) {
                sb.append("Removed ")
                        .append(removedStaging.size())
                        .append(" leftover staging director")
                        .append(removedStaging.size() == 1 ? "y" : "ies")
                        .append(". ");
            }
            if (!abandonedSets.isEmpty()) {
                sb.append("Marked ").append(abandonedSets.size()).append(" unfinished backup set(s) abandoned.");
            }
            return sb.toString().strip();
        }
    }

    /**
     * Puts the home right after a killed run; call at the start of every run, while holding the
     * {@link RunLock}. When a journal exists, undoes its done steps in reverse order, marks its backup set
     * rolled back (and removes it when nothing is left in it), and removes the journal; in any case deletes
     * leftover {@code .staging-*} directories in the home and in {@code .drush}, and marks backup sets left open by
     * a dead run abandoned, removing those that hold nothing (only their manifest and a saved crontab).
     */
    public static RecoveryResult recover(AegirHome home, BuildLog log) throws IOException {
        return SwapRecovery.recover(home, log);
    }

    /**
     * Whether {@link #recover} has anything to put right: an unfinished journal, a leftover {@code .staging-*}
     * directory in the home or in {@code .drush}, or a backup set left open by a run that is gone. Reads only.
     */
    public static boolean needsRecovery(AegirHome home) throws IOException {
        return SwapRecovery.needsRecovery(home);
    }

    /** What {@link #restore} did. */
    public record RestoreResult(BackupSet restored, BackupSet preRollback, List<Journal.Step> steps) {}

    /**
     * Puts a backup set's entries back where they came from, through a journaled transaction. The current
     * live directories are not destroyed: they go into a new {@code pre-rollback-YYYY-MM-DD-HHMMSS} set.
     * Live paths the upgrade added are retired into that set too. The crontab saved in the set is not
     * touched here: the caller restores it ({@link BackupSet#savedCrontab()}).
     *
     * @throws UserFixableException when the set was not made by this plugin, is not complete, or lacks an entry
     */
    public static RestoreResult restore(AegirHome home, BackupSet set, Clock clock, BuildLog log)
            throws IOException, UserFixableException {
        requireNoJournal(home);
        if (!set.hasManifest()) {
            throw new UserFixableException("Backup set " + set.dir() + " has no " + BackupManifest.FILE
                    + ", so it was not made by aegir-maven-plugin and the plugin cannot know where its"
                    + " directories go back. "
                    + "Move them back by hand.");
        }
        BackupManifest m = set.manifest();
        if (m.state() != BackupManifest.State.COMPLETE) {
            throw new UserFixableException("Backup set " + set.dir() + " cannot be restored: its manifest says it is "
                    + m.state().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " (expected complete). Choose another set; "
                    + "the newest restorable one is "
                    + BackupSets.newestRestorable(home).map(BackupSet::name).orElse("(none)") + ".");
        }
        for (BackupManifest.Entry e : m.entries()) {
            if (!Files.exists(set.dir().resolve(e.name()), LinkOption.NOFOLLOW_LINKS)) {
                throw new UserFixableException("Backup set " + set.dir() + " lacks " + e.name() + " (the previous "
                        + e.from() + "); it was changed by hand. Restore it by hand or choose another set.");
            }
        }
        BackupSet target = BackupSets.create(home, clock, BackupSet.Kind.PRE_ROLLBACK);
        SwapTransaction tx = new SwapTransaction(home, target, Optional.of(set), log);
        try {
            for (BackupManifest.Entry e : m.entries()) {
                Path live = tx.checkLive(e.from());
                if (Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
                    tx.addRetire(live);
                }
                tx.addInstallFromBackup(set.dir().resolve(e.name()), live);
            }
            for (Path added : m.added()) {
                if (Files.exists(added, LinkOption.NOFOLLOW_LINKS) && !tx.lives.contains(added.normalize())) {
                    tx.retire(added);
                }
            }
        } catch (IOException | UserFixableException | RuntimeException e) {
            target.state(BackupManifest.State.ABANDONED);
            throw e;
        }
        log.info("Restoring " + set.dir() + "; the current directories go into " + target.dir());
        tx.commit();
        BackupManifest restored = set.manifest();
        restored.rolledBackInto(target.name());
        set.writeManifest(restored);
        return new RestoreResult(set, target, tx.plan());
    }
}
