package io.github.aegirmaven.aegir.home.journal;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.home.PropertiesText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The swap journal, {@code .aegir-maven-plugin/journal}: the planned renames of one {@link SwapTransaction},
 * written (atomically, forced to disk) before the first rename and rewritten after each one with that step
 * marked done. It exists only while a transaction is unfinished; a journal found at the start of a run
 * means a run died in the middle, and {@link SwapTransaction#recover} undoes what it did.
 */
public final class Journal {

    /** What a step does. */
    public enum Role {
        /** Moves a live directory into the backup set. */
        RETIRE,
        /** Moves a staged (or backed-up) directory into the live place. */
        INSTALL
    }

    /** One planned rename {@code from} → {@code to}; {@code done} once it happened. */
    public record Step(Role role, Path from, Path to, boolean done) {
        Step markDone() {
            return new Step(role, from, to, true);
        }

        @Override
        public String toString() {
            return role.name().toLowerCase(Locale.ROOT) + " " + from + " -> " + to + (done ? " (done)" : "");
        }
    }

    private final String kind;
    private final Path backupSet;
    private final Optional<Path> restoring;
    private final Instant started;
    private final long pid;
    private final List<Step> steps;
    private final List<Path> staging;

    public Journal(
            String kind,
            Path backupSet,
            Optional<Path> restoring,
            Instant started,
            long pid,
            List<Step> steps,
            List<Path> staging) {
        this.kind = kind;
        this.backupSet = backupSet;
        this.restoring = restoring;
        this.started = started;
        this.pid = pid;
        this.steps = List.copyOf(steps);
        this.staging = List.copyOf(staging);
    }

    /** {@code upgrade} (replacing live directories) or {@code restore} (putting a backup set back). */
    public String kind() {
        return kind;
    }

    /** The set the live directories were moved into. */
    public Path backupSet() {
        return backupSet;
    }

    /** For a restore: the set being put back. */
    public Optional<Path> restoring() {
        return restoring;
    }

    /** Every backup set this journal refers to. */
    public List<Path> backupSets() {
        List<Path> out = new ArrayList<>();
        out.add(backupSet);
        restoring.ifPresent(out::add);
        return Collections.unmodifiableList(out);
    }

    public Instant started() {
        return started;
    }

    /** The process that wrote the journal. */
    public long pid() {
        return pid;
    }

    public List<Step> steps() {
        return steps;
    }

    /** Staging directories (beside their targets) to delete when the transaction ends either way. */
    public List<Path> staging() {
        return staging;
    }

    Journal withSteps(List<Step> newSteps) {
        return new Journal(kind, backupSet, restoring, started, pid, newSteps, staging);
    }

    /** The backup sets the unfinished transaction in the home refers to, which must be kept; empty without one. */
    public static Set<Path> backupSetsInUse(AegirHome home) throws IOException {
        return read(home).map(j -> Set.copyOf(j.backupSets())).orElse(Set.of());
    }

    /** The journal of an unfinished transaction in the home, if there is one. */
    public static Optional<Journal> read(AegirHome home) throws IOException {
        Path file = home.journalFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SortedMap<String, String> p = PropertiesText.read(file);
        if (!"1".equals(p.get("format")) || !p.containsKey("backupSet")) {
            throw new IOException("The swap journal " + file + " is not in a format this plugin knows (format="
                    + p.get("format") + "). Restore the directories listed in it by hand, then delete it.");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; p.containsKey("step." + i + ".from"); i++) {
            steps.add(new Step(
                    Role.valueOf(p.get("step." + i + ".role")),
                    Paths.get(p.get("step." + i + ".from")),
                    Paths.get(p.get("step." + i + ".to")),
                    Boolean.parseBoolean(p.get("step." + i + ".done"))));
        }
        List<Path> staging = new ArrayList<>();
        for (int i = 0; p.containsKey("staging." + i); i++) {
            staging.add(Paths.get(p.get("staging." + i)));
        }
        return Optional.of(new Journal(
                p.getOrDefault("kind", "upgrade"),
                Paths.get(p.get("backupSet")),
                Optional.ofNullable(p.get("restoring")).map(Paths::get),
                p.containsKey("started") ? Instant.parse(p.get("started")) : Instant.EPOCH,
                Long.parseLong(p.getOrDefault("pid", "-1")),
                steps,
                staging));
    }

    /** Writes the journal atomically and durably. */
    public void write(AegirHome home) throws IOException {
        home.ensureStateDir();
        SortedMap<String, String> p = new TreeMap<>();
        p.put("format", "1");
        p.put("kind", kind);
        p.put("backupSet", backupSet.toString());
        restoring.ifPresent(r -> p.put("restoring", r.toString()));
        p.put("started", started.toString());
        p.put("pid", Long.toString(pid));
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            p.put("step." + i + ".role", s.role().name());
            p.put("step." + i + ".from", s.from().toString());
            p.put("step." + i + ".to", s.to().toString());
            p.put("step." + i + ".done", Boolean.toString(s.done()));
        }
        for (int i = 0; i < staging.size(); i++) {
            p.put("staging." + i, staging.get(i).toString());
        }
        Path file = home.journalFile();
        PropertiesText.write(
                file,
                "aegir-maven-plugin swap journal: an unfinished transaction. The next run undoes it.\n"
                        + "Steps run in order; a step is done when its 'to' exists and its 'from' does not.",
                p);
        home.adopt(file);
    }

    static void delete(AegirHome home) throws IOException {
        AtomicFiles.delete(home.journalFile());
    }
}
