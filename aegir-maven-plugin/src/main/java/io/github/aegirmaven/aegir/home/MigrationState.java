package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Where a migration of the hostmaster site to {@code newDir} stands, from two facts: where the site's alias
 * ({@link HostmasterAlias}) points, and which platforms hold {@code sites/<domain>}. provision-migrate copies the site
 * (backup, re-save of the alias on the new platform, deploy, verify) and deletes the old copy only at the end, so a
 * run stopped in between leaves the site in both platforms, the alias perhaps already on the new one:
 * <ul>
 *   <li>{@link Kind#NOT_STARTED}: no copy of the site in {@code newDir} and the alias not on it;</li>
 *   <li>{@link Kind#DONE}: the site in {@code newDir}, in no other platform, and the alias on {@code newDir} (or no
 *       alias to read);</li>
 *   <li>{@link Kind#INTERRUPTED}: anything else.</li>
 * </ul>
 * Reads only.
 *
 * @param holding  the platforms with {@code sites/<domain>/settings.php}, sorted
 * @param newCopy  whether {@code newDir/sites/<domain>} exists at all (a deploy may have extracted part of it)
 */
public record MigrationState(
        Kind kind, String domain, Path newDir, HostmasterAlias alias, List<Path> holding, boolean newCopy) {

    /** The three states. */
    public enum Kind {
        NOT_STARTED,
        DONE,
        INTERRUPTED
    }

    /**
     * Decides the state of the migration of {@code domain} to {@code newDir}. The platforms looked at: those under
     * the home ({@link Platforms#candidates}), {@code newDir}, {@code oldDirs} and the alias's root.
     *
     * @throws UserFixableException when {@code domain} could not be a directory name under {@code sites/}
     */
    public static MigrationState of(AegirHome home, String domain, Path newDir, List<Path> oldDirs)
            throws IOException, UserFixableException {
        HostmasterAlias alias = HostmasterAlias.read(home);
        TreeSet<Path> holding =
                new TreeSet<>(Platforms.findHostmaster(home, domain).matches());
        List<Path> more = new ArrayList<>(oldDirs);
        more.add(newDir);
        alias.root().ifPresent(more::add);
        for (Path dir : more) {
            if (dir.isAbsolute() && Platforms.holdsSite(dir, domain)) {
                holding.add(dir.normalize());
            }
        }
        Path nd = newDir.normalize();
        boolean inNew = holding.contains(nd);
        boolean newCopy = Files.isDirectory(nd.resolve("sites").resolve(domain));
        boolean elsewhere = holding.stream().anyMatch(p -> !p.equals(nd));
        boolean aliasKnown = alias.root().isPresent();
        boolean aliasNew = alias.pointsAt(nd);
        Kind kind;
        if (inNew && !elsewhere && (aliasNew || !aliasKnown)) {
            kind = Kind.DONE;
        } else if (!newCopy && !aliasNew) {
            kind = Kind.NOT_STARTED;
        } else {
            kind = Kind.INTERRUPTED;
        }
        return new MigrationState(kind, domain, nd, alias, List.copyOf(holding), newCopy);
    }

    public boolean done() {
        return kind == Kind.DONE;
    }

    public boolean interrupted() {
        return kind == Kind.INTERRUPTED;
    }

    /** The platforms other than {@code newDir} that hold the site. */
    public List<Path> others() {
        return holding.stream().filter(p -> !p.equals(newDir)).toList();
    }

    /** What was found, in one sentence: where the alias points and which platforms hold the site. */
    public String facts() {
        String site = "sites/" + domain;
        String where = alias.root()
                .map(r -> "points at " + r)
                .orElse(alias.problem().orElse(Files.isRegularFile(alias.file()) ? "names no root" : "does not exist"));
        String held = holding.isEmpty()
                ? "no platform holds " + site + "/settings.php"
                : site + "/settings.php is in "
                        + holding.stream().map(Path::toString).collect(Collectors.joining(" and "));
        if (newCopy && !holding.contains(newDir)) {
            held += ", and " + newDir.resolve(site) + " exists without its settings.php (part of a deploy)";
        }
        return "The hostmaster site's alias " + alias.file() + " " + where + "; " + held + ".";
    }

    /**
     * Why this is an interrupted migration and what to do about it, with {@code drush} the command that runs the
     * installed drush as the aegir user (e.g. {@code php /var/aegir/drush/drush.php}).
     */
    public String advice(String drush) {
        String site = "sites/" + domain;
        Optional<Path> old = others().stream().findFirst();
        String oldName = old.map(Path::toString).orElse("the old platform");
        String what = "A migration of the hostmaster site " + domain + " to " + newDir + " was interrupted: "
                + "provision-migrate copies the site into the new platform (backup, alias re-saved on the new"
                + " platform, deploy, verify) and deletes the old copy only at the end, and it was stopped in between"
                + " (a killed build, a lost session or the drush timeout). " + facts();
        String undo = "To undo it (the old platform serves the site again): set 'root' and 'site_path' in "
                + alias.file() + " back to " + oldName + " (and 'platform' back to its platform alias), move "
                + newDir.resolve(site) + " out of the new platform (keep it until the site works), then run `"
                + drush + " @hostmaster provision-verify` as the aegir user and run this goal again.";
        if (alias.pointsAt(newDir) && holding.contains(newDir) && old.isPresent()) {
            return what + " To finish it instead: run `" + drush + " @hostmaster provision-verify` as the aegir user;"
                    + " when the site works on " + newDir + ", move "
                    + old.get().resolve(site) + " out of " + old.get()
                    + " (keep it until you are sure) and check that the aegir user's crontab has its hosting-dispatch"
                    + " line (`" + drush + " @hostmaster hosting-setup`). " + undo;
        }
        if (!alias.pointsAt(newDir) && newCopy && old.isPresent() && alias.pointsAt(old.get())) {
            return what + " The alias still names " + old.get() + ", so the copy in the new platform is what an"
                    + " unfinished deploy left: move " + newDir.resolve(site) + " out of " + newDir + " (keep it until"
                    + " the site works), then run this goal again.";
        }
        if (!alias.pointsAt(newDir) && holding.contains(newDir) && old.isEmpty()) {
            return what + " Only the new platform holds the site, but the alias does not name it: set 'root' to "
                    + newDir + " and 'site_path' to " + newDir.resolve(site) + " in " + alias.file() + ", run `" + drush
                    + " @hostmaster provision-verify` as the aegir user, then run this goal again.";
        }
        return what + " " + undo;
    }
}
