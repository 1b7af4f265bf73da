package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    private static final String SHA_A = "a".repeat(64);
    private static final String SHA_B = "0123456789abcdef".repeat(4);

    @TempDir
    Path dir;

    private final Release drush = new Release("drush", "7.x-4.4");
    private final Release provision = new Release("provision", "6.x-1.0-rc3");
    private final Release drushMake = new Release("drush_make", "6.x-2.2");

    @Test
    void absentFileIsAnEmptyLockThatRemembersItsPath() throws Exception {
        Path file = dir.resolve("aegir.lock");
        LockFile lock = LockFile.read(file);
        assertThat(lock.isEmpty()).isTrue();
        assertThat(lock.source()).contains(file);
        assertThat(lock.entry(drush)).isEmpty();
    }

    @Test
    void writesSortedStableTextAndReadsItBack() throws Exception {
        Path file = dir.resolve("aegir.lock");
        LockFile lock = LockFile.read(file)
                .with(new LockEntry(provision, SHA_B, 249016))
                .with(new LockEntry(drush, SHA_A.toUpperCase(Locale.ROOT), 391876))
                .with(new LockEntry(drushMake, SHA_B, 55555));
        lock.write(file);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.stream().filter(l -> !l.startsWith("#")))
                .containsExactly(
                        "drush 7.x-4.4 sha256:" + SHA_A + " size:391876",
                        "drush_make 6.x-2.2 sha256:" + SHA_B + " size:55555",
                        "provision 6.x-1.0-rc3 sha256:" + SHA_B + " size:249016");
        assertThat(lines.get(0)).startsWith("# aegir.lock");
        assertThat(String.join("\n", lines)).contains("mvn aegir:lock");

        LockFile again = LockFile.read(file);
        assertThat(again).isEqualTo(lock);
        assertThat(again.entry(drush)).contains(new LockEntry(drush, SHA_A, 391876));
        byte[] first = Files.readAllBytes(file);
        again.write(file);
        assertThat(Files.readAllBytes(file)).as("same pins, same bytes").isEqualTo(first);
        assertThat(new String(first, StandardCharsets.UTF_8)).doesNotContain("\r");
    }

    @Test
    void writeIsAtomicLeavesNoTemporaryFilesAndIsWorldReadable() throws Exception {
        Path file = dir.resolve("sub/aegir.lock");
        LockFile.empty().with(new LockEntry(drush, SHA_A, 1)).write(file);
        LockFile.read(file).with(new LockEntry(provision, SHA_B, 2)).write(file);
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("aegir.lock");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
        assertThat(LockFile.read(file).entries()).hasSize(2);
    }

    @Test
    void withReplacesWithoutRemovesRetainOnlyPrunes() {
        LockFile lock = LockFile.empty().with(new LockEntry(drush, SHA_A, 1)).with(new LockEntry(provision, SHA_A, 2));
        LockFile replaced = lock.with(new LockEntry(drush, SHA_B, 3));
        assertThat(replaced.entry(drush)).contains(new LockEntry(drush, SHA_B, 3));
        assertThat(lock.entry(drush)).contains(new LockEntry(drush, SHA_A, 1));
        assertThat(lock.without(drush).entries()).extracting(LockEntry::release).containsExactly(provision);
        assertThat(lock.retainOnly(List.of(provision, drushMake)).entries())
                .extracting(LockEntry::release)
                .containsExactly(provision);
    }

    @Test
    void commentsBlankLinesExtraSpacesAndCrlfAreAccepted() throws Exception {
        Path file = write("# my comment\r\n\r\n  drush   7.x-4.4\tsha256:" + SHA_A + "  size:10  \r\n");
        assertThat(LockFile.read(file).entry(drush)).contains(new LockEntry(drush, SHA_A, 10));
    }

    @Test
    void handEditedNonsenseNamesFileLineExpectedAndFound() throws Exception {
        assertNonsense("drush 7.x-4.4 sha256:" + SHA_A + "\n", ":1 ", "that is 3 fields, not 4");
        assertNonsense("# ok\ndrush 7.x-4.4 md5:" + SHA_A + " size:10\n", ":2 ", "sha256: followed by 64 hex digits");
        assertNonsense("drush 7.x-4.4 sha256:" + SHA_A.substring(1) + " size:10\n", ":1 ", "64 hex digits");
        assertNonsense("drush 7.x-4.4 sha256:" + SHA_A + " size:-5\n", ":1 ", "size in bytes");
        assertNonsense("drush 7.x-4.4 sha256:" + SHA_A + " 10\n", ":1 ", "size in bytes");
        assertNonsense("Drush 7.x-4.4 sha256:" + SHA_A + " size:10\n", ":1 ", "not a drupal.org project name");
        assertNonsense("drush 4.4.x sha256:" + SHA_A + " size:10\n", ":1 ", "Unknown or malformed version \"4.4.x\"");
        assertNonsense("<<<<<<< HEAD\n", ":1 ", "not 4");
    }

    @Test
    void aReleasePinnedTwiceIsRefused() throws Exception {
        Path file = write("drush 7.x-4.4 sha256:" + SHA_A + " size:10\n\ndrush 7.x-4.4 sha256:" + SHA_B + " size:10\n");
        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(file + ":3 ")
                .hasMessageContaining("expected each release once")
                .hasMessageContaining("already pinned on line 1")
                .hasMessageContaining("re-run mvn aegir:lock");
    }

    @Test
    void binaryFileIsNonsenseNotACrash() throws Exception {
        Path file = dir.resolve("aegir.lock");
        Files.write(file, new byte[] {'d', 'r', (byte) 0xff, (byte) 0xfe, 0, 1, 2, '\n'});
        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("UTF-8")
                .hasMessageContaining("re-run mvn aegir:lock");
    }

    @Test
    void directoryInsteadOfFileIsUnreadable() throws Exception {
        Path file = Files.createDirectory(dir.resolve("aegir.lock"));
        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Cannot read the lock file " + file)
                .hasMessageContaining("lockFile")
                .hasMessageContaining("mvn aegir:lock");
    }

    @Test
    void unreadableFileSaysWhatToDo() throws Exception {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads files whatever their mode");
        Path file = write("drush 7.x-4.4 sha256:" + SHA_A + " size:10\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("Cannot read the lock file " + file)
                .hasMessageContaining("permissions");
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt() throws Exception {
        Path file = dir.resolve("aegir.lock");
        Files.write(file, new byte[2 * 1024 * 1024]);
        assertThatThrownBy(() -> LockFile.read(file))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(file + ":1")
                .hasMessageContaining("2097152 bytes");
    }

    @Test
    void entryValidation() {
        assertThatThrownBy(() -> new LockEntry(drush, "abc", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LockEntry(drush, SHA_A, -1)).isInstanceOf(IllegalArgumentException.class);
        LockEntry entry = new LockEntry(drush, SHA_A, 7);
        assertThat(entry.matches(SHA_A.toUpperCase(Locale.ROOT), 7)).isTrue();
        assertThat(entry.matches(SHA_A, 8)).isFalse();
        assertThat(entry.matches(SHA_B, 7)).isFalse();
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("aegir.lock");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private void assertNonsense(String text, String line, String detail) throws IOException {
        Path file = write(text);
        assertThatThrownBy(() -> LockFile.read(file))
                .as(text)
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(file + line)
                .hasMessageContaining("expected <project> <version> sha256:<64 hex digits> size:<bytes>")
                .hasMessageContaining("found \"")
                .hasMessageContaining(detail)
                .hasMessageContaining("re-run mvn aegir:lock");
    }
}
