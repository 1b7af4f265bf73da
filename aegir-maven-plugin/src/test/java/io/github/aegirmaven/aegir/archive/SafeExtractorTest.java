package io.github.aegirmaven.aegir.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.core.LocalWriteException;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeExtractorTest {

    @TempDir
    Path dir;

    private final SafeExtractor extractor = new SafeExtractor();

    private Path staging() {
        return dir.resolve("work/.staging-drush");
    }

    private Path drupalOrgLikeRelease() throws IOException {
        Path archive = dir.resolve("drush-7.x-4.4.tar.gz");
        try (TarGz tar = new TarGz(archive)) {
            tar.dir("drush", 0755)
                    .file("drush/README.txt", "Drush is a command line shell.\n", 0664)
                    .dir("drush/commands", 0775)
                    .dir("drush/commands/core", 0775)
                    .file("drush/commands/core/core.drush.inc", "<?php\n// core commands\n", 0664)
                    .file("drush/drush", "#!/usr/bin/env sh\nexec php drush.php \"$@\"\n", 0775)
                    .file("drush/drush.php", "<?php\n", 0664)
                    .file("drush/setuid-by-mistake", "x", 04755)
                    .file("drush/group-exec-only", "x", 0640 | 010)
                    .file("drush/includes/deep/nested.inc", "<?php\n", 0600)
                    .symlink("drush/includes/core.inc", "../commands/core/core.drush.inc")
                    .symlink("drush/self", ".")
                    .symlink("drush/dangling", "commands/not-there")
                    .file("./drush/dot-prefixed.txt", "dot\n", 0644)
                    .file(
                            "drush/drush.info",
                            "; Information added by drupal.org packaging script on 2011-03-31\n"
                                    + "version = \"7.x-4.4\"\nproject = \"drush\"\n",
                            0664);
        }
        return archive;
    }

    @Test
    void extractsAReleaseWithUmask022Modes() throws Exception {
        Path top = extractor.extract(drupalOrgLikeRelease(), staging(), "drush");

        assertThat(top).isEqualTo(staging().resolve("drush"));
        try (var children = Files.list(staging())) {
            assertThat(children.map(p -> p.getFileName().toString())).containsExactly("drush");
        }
        assertThat(top.resolve("README.txt")).hasContent("Drush is a command line shell.");
        assertThat(mode(top)).isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("commands"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("includes/deep"))).as("implied directory").isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("README.txt"))).isEqualTo("rw-r--r--");
        assertThat(mode(top.resolve("includes/deep/nested.inc"))).isEqualTo("rw-r--r--");
        assertThat(mode(top.resolve("drush"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("setuid-by-mistake"))).isEqualTo("rwxr-xr-x");
        assertThat((Integer) Files.getAttribute(top.resolve("setuid-by-mistake"), "unix:mode") & 07000)
                .isZero();
        assertThat(mode(top.resolve("group-exec-only"))).isEqualTo("rwxr-xr-x");

        assertThat(Files.getLastModifiedTime(top.resolve("README.txt"))).isEqualTo(TarGz.TIME);
        assertThat(Files.getLastModifiedTime(top.resolve("commands")))
                .as("directory time set after its contents")
                .isEqualTo(TarGz.TIME);
        assertThat(Files.getLastModifiedTime(top)).isEqualTo(TarGz.TIME);

        Path link = top.resolve("includes/core.inc");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(Paths.get("../commands/core/core.drush.inc"));
        assertThat(link).hasContent("<?php\n// core commands");
        assertThat(Files.isSymbolicLink(top.resolve("self"))).isTrue();
        assertThat(Files.isSymbolicLink(top.resolve("dangling"))).isTrue();
        assertThat(top.resolve("dot-prefixed.txt")).hasContent("dot");
    }

    @Test
    void givesEveryEntryToTheOwnerAsItWritesItWithoutFollowingLinks() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root to give files away");
        var lookup = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal aegir;
        GroupPrincipal group;
        try {
            aegir = lookup.lookupPrincipalByName("aegir");
            group = lookup.lookupPrincipalByGroupName("aegir");
        } catch (UserPrincipalNotFoundException e) {
            assumeTrue(false, "needs the aegir system user and group");
            return;
        }
        Path outside = Files.writeString(dir.resolve("root-only.txt"), "root's");

        Path top = extractor.extract(drupalOrgLikeRelease(), staging(), "drush", aegir, group);

        List<Path> entries;
        try (var walk = Files.walk(top)) {
            entries = walk.toList();
        }
        assertThat(entries).hasSizeGreaterThan(10);
        for (Path p : entries) {
            assertThat(Files.getOwner(p, LinkOption.NOFOLLOW_LINKS))
                    .as(p.toString())
                    .isEqualTo(aegir);
            assertThat(Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .group())
                    .as(p.toString())
                    .isEqualTo(group);
        }
        assertThat(Files.getOwner(outside).getName()).isEqualTo("root");
        assertThat(Files.getOwner(dir.resolve("drush-7.x-4.4.tar.gz")).getName())
                .isEqualTo("root");
        assertThat(mode(top.resolve("drush"))).isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(top.resolve("commands"))).isEqualTo(TarGz.TIME);
    }

    @Test
    void modesDoNotDependOnTheProcessUmask() throws Exception {
        Path archive = drupalOrgLikeRelease();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        assumeTrue(Files.isExecutable(Paths.get("/bin/sh")), "needs /bin/sh to set a umask");
        Process process = new ProcessBuilder(
                        "/bin/sh",
                        "-c",
                        "umask 077 && exec \"$0\" -cp \"$1\" \"$2\" \"$3\" \"$4\"",
                        java.toString(),
                        System.getProperty("java.class.path"),
                        UmaskChild.class.getName(),
                        archive.toString(),
                        staging().toString())
                .redirectErrorStream(true)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("umask probe file mode: rw-------");
        Path top = staging().resolve("drush");
        assertThat(mode(staging())).isEqualTo("rwxr-xr-x");
        assertThat(mode(top)).isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("includes/deep"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(top.resolve("README.txt"))).isEqualTo("rw-r--r--");
        assertThat(mode(top.resolve("drush"))).isEqualTo("rwxr-xr-x");
        assertThat(Files.getLastModifiedTime(top.resolve("commands"))).isEqualTo(TarGz.TIME);
    }

    /** Runs the extractor in a JVM started with umask 077. */
    public static final class UmaskChild {
        public static void main(String[] args) throws Exception {
            Path probe = Files.createTempFile("umask", ".probe");
            Files.delete(probe);
            Files.newOutputStream(probe).close();
            System.out.println(
                    "umask probe file mode: " + PosixFilePermissions.toString(Files.getPosixFilePermissions(probe)));
            Files.delete(probe);
            new SafeExtractor().extract(Paths.get(args[0]), Paths.get(args[1]), "drush");
        }
    }

    @Test
    void emptyExistingStagingDirectoryIsUsed() throws Exception {
        Files.createDirectories(staging());
        assertThat(extractor.extract(drupalOrgLikeRelease(), staging(), "drush"))
                .isDirectory();
    }

    @Test
    void nonEmptyStagingDirectoryIsRefusedAndKept() throws Exception {
        Files.createDirectories(staging());
        Files.writeString(staging().resolve("leftover"), "x");
        assertThatThrownBy(() -> extractor.extract(drupalOrgLikeRelease(), staging(), "drush"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(staging() + " is not empty")
                .hasMessageContaining("Remove it");
        assertThat(staging().resolve("leftover")).exists();
    }

    // ---- hostile archives: one test per kind ------------------------------------------------------------

    @Test
    void absolutePath() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).file("/tmp/aegir-absolute-test", "x", 0644));
        assertRefused(archive, "/tmp/aegir-absolute-test", "is an absolute path");
        assertThat(Paths.get("/tmp/aegir-absolute-test")).doesNotExist();
    }

    @Test
    void dotDotEscape() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).file("drush/../../escaped.txt", "x", 0644));
        assertRefused(archive, "drush/../../escaped.txt", "contains a \"..\" component");
        assertThat(dir.resolve("escaped.txt")).doesNotExist();
        assertThat(dir.resolve("work/escaped.txt")).doesNotExist();
    }

    @Test
    void dotDotThatStaysInsideIsRefusedToo() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).file("drush/a/../b.txt", "x", 0644));
        assertRefused(archive, "drush/a/../b.txt", "\"..\"");
    }

    @Test
    void symlinkOutOfTheTree() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).symlink("drush/out", "../../.."));
        assertRefused(archive, "drush/out", "leads outside the top-level directory drush/");
    }

    @Test
    void symlinkToTheStagingDirectoryAboveTheTopIsRefused() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).symlink("drush/up", "../drush/x"));
        assertRefused(archive, "drush/up", "leads outside the top-level directory");
    }

    @Test
    void absoluteSymlink() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).symlink("drush/passwd", "/etc/passwd"));
        assertRefused(archive, "drush/passwd", "symbolic link to the absolute path /etc/passwd");
    }

    @Test
    void symlinkEscapingThroughAnotherSymlink() throws Exception {
        // As text, drush/p/q/y/../../../z normalizes to drush/z, inside. But y is a link to drush itself, so
        // the kernel climbs three levels above drush/: a check on the normalized text alone would let it pass.
        Path archive = archive(t ->
                t.dir("drush/p/q", 0755).symlink("drush/p/q/x", "y/../../../z").symlink("drush/p/q/y", "../.."));
        assertThat(Paths.get("/drush/p/q/y/../../../z").normalize()).isEqualTo(Paths.get("/drush/z"));
        assertRefused(archive, "drush/p/q/x", "leads outside the top-level directory");
    }

    @Test
    void symlinkEscapingThroughALinkDefinedLater() throws Exception {
        Path archive = archive(
                t -> t.dir("drush/p/q", 0755).symlink("drush/p/q/y", "../..").symlink("drush/p/q/x", "y/../../../z"));
        assertRefused(archive, "drush/p/q/x", "leads outside the top-level directory");
    }

    @Test
    void writingThroughASymlink() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Path archive =
                archive(t -> t.dir("drush", 0755).symlink("drush/sub", ".").file("drush/sub/planted.txt", "x", 0644));
        assertRefused(archive, "drush/sub/planted.txt", "would be written through the symbolic link drush/sub");
        try (var files = Files.list(outside)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void symlinkThenDirectoryOfTheSameName() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).symlink("drush/sub", ".").dir("drush/sub", 0755));
        assertRefused(archive, "drush/sub/", "appears twice");
    }

    @Test
    void fileThenSymlinkOfTheSameName() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).file("drush/x", "x", 0644).symlink("drush/x", "y"));
        assertRefused(archive, "drush/x", "appears twice");
    }

    @Test
    void symlinkLoop() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).symlink("drush/a", "b/x").symlink("drush/b", "a/y"));
        assertRefused(archive, "drush/a", "loop");
    }

    @Test
    void hardLink() throws Exception {
        Path archive = archive(t ->
                t.dir("drush", 0755).file("drush/a", "x", 0644).special("drush/b", TarConstants.LF_LINK, "drush/a"));
        assertRefused(archive, "drush/b", "is a hard link");
    }

    @Test
    void characterDevice() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).special("drush/null", TarConstants.LF_CHR, null));
        assertRefused(archive, "drush/null", "is a character device");
    }

    @Test
    void blockDevice() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).special("drush/sda", TarConstants.LF_BLK, null));
        assertRefused(archive, "drush/sda", "is a block device");
    }

    @Test
    void fifo() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).special("drush/pipe", TarConstants.LF_FIFO, null));
        assertRefused(archive, "drush/pipe", "is a FIFO");
    }

    @Test
    void unknownEntryType() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).special("drush/odd", (byte) 'Q', null));
        assertRefused(archive, "drush/odd", "unsupported tar entry type 'Q'");
    }

    @Test
    void twoTopLevelDirectories() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).file("drush/a", "x", 0644).file("extra/b", "x", 0644));
        assertRefused(archive, "extra/b", "outside the top-level directory drush/");
    }

    @Test
    void topLevelDirectoryWithTheWrongName() throws Exception {
        Path archive = archive(t -> t.dir("drupal-6.20", 0755).file("drupal-6.20/index.php", "x", 0644));
        assertRefused(archive, "drupal-6.20/", "outside the top-level directory drush/");
    }

    @Test
    void fileAtTheTopLevel() throws Exception {
        Path archive = archive(t -> t.file("README.txt", "x", 0644).dir("drush", 0755));
        assertRefused(archive, "README.txt", "outside the top-level directory drush/");
    }

    @Test
    void topLevelSymlink() throws Exception {
        Path archive = archive(t -> t.symlink("drush", "/"));
        assertRefused(archive, "drush", "is the top-level drush itself but not a directory");
    }

    @Test
    void noTopLevelDirectoryAtAll() throws Exception {
        Path archive = archive(t -> {});
        assertRefused(archive, "(none)", "has no drush/ directory");
    }

    @Test
    void duplicateFile() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).file("drush/a", "first", 0644).file("drush/a", "second", 0644));
        assertRefused(archive, "drush/a", "appears twice");
    }

    @Test
    void fileThenDirectoryOfTheSameName() throws Exception {
        Path archive =
                archive(t -> t.dir("drush", 0755).file("drush/a", "x", 0644).file("drush/a/b", "x", 0644));
        assertRefused(archive, "drush/a/b", "clashes with another entry");
    }

    @Test
    void tooManyEntries() throws Exception {
        Path archive = archive(t -> {
            t.dir("drush", 0755);
            for (int i = 0; i < 10; i++) {
                t.file("drush/f" + i, "x", 0644);
            }
        });
        assertRefused(
                new SafeExtractor(new SafeExtractor.Limits(10, 1 << 20, 1 << 20)),
                archive,
                "drush/f9",
                "one entry too many: the limit is 10 entries");
    }

    @Test
    void tooManyBytesInAll() throws Exception {
        Path archive = archive(
                t -> t.dir("drush", 0755).file("drush/a", new byte[600], 0644).file("drush/b", new byte[600], 0644));
        assertRefused(
                new SafeExtractor(new SafeExtractor.Limits(100, 1000, 1000)),
                archive,
                "drush/b",
                "past the limit of 1000 unpacked bytes");
    }

    @Test
    void oneFileTooBig() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).file("drush/big", new byte[2000], 0644));
        assertRefused(
                new SafeExtractor(new SafeExtractor.Limits(100, 1 << 20, 1000)),
                archive,
                "drush/big",
                "larger than the limit of 1000 bytes for one file");
    }

    @Test
    void compressionBombIsStoppedByCountingUnpackedBytes() throws Exception {
        Path archive = archive(t -> t.dir("drush", 0755).zeros("drush/bomb", 50L << 20));
        assertThat(Files.size(archive))
                .as("50 MiB of zeros compress to almost nothing")
                .isLessThan(200_000);
        assertRefused(
                new SafeExtractor(new SafeExtractor.Limits(100, 4 << 20, 1L << 30)),
                archive,
                "drush/bomb",
                "past the limit of 4194304 unpacked bytes");
    }

    @Test
    void tarHeadersAloneCannotBalloonPastTheUnpackedLimit() throws Exception {
        // 2 MiB of PAX header and no content: only the count of every unpacked byte stops it
        Path archive = archive(t -> t.dir("drush", 0755).withPaxComment("drush/a", 2 << 20));
        long streamLimit = 1000 + 1024 * 100 + (1 << 20);
        assertRefused(
                new SafeExtractor(new SafeExtractor.Limits(100, 1000, 1000)),
                archive,
                "(headers)",
                "past the limit of " + streamLimit + " unpacked bytes (including tar headers)");
    }

    @Test
    void removingAStagingTreeNeverFollowsItsLinks() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "someone else's");
        Path tree = Files.createDirectories(staging().resolve("drush/sub"));
        Files.createSymbolicLink(tree.resolve("to-outside"), outside);
        Files.createSymbolicLink(tree.resolve("dangling"), dir.resolve("nowhere"));
        Files.writeString(tree.resolve("read-only.txt"), "x");
        Files.setPosixFilePermissions(tree.resolve("read-only.txt"), PosixFilePermissions.fromString("r--r--r--"));

        SafeExtractor.deleteTree(staging());

        assertThat(staging()).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("someone else's");
    }

    @Test
    void notAGzipFile() throws Exception {
        Path archive = Files.writeString(dir.resolve("drush-7.x-4.4.tar.gz"), "<html>404 Not Found</html>");
        assertThatThrownBy(() -> extractor.extract(archive, staging(), "drush"))
                .isInstanceOf(UserFixableException.class)
                .isNotInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining(archive.toString())
                .hasMessageContaining("damaged or not a .tar.gz")
                .hasMessageContaining("Nothing was installed");
        assertThat(staging()).doesNotExist();
    }

    @Test
    void truncatedArchive() throws Exception {
        Path whole = drupalOrgLikeRelease();
        byte[] bytes = Files.readAllBytes(whole);
        Path archive = Files.write(dir.resolve("truncated.tar.gz"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> extractor.extract(archive, staging(), "drush"))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("damaged or not a .tar.gz");
        assertThat(staging()).doesNotExist();
    }

    @Test
    void fullDiskCleansUpAndSaysSo() throws Exception {
        Path full = Paths.get("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full (Linux) to produce a real 'No space left on device'");
        SafeExtractor failing = new SafeExtractor(
                SafeExtractor.Limits.DEFAULT,
                (path, options, attributes) -> path.getFileName().toString().equals("drush.php")
                        ? FileChannel.open(full, StandardOpenOption.WRITE)
                        : FileChannel.open(path, options, attributes));
        assertThatThrownBy(() -> failing.extract(drupalOrgLikeRelease(), staging(), "drush"))
                .isInstanceOf(LocalWriteException.class)
                .hasMessageContaining("Could not write " + staging().resolve("drush/drush.php"))
                .hasMessageContaining("No space left on device")
                .hasMessageContaining("The disk is full")
                .hasMessageContaining("Nothing was installed");
        assertThat(staging()).doesNotExist();
        assertThat(dir.resolve("work")).isEmptyDirectory();
    }

    @Test
    void missingArchive() {
        assertThatThrownBy(() -> extractor.extract(dir.resolve("nope.tar.gz"), staging(), "drush"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Cannot read the archive " + dir.resolve("nope.tar.gz"));
        assertThat(staging()).doesNotExist();
    }

    @Test
    void largeFileIsStreamed() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(3).nextBytes(content);
        Path archive = archive(t -> t.dir("drush", 0755).file("drush/big.bin", content, 0644));
        Path top = extractor.extract(archive, staging(), "drush");
        assertThat(top.resolve("big.bin")).hasBinaryContent(content);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    interface Entries {
        void add(TarGz tar) throws IOException;
    }

    private Path archive(Entries entries) throws IOException {
        Path archive = dir.resolve("hostile.tar.gz");
        try (TarGz tar = new TarGz(archive)) {
            entries.add(tar);
        }
        return archive;
    }

    private void assertRefused(Path archive, String entry, String rule) {
        assertRefused(extractor, archive, entry, rule);
    }

    private void assertRefused(SafeExtractor with, Path archive, String entry, String rule) {
        assertThatThrownBy(() -> with.extract(archive, staging(), "drush"))
                .isInstanceOf(UnsafeArchiveException.class)
                .hasMessageContaining("Refusing to extract " + archive)
                .hasMessageContaining("entry \"" + entry + "\"")
                .hasMessageContaining(rule)
                .hasMessageContaining("Nothing was installed")
                .satisfies(e -> assertThat(((UnsafeArchiveException) e).entry()).isEqualTo(entry));
        assertThat(staging()).as("staging directory removed").doesNotExist();
        assertThat(Files.exists(staging(), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("inflating thread stopped")
                .noneMatch(t -> t.getName().startsWith("aegir-inflate"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("nothing written beside the archive")
                    .isSubsetOf(List.of("hostile.tar.gz", "work", "outside", "drush-7.x-4.4.tar.gz"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }
}
