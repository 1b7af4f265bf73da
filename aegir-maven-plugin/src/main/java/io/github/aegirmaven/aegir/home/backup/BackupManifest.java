package io.github.aegirmaven.aegir.home.backup;

import io.github.aegirmaven.aegir.home.PropertiesText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code manifest.properties} inside a backup set: what was moved in from where (so that a rollback knows
 * where each entry goes back to), which live paths were newly installed (a rollback retires them), the
 * saved crontab, the plugin version, and the set's state.
 */
public final class BackupManifest {

    /** The manifest's file name inside a backup set. */
    public static final String FILE = "manifest.properties";

    /** Where a backup set is in its life. */
    public enum State {
        /** Created; nothing moved in yet (or a run in progress). */
        OPEN,
        /** Holds the previous state of every entry: restorable. */
        COMPLETE,
        /** Its swap was undone: entries went back to their places. */
        ROLLED_BACK,
        /** Restored by a rollback: its entries went back live. */
        RESTORED,
        /** Created by a run that died before moving anything in. */
        ABANDONED
    }

    /** One directory that was moved into the set: {@code <set>/<name>} came from {@code from}. */
    public record Entry(String name, Path from) {}

    private String kind = "";
    private Instant created = Instant.EPOCH;
    private String pluginVersion = "unknown";
    private long pid = -1;
    private State state = State.OPEN;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Path> added = new ArrayList<>();
    private String crontab;
    private String restoredFrom;
    private String rolledBackInto;
    private final SortedMap<String, String> notes = new TreeMap<>();

    BackupManifest() {}

    static BackupManifest read(Path setDir) throws IOException {
        Path file = setDir.resolve(FILE);
        BackupManifest m = new BackupManifest();
        if (!Files.isRegularFile(file)) {
            return m;
        }
        SortedMap<String, String> p = PropertiesText.read(file);
        m.kind = p.getOrDefault("kind", "");
        m.created = p.containsKey("created") ? Instant.parse(p.get("created")) : Instant.EPOCH;
        m.pluginVersion = p.getOrDefault("pluginVersion", "unknown");
        m.pid = Long.parseLong(p.getOrDefault("pid", "-1"));
        try {
            m.state = State.valueOf(p.getOrDefault("state", "OPEN"));
        } catch (IllegalArgumentException e) {
            throw new IOException("Unknown state '" + p.get("state") + "' in " + file, e);
        }
        for (int i = 0; p.containsKey("entry." + i + ".name"); i++) {
            m.entries.add(new Entry(p.get("entry." + i + ".name"), Paths.get(p.get("entry." + i + ".from"))));
        }
        for (int i = 0; p.containsKey("added." + i); i++) {
            m.added.add(Paths.get(p.get("added." + i)));
        }
        m.crontab = p.get("crontab");
        m.restoredFrom = p.get("restoredFrom");
        m.rolledBackInto = p.get("rolledBackInto");
        for (Map.Entry<String, String> e : p.entrySet()) {
            if (e.getKey().startsWith("note.")) {
                m.notes.put(e.getKey().substring("note.".length()), e.getValue());
            }
        }
        return m;
    }

    void write(Path setDir) throws IOException {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("kind", kind);
        p.put("created", created.toString());
        p.put("pluginVersion", pluginVersion);
        p.put("pid", Long.toString(pid));
        p.put("state", state.name());
        for (int i = 0; i < entries.size(); i++) {
            p.put("entry." + i + ".name", entries.get(i).name());
            p.put("entry." + i + ".from", entries.get(i).from().toString());
        }
        for (int i = 0; i < added.size(); i++) {
            p.put("added." + i, added.get(i).toString());
        }
        if (crontab != null) {
            p.put("crontab", crontab);
        }
        if (restoredFrom != null) {
            p.put("restoredFrom", restoredFrom);
        }
        if (rolledBackInto != null) {
            p.put("rolledBackInto", rolledBackInto);
        }
        notes.forEach((k, v) -> p.put("note." + k, v));
        PropertiesText.write(
                setDir.resolve(FILE),
                "aegir-maven-plugin backup set: entry.N.name was moved here from entry.N.from; added.N"
                        + " were newly installed.",
                p);
    }

    public String kind() {
        return kind;
    }

    public Instant created() {
        return created;
    }

    public String pluginVersion() {
        return pluginVersion;
    }

    /** The process that created the set. */
    public long pid() {
        return pid;
    }

    public State state() {
        return state;
    }

    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Live paths that did not exist before the swap and were installed by it. */
    public List<Path> added() {
        return Collections.unmodifiableList(added);
    }

    /** The crontab file name in the set, {@code "none"} when the user had no crontab, empty when not saved. */
    public Optional<String> crontab() {
        return Optional.ofNullable(crontab);
    }

    /** For a {@code pre-rollback} set: the name of the set that was restored. */
    public Optional<String> restoredFrom() {
        return Optional.ofNullable(restoredFrom);
    }

    /**
     * For a set a rollback restored: the name of the {@code pre-rollback} set that took what was live then (so the
     * set's upgrade has been rolled back, and naming that set undoes the rollback).
     */
    public Optional<String> rolledBackInto() {
        return Optional.ofNullable(rolledBackInto);
    }

    /** Free-form facts the procedures recorded (e.g. the releases that replaced the entries). */
    public Map<String, String> notes() {
        return Collections.unmodifiableSortedMap(notes);
    }

    void kind(String kind) {
        this.kind = kind;
    }

    void created(Instant created) {
        this.created = created;
    }

    void pluginVersion(String pluginVersion) {
        this.pluginVersion = pluginVersion;
    }

    public void pid(long pid) {
        this.pid = pid;
    }

    public void state(State state) {
        this.state = state;
    }

    public void entries(List<Entry> entries, List<Path> added) {
        this.entries.clear();
        this.entries.addAll(entries);
        this.added.clear();
        this.added.addAll(added);
    }

    void crontab(String crontab) {
        this.crontab = crontab;
    }

    public void restoredFrom(String restoredFrom) {
        this.restoredFrom = restoredFrom;
    }

    public void rolledBackInto(String name) {
        this.rolledBackInto = name;
    }

    void note(String key, String value) {
        notes.put(key, value);
    }
}
