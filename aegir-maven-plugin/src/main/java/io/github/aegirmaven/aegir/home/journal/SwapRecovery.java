package io.github.aegirmaven.aegir.home.journal;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.Trees;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.journal.Journal.Step;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Undoing renames of a {@link SwapTransaction}: its own rollback, and the recovery at the start of a run from what a
 * killed run left (its journal, staging directories, open backup sets). Deciding by the file system, not only by the
 * journal's marks, since a process may die between a rename and its mark.
 */
final class SwapRecovery {

    private SwapRecovery() {}

    /**
     * Puts the home right after a killed run; call at the start of every run, while holding the
     * {@link RunLock}. When a journal exists, undoes its done steps in reverse order, marks its backup set
     * rolled back (and removes it when nothing is left in it), and removes the journal; in any case deletes
     * leftover {@code .staging-*} directories in the home and in {@code .drush}, and marks backup sets left open by
     * a dead run abandoned, removing those that hold nothing (only their manifest and a saved crontab).
     */
    static SwapTransaction.RecoveryResult recover(AegirHome home, BuildLog log) throws IOException {
        Optional<Journal> journal = Journal.read(home);
        List<String> actions = new ArrayList<>();
        Set<Path> staging = new LinkedHashSet<>();
        if (journal.isPresent()) {
            Journal j = journal.get();
            log.warn("Found the journal of an unfinished " + j.kind() + " swap (started " + j.started() + " by pid "
                    + j.pid() + "); a build was killed in the middle. Undoing its "
                    + j.steps().size() + " planned rename(s).");
            actions.addAll(undo(j.steps(), log));
            BackupSets.parse(j.backupSet()).ifPresent(set -> {
                try {
                    set.state(BackupManifest.State.ROLLED_BACK);
                    // everything went back: a set with nothing in it is not kept (the next run makes its own)
                    if (set.discardIfEmpty()) {
                        log.info("Removed the backup set " + set.dir() + " of the killed run: everything in it went"
                                + " back");
                    }
                } catch (IOException e) {
                    log.warn("Could not mark " + set.dir() + " rolled back: " + e.getMessage());
                }
            });
            staging.addAll(j.staging());
            for (Step s : j.steps()) {
                staging.add(s.from().getParent());
            }
            Journal.delete(home);
        }
        for (Path dir : List.of(home.root(), home.dotDrush())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> SwapTransaction.isStagingName(p.getFileName().toString()))
                            .forEach(staging::add);
                }
            }
        }
        List<Path> removed = deleteStaging(staging, log);
        if (!removed.isEmpty()) {
            log.info("Removed leftover staging directories: " + removed);
        }
        List<BackupSet> abandoned = BackupSets.abandonOpenSets(home, Set.of());
        for (BackupSet set : abandoned) {
            if (set.discardIfEmpty()) {
                log.info("Removed the empty backup set " + set.dir() + " an earlier run left unfinished (killed before"
                        + " it moved anything into it)");
            } else {
                log.info("Backup set " + set.dir() + " was left unfinished by an earlier run; marked abandoned");
            }
        }
        SwapTransaction.RecoveryResult result =
                new SwapTransaction.RecoveryResult(journal, List.copyOf(actions), removed, abandoned);
        if (journal.isPresent()) {
            log.warn(result.summary());
        }
        return result;
    }

    /**
     * Whether {@link #recover} has anything to put right: an unfinished journal, a leftover {@code .staging-*}
     * directory in the home or in {@code .drush}, or a backup set left open by a run that is gone. Reads only.
     */
    static boolean needsRecovery(AegirHome home) throws IOException {
        if (Files.exists(home.journalFile(), LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        for (Path dir : List.of(home.root(), home.dotDrush())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    if (s.anyMatch(
                            p -> SwapTransaction.isStagingName(p.getFileName().toString()))) {
                        return true;
                    }
                }
            }
        }
        return !BackupSets.openSetsOfDeadRuns(home, Set.of()).isEmpty();
    }

    /**
     * Undoes the done steps in reverse order. Done is decided by the file system, not only by the marks: the
     * destination exists and the source does not.
     */
    static List<String> undo(List<Step> steps, BuildLog log) throws IOException {
        List<String> actions = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            boolean from = Files.exists(s.from(), LinkOption.NOFOLLOW_LINKS);
            boolean to = Files.exists(s.to(), LinkOption.NOFOLLOW_LINKS);
            if (to && !from) {
                move(s.to(), s.from());
                String msg = "Moved " + s.to() + " back to " + s.from();
                log.info(msg);
                actions.add(msg);
            } else if (!to && !from) {
                String msg = "Neither " + s.from() + " nor " + s.to() + " exists: the step '" + s
                        + "' cannot be undone; " + "that directory was removed outside this plugin";
                log.error(msg);
                actions.add(msg);
            } else if (s.done() && from) {
                log.warn("Step '" + s + "' is marked done but " + s.from() + " is back in place; leaving it");
            }
        }
        return actions;
    }

    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            AtomicFiles.syncDirectory(from.getParent());
        }
    }

    static List<Path> deleteStaging(Iterable<Path> dirs, BuildLog log) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Path dir : dirs) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                    && SwapTransaction.isStagingName(dir.getFileName().toString())) {
                Trees.deleteRecursively(dir);
                log.debug("Deleted staging directory " + dir);
                deleted.add(dir);
            }
        }
        return deleted;
    }
}
