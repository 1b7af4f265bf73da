package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lock file: the SHA-256 sum and size of every release archive the build may install.
 *
 * <p>Format (UTF-8 text, LF line ends): lines starting with {@code #} are comments and blank lines are
 * ignored; every other line pins one release as four fields separated by spaces:
 * <pre>
 * # aegir.lock: SHA-256 sums of the release archives this build installs. ...
 * drush 7.x-4.4 sha256:0123...cdef size:391876
 * provision 6.x-1.0-rc3 sha256:4567...89ab size:249016
 * </pre>
 * {@link #write} always writes the same header, then one line per release sorted by project and version,
 * with lower-case hex and no time stamps, so that the same pins give the same bytes and a change shows up
 * as a one-line diff. A release may appear once. The file is written by {@code mvn aegir:lock} and by the
 * first use of a release; edit it by hand only to delete a line.
 *
 * <p>Instances are immutable; {@link #with} and {@link #without} return changed copies.
 */
public final class LockFile {

    /** The header {@link #write} puts at the top. */
    public static final String HEADER = String.join(
            "\n",
            "# aegir.lock: SHA-256 sums of the release archives this build installs (aegir-maven-plugin).",
            "# Written by `mvn aegir:lock` and on the first use of a release; commit it with the pom.",
            "# After changing a pinned version run `mvn aegir:lock` again. An archive whose sum differs is refused.",
            "# One release per line: <project> <version> sha256:<64 hex digits> size:<bytes>",
            "");

    private static final long MAX_BYTES = 1024 * 1024;
    private static final String FORMAT = "<project> <version> sha256:<64 hex digits> size:<bytes>";
    private static final Pattern FIELDS = Pattern.compile("[ \\t]+");
    private static final Pattern SHA = Pattern.compile("sha256:([0-9a-fA-F]{64})");
    private static final Pattern SIZE = Pattern.compile("size:(0|[1-9][0-9]{0,17})");

    private final Optional<Path> source;
    private final Map<Release, LockEntry> entries;

    private LockFile(Optional<Path> source, Map<Release, LockEntry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /** A lock with no entries and no file. */
    public static LockFile empty() {
        return new LockFile(Optional.empty(), Map.of());
    }

    /**
     * Reads a lock file. An absent file is an empty lock (that remembers the path).
     *
     * @throws UserFixableException naming the file when it cannot be read, or naming {@code file:line}, what
     *     was expected and what was found when a line is not a valid entry
     */
    public static LockFile read(Path file) throws UserFixableException {
        Map<Release, LockEntry> entries = new HashMap<>();
        Map<Release, Integer> lineOf = new HashMap<>();
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNumber = 0;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw nonsense(
                        file,
                        1,
                        "a lock file of a few lines",
                        "a file of " + Files.size(file) + " bytes",
                        "is lockFile pointing at the right file?");
            }
        } catch (NoSuchFileException e) {
            return new LockFile(Optional.of(file), Map.of());
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                LockEntry entry = parseLine(file, lineNumber, line);
                if (entry == null) {
                    continue;
                }
                Integer earlier = lineOf.putIfAbsent(entry.release(), lineNumber);
                if (earlier != null) {
                    throw nonsense(
                            file,
                            lineNumber,
                            "each release once",
                            line,
                            entry.release().displayName() + " is already pinned on line " + earlier
                                    + "; delete one of the two lines");
                }
                entries.put(entry.release(), entry);
            }
        } catch (NoSuchFileException e) {
            return new LockFile(Optional.of(file), Map.of());
        } catch (CharacterCodingException e) {
            throw nonsense(file, lineNumber + 1, "UTF-8 text", "bytes that are not UTF-8 text", "is it a binary file?");
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        return new LockFile(Optional.of(file), entries);
    }

    private static UserFixableException unreadable(Path file, IOException e) {
        return new UserFixableException(
                "Cannot read the lock file " + file + " (parameter lockFile,"
                        + " " + Setting.LOCK_FILE.flag() + "): " + describe(e)
                        + ". Make it a readable file (check its permissions and"
                        + " owner), point lockFile at another file, or delete it and run `mvn aegir:lock` to write a"
                        + " new one.",
                e);
    }

    private static String describe(IOException e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
    }

    private static LockEntry parseLine(Path file, int lineNumber, String rawLine) throws UserFixableException {
        String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        String[] fields = FIELDS.split(trimmed);
        if (fields.length != 4) {
            throw nonsense(
                    file,
                    lineNumber,
                    FORMAT,
                    line,
                    "that is " + fields.length + " field" + (fields.length == 1 ? "" : "s") + ", not 4");
        }
        Release release;
        try {
            release = new Release(fields[0], fields[1]);
        } catch (IllegalArgumentException e) {
            throw nonsense(file, lineNumber, FORMAT, line, e.getMessage());
        }
        Matcher sha = SHA.matcher(fields[2]);
        if (!sha.matches()) {
            throw nonsense(file, lineNumber, FORMAT, line, "the third field must be sha256: followed by 64 hex digits");
        }
        Matcher size = SIZE.matcher(fields[3]);
        if (!size.matches()) {
            throw nonsense(
                    file,
                    lineNumber,
                    FORMAT,
                    line,
                    "the fourth field must be size: followed by the archive size in bytes");
        }
        return new LockEntry(release, sha.group(1), Long.parseLong(size.group(1)));
    }

    private static UserFixableException nonsense(
            Path file, int lineNumber, String expected, String found, String detail) {
        return new UserFixableException("Lock file " + file + ":" + lineNumber + " is not valid: expected " + expected
                + ", found \"" + shorten(found) + "\" (" + detail + "). The file was edited by hand or damaged;"
                + " restore it from version control, or delete it and re-run mvn aegir:lock.");
    }

    private static String shorten(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 120; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() < text.length() ? out + "..." : out.toString();
    }

    /** The file this lock was read from, if any (also when the file did not exist yet). */
    public Optional<Path> source() {
        return source;
    }

    /** What the lock pins for the release, if anything. */
    public Optional<LockEntry> entry(Release release) {
        return Optional.ofNullable(entries.get(release));
    }

    /** A copy with the entry added, replacing any entry for the same release. */
    public LockFile with(LockEntry entry) {
        Map<Release, LockEntry> copy = new HashMap<>(entries);
        copy.put(entry.release(), entry);
        return new LockFile(source, copy);
    }

    /** A copy without the release's entry. */
    public LockFile without(Release release) {
        Map<Release, LockEntry> copy = new HashMap<>(entries);
        copy.remove(release);
        return new LockFile(source, copy);
    }

    /** A copy that keeps only the entries of the given releases (for {@code aegir:lock} to drop stale pins). */
    public LockFile retainOnly(Collection<Release> releases) {
        Set<Release> keep = Set.copyOf(releases);
        Map<Release, LockEntry> copy = new HashMap<>(entries);
        copy.keySet().retainAll(keep);
        return new LockFile(source, copy);
    }

    /** All entries, sorted by project and version. */
    public List<LockEntry> entries() {
        return List.copyOf(entries.values());
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The file's text as {@link #write} writes it. */
    public String render() {
        StringBuilder text = new StringBuilder(HEADER);
        for (LockEntry entry : entries.values()) {
            text.append(entry.toLine()).append('\n');
        }
        return text.toString();
    }

    /**
     * Writes the lock atomically: to a temporary file in the same directory, forced to disk, then renamed
     * over {@code file}, so a reader sees the old or the new file, never half of one. The file gets mode 644
     * where the file system has POSIX permissions. Missing parent directories are created.
     */
    public void write(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(
                            temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    Writer writer = Channels.newWriter(channel, StandardCharsets.UTF_8)) {
                writer.write(render());
                writer.flush();
                channel.force(true);
            }
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the file system's default
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Same entries (the source path is not compared). */
    @Override
    public boolean equals(Object o) {
        return o instanceof LockFile && ((LockFile) o).entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        entries.values().forEach(e -> lines.add(e.toLine()));
        return "LockFile" + source.map(p -> "(" + p + ")").orElse("") + lines;
    }
}
