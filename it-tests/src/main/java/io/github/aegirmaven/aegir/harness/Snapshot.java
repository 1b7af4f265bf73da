package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a directory tree holds, entry by entry (type, mode, size, SHA-256 or link target, owner),
 * plus the crontab of its owner when that can be read: enough to assert that a failed upgrade left
 * an Aegir home "byte for byte as before". Compare two with {@link #diff}.
 *
 * @param root     the directory
 * @param entries  path relative to {@code root} ({@code "."} for the root itself) to entry, sorted
 * @param crontabUser the user whose crontab was read, if any
 * @param crontab  that crontab ("" when the user has none), if read
 */
public record Snapshot(
        Path root, SortedMap<String, Entry> entries, Optional<String> crontabUser, Optional<String> crontab) {

    /** One file system entry. {@code sha256} is set for files, {@code linkTarget} for symbolic links. */
    public record Entry(String type, String mode, long size, String sha256, String linkTarget, String owner) {

        @Override
        public String toString() {
            StringBuilder text =
                    new StringBuilder(type).append(' ').append(mode).append(' ').append(owner);
            if (type.equals("file")) {
                text.append(' ').append(size).append(" bytes sha256 ").append(sha256);
            }
            if (linkTarget != null) {
                text.append(" -> ").append(linkTarget);
            }
            return text.toString();
        }
    }

    /**
     * Takes a snapshot of {@code root}, without the crontab.
     */
    public static Snapshot of(Path root) throws IOException {
        return of(root, Optional.empty());
    }

    /**
     * Takes a snapshot of {@code root} and, when {@code crontabUser} is given, of that user's crontab.
     */
    public static Snapshot of(Path root, Optional<String> crontabUser) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        SortedMap<String, Entry> entries = new TreeMap<>();
        Files.walkFileTree(base, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                entries.put(key(base, dir), entry(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                entries.put(key(base, file), entry(file));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof AccessDeniedException) {
                    entries.put(key(base, file), new Entry("unreadable", "?", 0, null, null, "?"));
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }
        });
        Optional<String> crontab = Optional.empty();
        if (crontabUser.isPresent()) {
            crontab = Optional.of(Host.readCrontab(crontabUser.get()));
        }
        return new Snapshot(base, Collections.unmodifiableSortedMap(entries), crontabUser, crontab);
    }

    /**
     * The differences from {@code before} to {@code after}, one readable line per path (and a
     * block for the crontab); empty when they hold the same.
     */
    public static List<String> diff(Snapshot before, Snapshot after) {
        List<String> lines = new ArrayList<>();
        TreeSet<String> paths = new TreeSet<>(before.entries().keySet());
        paths.addAll(after.entries().keySet());
        for (String path : paths) {
            Entry a = before.entries().get(path);
            Entry b = after.entries().get(path);
            if (a == null) {
                lines.add("added   " + path + " (" + b + ")");
            } else if (b == null) {
                lines.add("removed " + path + " (" + a + ")");
            } else if (!a.equals(b)) {
                lines.add("changed " + path + ": " + changes(a, b));
            }
        }
        if (!before.crontab().equals(after.crontab())) {
            String user = after.crontabUser().or(before::crontabUser).orElse("?");
            StringBuilder text = new StringBuilder("crontab of " + user + " changed:");
            List<String> old = before.crontab().map(Snapshot::lines).orElse(List.of("<not read>"));
            List<String> now = after.crontab().map(Snapshot::lines).orElse(List.of("<not read>"));
            old.stream()
                    .filter(l -> !now.contains(l))
                    .forEach(l -> text.append("\n  - ").append(l));
            now.stream()
                    .filter(l -> !old.contains(l))
                    .forEach(l -> text.append("\n  + ").append(l));
            lines.add(text.toString());
        }
        return lines;
    }

    /** {@link #diff(Snapshot, Snapshot)} from this snapshot to {@code after}. */
    public List<String> diffTo(Snapshot after) {
        return diff(this, after);
    }

    private static List<String> lines(String text) {
        return text.isEmpty()
                ? List.of()
                : List.of(text.split("\n", -1)).stream()
                        .filter(l -> !l.isEmpty())
                        .toList();
    }

    private static String changes(Entry a, Entry b) {
        List<String> parts = new ArrayList<>();
        add(parts, "type", a.type(), b.type());
        add(parts, "mode", a.mode(), b.mode());
        add(parts, "owner", a.owner(), b.owner());
        add(parts, "size", Long.toString(a.size()), Long.toString(b.size()));
        add(parts, "sha256", a.sha256(), b.sha256());
        add(parts, "link", a.linkTarget(), b.linkTarget());
        return String.join(", ", parts);
    }

    private static void add(List<String> parts, String name, String a, String b) {
        if (a == null ? b != null : !a.equals(b)) {
            parts.add(name + " " + a + " -> " + b);
        }
    }

    private static String key(Path base, Path path) {
        String relative = base.relativize(path).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }

    private static Entry entry(Path path) throws IOException {
        PosixFileAttributes attrs = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String type = attrs.isDirectory()
                ? "dir"
                : attrs.isRegularFile() ? "file" : attrs.isSymbolicLink() ? "link" : "other";
        int mode;
        try {
            mode = ((Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            mode = Modes.toInt(attrs.permissions());
        }
        String owner = attrs.owner().getName() + ":" + attrs.group().getName();
        String sha = null;
        if (attrs.isRegularFile()) {
            try {
                sha = Sha256.of(path);
            } catch (AccessDeniedException e) {
                sha = "unreadable";
            }
        }
        String link = attrs.isSymbolicLink() ? Files.readSymbolicLink(path).toString() : null;
        return new Entry(type, String.format("%04o", mode), attrs.isRegularFile() ? attrs.size() : 0, sha, link, owner);
    }

    /**
     * Writes the snapshot as text, one line per entry, so that a later JVM (a verify script, after
     * the IT's Maven runs) can {@link #read} it and compare. Paths and texts are Base64, so any
     * name survives.
     */
    public void write(Path file) throws IOException {
        StringBuilder text =
                new StringBuilder("# Snapshot of ").append(root).append(" (aegir-maven-plugin IT harness)\n");
        text.append("root ").append(encode(root.toString())).append('\n');
        text.append("crontabUser ")
                .append(crontabUser.map(Snapshot::encode).orElse("-"))
                .append('\n');
        text.append("crontab ")
                .append(crontab.map(Snapshot::encode).orElse("-"))
                .append('\n');
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry v = e.getValue();
            text.append("entry ")
                    .append(encode(e.getKey()))
                    .append(' ')
                    .append(v.type())
                    .append(' ')
                    .append(v.mode())
                    .append(' ')
                    .append(v.size())
                    .append(' ')
                    .append(v.sha256() == null ? "-" : v.sha256())
                    .append(' ')
                    .append(v.linkTarget() == null ? "-" : encode(v.linkTarget()))
                    .append(' ')
                    .append(encode(v.owner()))
                    .append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** Reads a snapshot {@link #write} wrote. */
    public static Snapshot read(Path file) throws IOException {
        Path root = null;
        Optional<String> user = Optional.empty();
        Optional<String> crontab = Optional.empty();
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            switch (f[0]) {
                case "root" -> root = Path.of(decode(f[1]));
                case "crontabUser" -> user = f[1].equals("-") ? Optional.empty() : Optional.of(decode(f[1]));
                case "crontab" -> crontab = f[1].equals("-") ? Optional.empty() : Optional.of(decode(f[1]));
                case "entry" ->
                    entries.put(
                            decode(f[1]),
                            new Entry(
                                    f[2],
                                    f[3],
                                    Long.parseLong(f[4]),
                                    f[5].equals("-") ? null : f[5],
                                    f[6].equals("-") ? null : decode(f[6]),
                                    decode(f[7])));
                default -> throw new IOException(file + ": not a snapshot line: " + line);
            }
        }
        if (root == null) {
            throw new IOException(file + " is not a snapshot written by Snapshot.write (no root line)");
        }
        return new Snapshot(root, Collections.unmodifiableSortedMap(entries), user, crontab);
    }

    /** Base64 without padding; "=" for the empty string. */
    private static String encode(String text) {
        return text.isEmpty()
                ? "="
                : Base64.getEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return text.equals("=") ? "" : new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    }

    /** Entries whose path starts with {@code prefix}. */
    public Map<String, Entry> under(String prefix) {
        return entries.subMap(prefix, prefix + Character.MAX_VALUE);
    }
}
