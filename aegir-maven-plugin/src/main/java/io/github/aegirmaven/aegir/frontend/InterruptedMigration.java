package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HostmasterAlias;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts right what a hostmaster-migrate left when its build was killed while drush ran, found by the
 * {@link MigrationMarker} at the start of the next build (holding the run lock, after drush of the killed build has
 * ended). provision-migrate copies the site into the new platform and deletes the old copy last, so drush either
 * got as far as that delete, or it did not:
 * <ul>
 *   <li>moved (only the new platform holds the site): the migration is done; if drush was stopped between
 *       {@code crontab -r} and writing the new crontab, the crontab saved in the backup set is put back (its
 *       hosting-dispatch line runs the same drush);</li>
 *   <li>not moved (the old platform still holds the site, the new one perhaps a copy, the alias perhaps already on
 *       the new platform): the old platform still has the whole site; the saved crontab is put back, what drush put
 *       into the new platform (a new platform directory that did not exist before, or else the deployed copy of
 *       the site) is moved into the backup set, the alias saved before drush ran is put back when provision had
 *       re-saved it, so that the next hostmaster-migrate starts afresh.</li>
 * </ul>
 */
public final class InterruptedMigration {

    /** What {@link #recover} found and did. */
    public record Result(String domain, boolean siteMoved, List<String> actions) {}

    /** One thing {@link #undoUnmoved} did, as a kind and the words that tell it. */
    record Undone(Kind kind, String text) {

        enum Kind {
            /** The crontab saved before drush ran is back. */
            CRONTAB_PUT_BACK,
            /** What drush made in the new platform was moved into the backup set. */
            MOVED_ASIDE,
            /** The hostmaster alias saved before drush ran is back. */
            ALIAS_MOVED_BACK
        }

        /** Whether it moved something in the home (not only the crontab, which a failure message names anyway). */
        boolean movedInTheHome() {
            return kind != Kind.CRONTAB_PUT_BACK;
        }
    }

    private InterruptedMigration() {}

    /**
     * Puts right an interrupted migration, if the home has the marker of one; otherwise does nothing.
     *
     * @throws UserFixableException when the site is in neither platform (or in both): that needs a person
     */
    public static Optional<Result> recover(AegirHome home, Crontab crontab, BuildLog log)
            throws IOException, UserFixableException {
        Optional<MigrationMarker> found = MigrationMarker.read(home);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MigrationMarker m = found.get();
        log.warn("A hostmaster-migrate of " + m.domain() + " from " + m.oldDir() + " to " + m.newDir() + " was"
                + " interrupted: the build with pid " + m.pid() + " (started " + m.started()
                + ") ended while drush ran."
                + " Putting right what it left.");
        String site = "sites/" + m.domain() + "/settings.php";
        boolean inNew = Files.isRegularFile(m.newDir().resolve(site));
        boolean inOld = Files.isRegularFile(m.oldDir().resolve(site));
        Optional<BackupSet> set = Files.isDirectory(m.backupSet()) ? BackupSets.parse(m.backupSet()) : Optional.empty();
        List<String> actions = new ArrayList<>();
        if (!inNew && !inOld) {
            throw new UserFixableException("The interrupted hostmaster-migrate left " + site + " in neither "
                    + m.oldDir() + " nor " + m.newDir() + ", so it cannot be told where the site is. Put sites/"
                    + m.domain() + " in the platform that " + home.hostmasterAlias() + " names as its root, check that"
                    + " the crontab of the aegir user has its hosting-dispatch line (the one before the migration is"
                    + " saved in " + m.backupSet() + "), then delete " + MigrationMarker.file(home)
                    + " and run again.");
        }
        if (inNew && !inOld) {
            finishMoved(home, m, set, crontab, log, actions);
            if (m.ownSet() && set.isPresent()) {
                set.get().state(BackupManifest.State.COMPLETE);
            }
            actions.add("the site had already moved to " + m.newDir() + ": the migration is complete");
        } else {
            // The old platform still holds the site: provision-migrate did not get as far as deleting it (its last
            // step), so whatever it copied into the new platform is undone and the migration starts again.
            undoUnmoved(home, m, set, crontab, log).forEach(u -> actions.add(u.text()));
            if (m.ownSet() && set.isPresent()) {
                set.get().state(BackupManifest.State.ROLLED_BACK);
            }
            actions.add("the site is still in " + m.oldDir() + "; hostmaster-migrate starts again from there");
        }
        actions.forEach(a -> log.warn("  " + a));
        MigrationMarker.delete(home);
        return Optional.of(new Result(m.domain(), inNew && !inOld, List.copyOf(actions)));
    }

    /**
     * The site had moved when drush was stopped: the crontab put back when drush was stopped after crontab -r, and the
     * alias checked.
     */
    private static void finishMoved(
            AegirHome home,
            MigrationMarker m,
            Optional<BackupSet> set,
            Crontab crontab,
            BuildLog log,
            List<String> actions)
            throws IOException, UserFixableException {
        Optional<String> cron = crontab.read();
        if (cron.isEmpty() || !cron.get().contains("hosting-dispatch")) {
            Optional<BackupSet.SavedCrontab> saved = set.isPresent() ? set.get().savedCrontab() : Optional.empty();
            if (saved.isPresent()
                    && saved.get()
                            .content()
                            .map(c -> c.contains("hosting-dispatch"))
                            .orElse(false)) {
                crontab.restore(saved.get().content());
                actions.add("put back the crontab saved in " + m.backupSet() + ": drush was stopped after crontab -r,"
                        + " before it wrote the new one (the saved hosting-dispatch line runs the same drush)");
            } else {
                log.error("The crontab of the aegir user has no hosting-dispatch line and no saved crontab has one:"
                        + " Aegir's task queue is stopped. Run `drush @hostmaster hosting-setup` as the aegir user.");
            }
        }
        if (!HostmasterAlias.read(home).pointsAt(m.newDir())) {
            log.error("The site moved to " + m.newDir() + " but " + home.hostmasterAlias() + " does not name it yet:"
                    + " drush was stopped between the two. Set its 'root' to " + m.newDir()
                    + " and its 'site_path' to "
                    + m.newDir().resolve("sites/" + m.domain())
                    + ", then run `drush @hostmaster provision-verify`.");
        }
    }

    /**
     * For a migration that did not finish moving the site (the old platform still holds it): puts the saved crontab
     * back (when it differs), moves what this migration's drush put into the new platform into the backup set (the
     * whole new platform directory when drush made it, else the copy of {@code sites/<domain>} that provision-deploy
     * extracted there), and, when provision had already re-saved the hostmaster alias on the new platform, puts back
     * the alias saved before drush ran. Nothing is deleted.
     *
     * @throws UserFixableException when the alias names the new platform and no saved alias can put it back (before
     *                              anything is changed)
     */
    static List<Undone> undoUnmoved(
            AegirHome home, MigrationMarker m, Optional<BackupSet> set, Crontab crontab, BuildLog log)
            throws IOException, UserFixableException {
        boolean aliasOnNew = HostmasterAlias.read(home).pointsAt(m.newDir());
        Optional<Path> savedAlias = set.flatMap(BackupSet::savedHostmasterAlias);
        if (aliasOnNew && savedAlias.isEmpty()) {
            MigrationState state = MigrationState.of(home, m.domain(), m.newDir(), List.of(m.oldDir()));
            throw new UserFixableException(state.advice("php " + home.drushPhp()) + " (No copy of the alias from"
                    + " before the migration is saved in " + m.backupSet() + ", so this plugin does not undo it.) Then"
                    + " delete " + MigrationMarker.file(home) + ".");
        }
        List<Undone> actions = new ArrayList<>();
        Optional<BackupSet.SavedCrontab> saved = set.isPresent() ? set.get().savedCrontab() : Optional.empty();
        if (saved.isPresent()) {
            if (!crontab.read().equals(saved.get().content())) {
                crontab.restore(saved.get().content());
                actions.add(new Undone(Undone.Kind.CRONTAB_PUT_BACK, "put back the crontab saved in " + m.backupSet()));
            }
        } else {
            log.error("No crontab was saved in " + m.backupSet() + ", so the crontab of the aegir user cannot be put"
                    + " back: check that it has its hosting-dispatch line.");
        }
        moveAsideWhatDrushMade(m, set, log).ifPresent(actions::add);
        if (aliasOnNew) {
            BackupSet.copyBytes(savedAlias.get(), home.hostmasterAlias());
            home.adopt(home.hostmasterAlias());
            actions.add(new Undone(
                    Undone.Kind.ALIAS_MOVED_BACK,
                    "moved the hostmaster alias back to " + m.oldDir() + ": put back " + home.hostmasterAlias()
                            + " from " + savedAlias.get() + " (provision had re-saved it on the new platform)"));
            log.warn("provision-migrate puts the site offline before its backup; the next hostmaster-migrate (or `php "
                    + home.drushPhp() + " @hostmaster provision-verify` as the aegir user) puts it back online.");
        }
        return actions;
    }

    /**
     * Moves what this migration's drush put into the new platform into the backup set: the whole new platform directory
     * when drush made it, else the copy of {@code sites/<domain>} that provision-deploy extracted there.
     */
    private static Optional<Undone> moveAsideWhatDrushMade(MigrationMarker m, Optional<BackupSet> set, BuildLog log)
            throws IOException {
        Path newSite = m.newDir().resolve("sites").resolve(m.domain());
        if (!m.newDirExisted() && Files.exists(m.newDir(), LinkOption.NOFOLLOW_LINKS)) {
            if (set.isPresent()) {
                Path aside =
                        unusedName(set.get().dir(), "leftover-" + m.newDir().getFileName());
                Files.move(m.newDir(), aside, StandardCopyOption.ATOMIC_MOVE);
                set.get().note("leftover." + aside.getFileName(), m.newDir().toString());
                return Optional.of(new Undone(
                        Undone.Kind.MOVED_ASIDE,
                        "moved " + m.newDir() + ", which that drush had started to build, to " + aside));
            } else {
                log.error(m.newDir() + " was made by the interrupted drush, but its backup set " + m.backupSet()
                        + " is gone; remove " + m.newDir() + " before running again.");
            }
        } else if (Files.exists(newSite, LinkOption.NOFOLLOW_LINKS)) {
            if (set.isPresent()) {
                Path aside = unusedName(set.get().dir(), "leftover-site-" + m.domain());
                Files.move(newSite, aside, StandardCopyOption.ATOMIC_MOVE);
                set.get().note("leftover." + aside.getFileName(), newSite.toString());
                return Optional.of(new Undone(
                        Undone.Kind.MOVED_ASIDE,
                        "moved " + newSite + ", the copy of the site provision-deploy had made, to " + aside));
            } else {
                log.error(newSite + " was made by the interrupted drush, but its backup set " + m.backupSet()
                        + " is gone; move it out of " + m.newDir() + " before running again.");
            }
        }
        return Optional.empty();
    }

    private static Path unusedName(Path dir, String name) {
        Path candidate = dir.resolve(name);
        for (int n = 2; Files.exists(candidate, LinkOption.NOFOLLOW_LINKS); n++) {
            candidate = dir.resolve(name + "-" + n);
        }
        return candidate;
    }

    /**
     * Reads only: when the home has the marker of a migration under way (or stopped while drush ran), where the site
     * is now, for a build that is being stopped to say; empty otherwise.
     */
    public static Optional<String> describeUnderWay(AegirHome home) throws IOException {
        Optional<MigrationMarker> found = MigrationMarker.read(home);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        MigrationMarker m = found.get();
        String site = "sites/" + m.domain() + "/settings.php";
        boolean inNew = Files.isRegularFile(m.newDir().resolve(site));
        boolean inOld = Files.isRegularFile(m.oldDir().resolve(site));
        String where = inNew && inOld
                ? "in both " + m.oldDir() + " and " + m.newDir()
                : inNew
                        ? "in the new platform " + m.newDir()
                        : inOld
                                ? "still in the old platform " + m.oldDir()
                                : "in neither " + m.oldDir() + " nor " + m.newDir();
        return Optional.of("hostmaster-migrate of " + m.domain() + " from " + m.oldDir() + " to " + m.newDir()
                + " was running and drush was stopped; the site is " + where
                + ". drush removes the aegir user's crontab"
                + " early (crontab -r): the one from before is saved in " + m.backupSet() + ".");
    }
}
