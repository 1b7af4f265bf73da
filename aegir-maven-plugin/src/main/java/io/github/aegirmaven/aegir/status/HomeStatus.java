package io.github.aegirmaven.aegir.status;

import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.frontend.FrontendStatus;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.InfoFile;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.home.Platforms;
import io.github.aegirmaven.aegir.home.ReportedVersions;
import io.github.aegirmaven.aegir.home.backup.BackupManifest;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.journal.Journal;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the {@link StatusReport} of an Aegir home: installed against pinned, where the hostmaster site runs, a build
 * in progress (the run lock's holder), an interrupted migration, what failed or killed runs left, and the backup sets.
 * Reads only: never takes the run lock, never writes.
 */
public final class HomeStatus {

    private static final Pattern CORE_PREFIX = Pattern.compile("^\\d+\\.x-");

    private HomeStatus() {}

    /** What status needs besides the home and the backend plan. */
    public record Frontend(String domain, String aegirVersion, Optional<String> newDir) {}

    /**
     * @throws UserFixableException when the home does not exist: there is nothing to report on, and that is an error
     *                              to fix (a mistyped aegirHome), not drift
     */
    public static StatusReport of(AegirHome home, BackendUpgrade.Plan plan, Frontend frontend, Clock clock)
            throws IOException, UserFixableException {
        requireHome(home);
        List<String> drift = new ArrayList<>();
        List<StatusReport.Component> components = components(home, plan, drift);
        FrontendStatus.Hostmaster h =
                FrontendStatus.check(home, frontend.domain(), frontend.aegirVersion(), frontend.newDir());
        h.row().drift().ifPresent(drift::add);
        StatusReport.Hostmaster hostmaster = new StatusReport.Hostmaster(
                h.state(),
                h.domain(),
                h.expected().map(Path::toString),
                h.runsOn().stream().map(Path::toString).toList(),
                h.reason());
        List<StatusReport.Leftover> leftovers = new ArrayList<>();
        Optional<StatusReport.Build> build = runLockHolder(home, leftovers);
        Optional<StatusReport.Migration> migration = migration(home, build);
        leftovers.addAll(leftovers(
                home, build.isPresent(), h.expected().filter(p -> !h.runsOn().contains(p))));
        return new StatusReport(
                home.root().toString(),
                clock.instant(),
                clock.getZone(),
                components,
                hostmaster,
                build,
                migration,
                leftovers,
                backupSets(home),
                drift);
    }

    /** A missing (or not a directory) home is an error to fix, not drift. */
    public static void requireHome(AegirHome home) throws UserFixableException {
        if (!Files.isDirectory(home.root())) {
            throw new UserFixableException(Setting.HOME + " " + home.root() + " does not exist or is not a"
                    + " directory, so there is no Aegir installation to report on: expected the aegir user's home"
                    + " (e.g. /var/aegir). Set aegirHome to it.");
        }
    }

    private static List<StatusReport.Component> components(AegirHome home, BackendUpgrade.Plan plan, List<String> drift)
            throws IOException {
        InstallRecord record = InstallRecord.read(home);
        List<Component> outdated = plan.outdated();
        List<StatusReport.Component> out = new ArrayList<>();
        for (Component c : plan.pins().components()) {
            String pinned = plan.pins().release(c).orElseThrow().version();
            Optional<String> installed = plan.installed()
                    .get(c)
                    .map(v -> ReportedVersions.releaseReporting(c, v)
                            .orElseGet(() -> oneForm(v, packaged(home, c), pinned)));
            boolean ok = !outdated.contains(c);
            if (!ok) {
                drift.add(c.project() + " is " + installed.orElse("not installed") + ", pinned " + pinned);
            }
            out.add(new StatusReport.Component(
                    c.project(),
                    installed,
                    pinned,
                    ok,
                    record.get(c).map(e -> new StatusReport.Installation(e.installedAt(), e.sha256()))));
        }
        return out;
    }

    /** The drupal.org version the packaging script wrote into the component's .info file, if any. */
    private static Optional<String> packaged(AegirHome home, Component c) {
        Path info = switch (c) {
            case DRUSH -> home.drushInfo();
            case PROVISION -> home.provisionInfo();
            case DRUSH_MAKE -> home.drushMakeDir().resolve("drush_make.info");
        };
        try {
            return InfoFile.version(info);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * An installed version in drupal.org's form ({@code 7.x-4.4}): the packaging script's version when it names the
     * same release, else the pin's core prefix before a version without one (drush says {@code 4.2} for the release
     * {@code 7.x-4.2}), else as found.
     */
    static String oneForm(String raw, Optional<String> packaged, String pin) {
        String v = raw.strip();
        if (CORE_PREFIX.matcher(v).find()) {
            return v;
        }
        if (packaged.isPresent()
                && CORE_PREFIX.matcher(packaged.get().strip()).find()
                && InstalledVersions.sameRelease(v, packaged.get())) {
            return packaged.get().strip();
        }
        var pinCore = CORE_PREFIX.matcher(pin.strip());
        if (pinCore.find() && !v.isEmpty() && Character.isDigit(v.charAt(0))) {
            return pinCore.group() + v;
        }
        return v;
    }

    /**
     * The build holding the run lock, from {@code lock.info}, when its process is alive (and is the same process:
     * not a later one that reuses the pid); a record left by a build that is gone is a leftover ({@code stale-lock}).
     */
    static Optional<StatusReport.Build> runLockHolder(AegirHome home, List<StatusReport.Leftover> leftovers) {
        RunLock.HolderInfo info = RunLock.readHolderInfo(home);
        if (info.holder().isEmpty()) {
            info.problem()
                    .ifPresent(p -> leftovers.add(new StatusReport.Leftover(
                            "stale-lock", home.lockInfoFile().toString(), "the record of the run lock's holder " + p)));
            return Optional.empty();
        }
        RunLock.Holder h = info.holder().get();
        if (alive(h.pid(), h.started())) {
            return Optional.of(new StatusReport.Build(h.pid(), h.goal(), h.started(), h.host(), h.user()));
        }
        leftovers.add(new StatusReport.Leftover(
                "stale-lock",
                home.lockInfoFile().toString(),
                "a build that is gone"
                        + " (pid " + h.pid() + ", goal " + h.goal() + ", started " + h.started()
                        + ") was killed or crashed;"
                        + " the next build takes its lock over and puts right what it left"));
        return Optional.empty();
    }

    private static boolean alive(long pid, Instant started) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> since = p.get().info().startInstant();
        // a process started after the holder took the lock is another one with the same pid
        return since.isEmpty() || !since.get().isAfter(started.plusSeconds(2));
    }

    /** The hostmaster-migrate marker, unless the build running it is the one in progress. */
    private static Optional<StatusReport.Migration> migration(AegirHome home, Optional<StatusReport.Build> build) {
        Optional<FrontendStatus.Migration> m;
        try {
            m = FrontendStatus.migrationMarker(home);
        } catch (IOException damaged) {
            return Optional.of(
                    new StatusReport.Migration("", "", "", Instant.EPOCH, -1, "", Optional.of(damaged.getMessage())));
        }
        if (m.isEmpty() || (build.isPresent() && build.get().pid() == m.get().pid())) {
            return Optional.empty();
        }
        FrontendStatus.Migration x = m.get();
        return Optional.of(new StatusReport.Migration(
                x.domain(),
                x.from().toString(),
                x.to().toString(),
                x.started(),
                x.pid(),
                x.backupSet().toString(),
                Optional.empty()));
    }

    /**
     * Staging directories, an unfinished swap journal, backup sets left open by a run that is gone, half-built
     * platforms in the home and those moved aside into backup sets. While a build runs, its own staging and open set
     * are not leftovers, so only the platforms are listed then. A platform is half-built when a {@code hostmaster-*}
     * directory is not even a Drupal root, or when the pinned release's platform ({@code newPlatform}, not holding
     * the site) lacks parts of a complete one, as hostmaster-migrate decides; an old platform serving (or having
     * served) the site is not a leftover of drush make.
     */
    static List<StatusReport.Leftover> leftovers(AegirHome home, boolean buildRunning, Optional<Path> newPlatform)
            throws IOException {
        List<StatusReport.Leftover> out = new ArrayList<>();
        if (!buildRunning) {
            leftoversOfDeadRuns(home, out);
        }
        for (Path p : Platforms.candidates(home)) {
            boolean halfBuilt = p.getFileName().toString().startsWith("hostmaster-") && !Platforms.isDrupalRoot(p)
                    || newPlatform.map(p::equals).orElse(false) && !Platforms.isCompletePlatform(p);
            if (halfBuilt) {
                out.add(new StatusReport.Leftover(
                        "half-built-platform",
                        p.toString(),
                        "lacks " + String.join(", ", Platforms.missingParts(p))
                                + " (a drush make that did not finish)"));
            }
        }
        for (BackupSet set : BackupSets.list(home)) {
            try (Stream<Path> s = Files.list(set.dir())) {
                s.filter(p -> p.getFileName().toString().startsWith("leftover-")
                                && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .sorted()
                        .forEach(p -> out.add(new StatusReport.Leftover(
                                "half-built-platform",
                                p.toString(),
                                "moved aside by a failed or interrupted hostmaster-migrate; delete it when not"
                                        + " needed")));
            }
        }
        return out;
    }

    /** What only a run that is gone leaves: an unfinished swap, staging directories, backup sets left open. */
    private static void leftoversOfDeadRuns(AegirHome home, List<StatusReport.Leftover> out) throws IOException {
        Optional<Journal> j = Journal.read(home);
        j.ifPresent(journal -> out.add(new StatusReport.Leftover(
                "unfinished-swap",
                home.journalFile().toString(),
                "a " + journal.kind() + " swap started " + journal.started() + " by pid " + journal.pid()
                        + " was interrupted; the next build undoes its "
                        + journal.steps().size() + " rename(s)")));
        for (Path dir : List.of(home.root(), home.dotDrush())) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> SwapTransaction.isStagingName(p.getFileName().toString()))
                            .sorted()
                            .forEach(p -> out.add(new StatusReport.Leftover(
                                    "staging-directory",
                                    p.toString(),
                                    "left by a run that failed or was killed while staging a release")));
                }
            }
        }
        for (BackupSet set : BackupSets.list(home)) {
            if (set.hasManifest()
                    && set.manifest().state() == BackupManifest.State.OPEN
                    && ProcessHandle.of(set.manifest().pid())
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false)
                            == false) {
                out.add(new StatusReport.Leftover(
                        "unfinished-backup-set",
                        set.dir().toString(),
                        "left open by" + " pid " + set.manifest().pid() + ", which is gone"));
            }
        }
    }

    static List<StatusReport.BackupSetView> backupSets(AegirHome home) throws IOException {
        List<StatusReport.BackupSetView> out = new ArrayList<>();
        for (BackupSet s : BackupSets.list(home)) {
            if (!s.hasManifest()) {
                out.add(new StatusReport.BackupSetView(
                        s.name(),
                        s.dir().toString(),
                        s.kind().prefix(),
                        Optional.empty(),
                        s.created(),
                        List.of(),
                        false,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()));
                continue;
            }
            BackupManifest m = s.manifest();
            Optional<String> migration = MigrationNote.of(s).map(n -> n.domain() + " " + n.from() + " -> " + n.to());
            out.add(new StatusReport.BackupSetView(
                    s.name(),
                    s.dir().toString(),
                    s.kind().prefix(),
                    Optional.of(m.state().name()),
                    s.created(),
                    m.entries().stream().map(e -> e.from().toString()).toList(),
                    m.crontab().isPresent(),
                    m.restoredFrom(),
                    m.rolledBackInto(),
                    migration));
        }
        return out;
    }
}
