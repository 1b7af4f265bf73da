package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.DrushEnvironment;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Checked;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.MakefileCheck;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.NewDir;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Request;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.MigrationState;
import io.github.aegirmaven.aegir.home.Platforms;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks before {@code drush hostmaster-migrate} that the manual leaves to the reader: the user and the home,
 * the backend upgraded first, the domain, the old hostmaster platform (given, or found from the site), the new
 * directory (absent, complete, half-built or in the way), the make file, and someone to answer drush. All problems
 * are reported together; nothing is changed.
 */
final class MigrationChecks {

    private final AegirHome home;
    private final CurrentUser currentUser;
    private final MakefileCheck makefileCheck;
    private final HomeCheck homeCheck;

    MigrationChecks(AegirHome home, CurrentUser currentUser, MakefileCheck makefileCheck, HomeCheck homeCheck) {
        this.home = home;
        this.currentUser = currentUser;
        this.makefileCheck = makefileCheck;
        this.homeCheck = homeCheck;
    }

    /**
     * Every check before drush runs; with {@code backendPending} all but the one that the backend is already
     * upgraded.
     */
    Checked check(Request r, boolean backendPending) throws IOException, UserFixableException {
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        problems.addAll(homeCheck.problems(home, r.aegirUser(), r.mavenCommand()));
        DrushEnvironment.phpProblem(r.php()).ifPresent(problems::add);

        // The backend first: the frontend upgrade is driven by the backend's hostmaster-migrate.
        boolean versionOk = checkVersions(r, backendPending, problems);

        Optional<String> domainProblem = HostName.problem(r.domain());
        domainProblem.ifPresent(p -> problems.add(Setting.DOMAIN + " is '" + r.domain()
                + "', which is not a host name: " + p + ". Set it to the hostmaster site, e.g. aegir.example.com."));

        // The new directory: absolute, default hostmaster-<aegirVersion> in the home.
        Path newDir = null;
        String relativeNewDir = null;
        if (r.newDir().isPresent() && !r.newDir().get().isBlank()) {
            Path given = Paths.get(r.newDir().get().trim());
            if (!given.isAbsolute()) {
                relativeNewDir = r.newDir().get().trim(); // reported once the old directory is known
            } else {
                newDir = given.normalize();
            }
        } else if (versionOk) {
            newDir = home.hostmasterDir(r.aegirVersion().trim());
        }

        // The old directory: given, or the platform holding sites/<domain>/settings.php.
        Sites sites =
                domainProblem.isEmpty() ? findSites(r, newDir, problems, notes) : new Sites(null, NewDir.ABSENT, false);
        Path oldDir = sites.oldDir();
        NewDir state = sites.state();
        boolean interrupted = sites.interrupted();

        if (relativeNewDir != null) {
            problems.add(relativeNewDirProblem(
                    relativeNewDir, oldDir, versionOk ? r.aegirVersion().trim() : null));
        }

        if (newDir != null && state != NewDir.ALREADY_MIGRATED && !interrupted) {
            state = checkNewDir(r, newDir, oldDir, problems, notes);
        }
        checkMakefile(r, problems);
        checkAnswerable(r, state, interrupted, problems);

        Preflight.failIfAny(problems);
        return new Checked(oldDir, newDir, state, notes);
    }

    /** aegirVersion, and (unless the backend is still to be upgraded) the installed provision matching it. */
    private boolean checkVersions(Request r, boolean backendPending, List<String> problems) throws IOException {
        boolean versionOk = r.aegirVersion() != null
                && DrupalVersion.isValid(r.aegirVersion().trim());
        if (!versionOk) {
            problems.add(Setting.VERSION + " is '" + r.aegirVersion() + "', which is not a drupal.org"
                    + " release version. Expected a form like 6.x-1.0-rc3.");
        } else if (!backendPending) {
            Optional<String> provision = InstalledVersions.read(home).provision();
            if (provision.isEmpty() || !InstalledVersions.sameRelease(provision.get(), r.aegirVersion())) {
                problems.add("The installed provision is " + provision.orElse("missing") + " (in " + home.provisionDir()
                        + "), but aegirVersion is " + r.aegirVersion() + ": upgrade the backend first. Run `mvn"
                        + " aegir:backend-upgrade` (or `mvn aegir:upgrade`, which does both in order).");
            }
        }
        return versionOk;
    }

    /** Where the site is: whether it moved already or a migration was interrupted, and the old platform. */
    private record Sites(Path oldDir, NewDir state, boolean interrupted) {}

    private Sites findSites(Request r, Path newDir, List<String> problems, List<String> notes)
            throws IOException, UserFixableException {
        String site = "sites/" + r.domain() + "/settings.php";
        NewDir state = NewDir.ABSENT;
        boolean interrupted = false;
        if (newDir != null) {
            // Migrated = the alias on the new platform and the old one no longer holding the site.
            MigrationState migration = MigrationState.of(
                    home,
                    r.domain(),
                    newDir,
                    r.oldDir().filter(Path::isAbsolute).stream().toList());
            if (migration.done()) {
                state = NewDir.ALREADY_MIGRATED;
            } else if (migration.interrupted()) {
                interrupted = true;
                problems.add(migration.advice("php " + home.drushPhp()) + " Nothing was changed: a second"
                        + " hostmaster-migrate now would deploy over a copy it did not make.");
            }
        }
        Path oldDir = null;
        if (interrupted) {
            oldDir = r.oldDir().filter(Path::isAbsolute).map(Path::normalize).orElse(null);
        } else if (r.oldDir().isPresent()) {
            oldDir = givenOldDir(r, r.oldDir().get(), site, state, problems);
        } else if (state != NewDir.ALREADY_MIGRATED) {
            try {
                oldDir = Platforms.findHostmaster(home, r.domain()).requireOne();
                notes.add("old hostmaster platform found: " + oldDir);
            } catch (UserFixableException e) {
                problems.add(e.getMessage());
            }
        }
        return new Sites(oldDir, state, interrupted);
    }

    /** oldHostmasterDir as given: absolute, and (unless the site moved already) a Drupal root holding the site. */
    private Path givenOldDir(Request r, Path given, String site, NewDir state, List<String> problems) {
        Path oldDir = null;
        if (!given.isAbsolute()) {
            problems.add(Setting.OLD_HOSTMASTER_DIR + " is the relative path '" + given
                    + "'; it must be absolute, e.g. " + home.root().resolve("hostmaster-6.x-1.0-rc2") + ".");
        } else if (state != NewDir.ALREADY_MIGRATED) {
            if (!Platforms.isDrupalRoot(given)) {
                problems.add(Setting.OLD_HOSTMASTER_DIR + " " + given + " is not a Drupal root"
                        + " (expected index.php, includes/bootstrap.inc and sites/). Set it to the platform"
                        + " the hostmaster site runs on, or leave it unset to find it under " + home.root()
                        + ".");
            } else if (!Files.isRegularFile(given.resolve(site))) {
                problems.add(Setting.OLD_HOSTMASTER_DIR + " " + given + " does not hold the site "
                        + r.domain() + " (no " + site + "). Check aegirDomain, or point oldHostmasterDir at"
                        + " the platform that has it.");
            } else {
                oldDir = given.normalize();
            }
        } else {
            oldDir = given.normalize();
        }
        return oldDir;
    }

    /** The new directory when the migration is still to do: not the old one, complete, half-built or creatable. */
    private NewDir checkNewDir(Request r, Path newDir, Path oldDir, List<String> problems, List<String> notes) {
        NewDir state = NewDir.ABSENT;
        if (newDir.equals(oldDir)) {
            problems.add("newHostmasterDir " + newDir + " is the old hostmaster platform itself. Set it to a new"
                    + " directory, by default " + home.root().resolve("hostmaster-" + r.aegirVersion()) + ".");
        } else if (Files.exists(newDir)) {
            if (Platforms.isCompletePlatform(newDir)) {
                state = NewDir.COMPLETE;
                notes.add("new platform " + newDir + " already exists and is complete: provision will use it as"
                        + " it is (no drush make)");
            } else if (r.moveAsideLeftover()) {
                state = NewDir.LEFTOVER_TO_MOVE;
                notes.add("half-built " + newDir + " (lacks " + String.join(", ", Platforms.missingParts(newDir))
                        + ") will be moved into the backup set before drush runs");
            } else {
                problems.add("newHostmasterDir " + newDir + " exists but is not a complete platform (it lacks "
                        + String.join(", ", Platforms.missingParts(newDir))
                        + "): probably left by an earlier failed"
                        + " run, and provision would use it as it is. Remove it, or set"
                        + " " + Setting.MOVE_ASIDE_LEFTOVER.flag() + "=true to move it into the backup set.");
            }
        } else {
            Path parent = newDir.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                problems.add("newHostmasterDir " + newDir + " cannot be created: its parent " + parent
                        + " is not a directory. Create it (owned by " + r.aegirUser()
                        + ") or choose another path.");
            } else if (!currentUser.root() && !Files.isWritable(parent)) {
                problems.add("newHostmasterDir " + newDir + " cannot be created: " + parent + " is not writable by "
                        + currentUser.name() + ". Make it writable for " + r.aegirUser() + ".");
            }
        }
        return state;
    }

    /** A custom make file must exist and pass makefile-validate. */
    private void checkMakefile(Request r, List<String> problems) throws IOException, UserFixableException {
        if (r.makefile().isPresent()) {
            Path mf = r.makefile().get();
            if (!Files.isRegularFile(mf)) {
                problems.add(Setting.MAKEFILE + " " + mf + " does not exist or is not a file. Fix the path,"
                        + " or leave it unset to build provision's own aegir.make.");
            } else {
                List<String> errors = makefileCheck.errors(mf);
                if (!errors.isEmpty()) {
                    problems.add(Setting.MAKEFILE + " " + mf + " does not pass makefile-validate; drush would"
                            + " fail half-way through the migration:\n      " + String.join("\n      ", errors));
                }
            }
        }
    }

    /** Someone (or assumeYes) must be able to answer drush's question. */
    private static void checkAnswerable(Request r, NewDir state, boolean interrupted, List<String> problems) {
        if (!r.assumeYes() && !r.dryRun() && state != NewDir.ALREADY_MIGRATED && !interrupted) {
            if (r.batchMode()) {
                problems.add("Maven runs in batch mode (-B), so nobody can answer drush's question \"Do you really want"
                        + " to proceed with the upgrade?\" and drush would cancel. Set assumeYes ("
                        + Setting.ASSUME_YES.flag() + "=true) to"
                        + " answer yes, as CI needs.");
            } else if (!r.console()) {
                problems.add("There is no console to answer drush's question \"Do you really want to proceed with the"
                        + " upgrade?\", so drush would cancel. Set assumeYes (" + Setting.ASSUME_YES.flag()
                        + "=true), or run Maven from a"
                        + " terminal.");
            }
        }
    }

    /**
     * Why a relative newHostmasterDir is refused, and what was probably meant: drush resolves a relative platform
     * path from its working directory, the old hostmaster root, so the new platform would be built inside the
     * old one; the user most likely meant a directory in the Aegir home.
     */
    String relativeNewDirProblem(String given, Path oldDir, String aegirVersion) {
        StringBuilder m = new StringBuilder(Setting.NEW_HOSTMASTER_DIR + " is the relative path '")
                .append(given)
                .append("'; it must be absolute.");
        if (oldDir != null) {
            m.append(" drush would resolve it from the old hostmaster root (")
                    .append(oldDir.resolve(given).normalize())
                    .append("), building the new platform inside the old one.");
        }
        m.append(" Did you mean ")
                .append(home.root().resolve(given).normalize())
                .append("? Set it to an absolute path");
        if (aegirVersion != null) {
            m.append(", or leave it unset for the default, ").append(home.hostmasterDir(aegirVersion));
        }
        return m.append('.').toString();
    }

    /**
     * Reads only, and cheaply (no make file check, no drush, no crontab): whether the site already lives in the new
     * hostmaster directory, as a finished migration leaves it. False when the request does not say where that is;
     * {@link #check} then says what is wrong.
     */
    boolean alreadyMigrated(Request r) throws IOException {
        if (HostName.problem(r.domain()).isPresent()
                || MigrationMarker.read(home).isPresent()) {
            return false; // an interrupted migration is put right under the run lock first
        }
        Optional<Path> dir = newDir(home, r.newDir(), r.aegirVersion());
        if (dir.isEmpty()) {
            return false;
        }
        try {
            return MigrationState.of(
                            home,
                            r.domain(),
                            dir.get(),
                            r.oldDir().filter(Path::isAbsolute).stream().toList())
                    .done();
        } catch (UserFixableException badDomain) {
            return false;
        }
    }

    /**
     * Where the new hostmaster platform goes: {@code newDir} when given (empty when it is relative, which
     * {@link #check} refuses), else {@code hostmaster-<aegirVersion>} in the home (empty without a valid version).
     */
    static Optional<Path> newDir(AegirHome home, Optional<String> newDir, String aegirVersion) {
        if (newDir.isPresent() && !newDir.get().isBlank()) {
            Path given = Paths.get(newDir.get().trim());
            return given.isAbsolute() ? Optional.of(given.normalize()) : Optional.empty();
        }
        if (aegirVersion != null && DrupalVersion.isValid(aegirVersion.trim())) {
            return Optional.of(home.hostmasterDir(aegirVersion.trim()));
        }
        return Optional.empty();
    }
}
