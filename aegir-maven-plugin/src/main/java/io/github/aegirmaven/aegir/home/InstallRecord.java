package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * This plugin's own record of what it installed in a home: for each component (drush, provision,
 * drush_make, ...) the release and the SHA-256 of the archive it came from, and when. Kept in
 * {@code .aegir-maven-plugin/installed.properties}, replaced atomically. The backend writes it after a
 * committed swap; {@code status} compares it with the pins and with {@link InstalledVersions}.
 */
public final class InstallRecord {

    private static final Pattern COMPONENT = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * One installed component.
     *
     * @param carried files the upgrade carried over from the previous installation into this one (relative path
     *                to SHA-256), e.g. drush 4's {@code includes/table.inc}, which no release tarball contains
     */
    public record Entry(
            String component, String release, String sha256, Instant installedAt, SortedMap<String, String> carried) {
        public Entry {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("Not a component name: '" + component + "'");
            }
            carried = Collections.unmodifiableSortedMap(new TreeMap<>(carried));
        }

        public Entry(String component, String release, String sha256, Instant installedAt) {
            this(component, release, sha256, installedAt, new TreeMap<>());
        }

        public Entry(
                String component, String release, String sha256, Instant installedAt, Map<String, String> carried) {
            this(component, release, sha256, installedAt, new TreeMap<>(carried));
        }
    }

    private static final String CARRIED = ".carried.";

    private final SortedMap<String, Entry> entries;

    private InstallRecord(SortedMap<String, Entry> entries) {
        this.entries = Collections.unmodifiableSortedMap(entries);
    }

    public static InstallRecord empty() {
        return new InstallRecord(new TreeMap<>());
    }

    /** Reads the record; an empty record when the home has none yet. */
    public static InstallRecord read(AegirHome home) throws IOException {
        Path file = home.installRecordFile();
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        SortedMap<String, String> p = PropertiesText.read(file);
        SortedMap<String, Entry> out = new TreeMap<>();
        for (String key : p.keySet()) {
            if (key.endsWith(".release")) {
                String c = key.substring(0, key.length() - ".release".length());
                if (!COMPONENT.matcher(c).matches()) {
                    continue;
                }
                String at = p.get(c + ".installedAt");
                SortedMap<String, String> carried = new TreeMap<>();
                for (Map.Entry<String, String> e : p.tailMap(c + CARRIED).entrySet()) {
                    if (!e.getKey().startsWith(c + CARRIED)) {
                        break;
                    }
                    carried.put(e.getKey().substring((c + CARRIED).length()), e.getValue());
                }
                out.put(
                        c,
                        new Entry(
                                c,
                                p.get(key),
                                p.getOrDefault(c + ".sha256", ""),
                                at == null || at.isEmpty() ? Instant.EPOCH : Instant.parse(at),
                                carried));
            }
        }
        return new InstallRecord(out);
    }

    public Optional<Entry> get(String component) {
        return Optional.ofNullable(entries.get(component));
    }

    public Optional<Entry> get(InstalledVersions.Component component) {
        return get(component.project());
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A copy with {@code entry} added or replacing the component's previous entry. */
    public InstallRecord with(Entry entry) {
        SortedMap<String, Entry> copy = new TreeMap<>(entries);
        copy.put(entry.component(), entry);
        return new InstallRecord(copy);
    }

    /** A copy without the component. */
    public InstallRecord without(String component) {
        SortedMap<String, Entry> copy = new TreeMap<>(entries);
        copy.remove(component);
        return new InstallRecord(copy);
    }

    /** Writes the record atomically into the home's state directory. */
    public void write(AegirHome home) throws IOException {
        home.ensureStateDir();
        SortedMap<String, String> p = new TreeMap<>();
        for (Entry e : entries.values()) {
            p.put(e.component() + ".release", e.release());
            p.put(e.component() + ".sha256", e.sha256());
            p.put(e.component() + ".installedAt", e.installedAt().toString());
            e.carried().forEach((file, sha) -> p.put(e.component() + CARRIED + file, sha));
        }
        Path file = home.installRecordFile();
        PropertiesText.write(
                file, "What aegir-maven-plugin installed in " + home.root() + "; rewritten after each change.", p);
        home.adopt(file);
    }

    @Override
    public String toString() {
        return entries.values().toString();
    }
}
