package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TarballBuilderTest {

    @TempDir
    Path temp;

    record Entry(TarArchiveEntry header, byte[] content) {
        String name() {
            return header.getName();
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static List<Entry> entries(Path tarball) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                entries.add(new Entry(
                        entry, entry.isFile() && entry.getSize() < (1 << 20) ? tar.readAllBytes() : new byte[0]));
            }
        }
        return entries;
    }

    static Entry entry(List<Entry> entries, String name) {
        return entries.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry " + name + " in "
                        + entries.stream().map(Entry::name).toList()));
    }

    static Stream<Release> releases() {
        return ReleaseCatalog.ALL.stream();
    }

    @Test
    void twoBuildsAreByteIdenticalWhateverTheSourceTimesAndGroupBits() throws IOException {
        Path copy = temp.resolve("sources");
        copyTree(TestReleases.SOURCES, copy);
        try (Stream<Path> walk = Files.walk(copy)) {
            for (Path p : walk.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2030-01-02T03:04:05Z")));
                Modes.set(p, Modes.of(p) | 0020);
            }
        }
        Map<String, String> first = ReleaseCatalog.buildAll(TestReleases.SOURCES, temp.resolve("one"));
        Map<String, String> second = ReleaseCatalog.buildAll(copy, temp.resolve("two"));

        assertThat(second).isEqualTo(first).hasSize(6);
        for (Release release : ReleaseCatalog.ALL) {
            assertThat(Files.readAllBytes(temp.resolve("two").resolve(release.fileName())))
                    .as(release.fileName())
                    .isEqualTo(Files.readAllBytes(temp.resolve("one").resolve(release.fileName())));
        }
        assertThat(Files.readString(temp.resolve("one/SHA256SUMS")))
                .isEqualTo(Files.readString(temp.resolve("two/SHA256SUMS")));
    }

    @Test
    void sumsAndLockFileMatchTheTarballs() throws IOException {
        Map<String, String> sums = ReleaseCatalog.buildAll(TestReleases.SOURCES, temp);
        for (Release release : ReleaseCatalog.ALL) {
            assertThat(sums.get(release.fileName())).isEqualTo(Sha256.of(temp.resolve(release.fileName())));
        }
        List<String> sumLines = Files.readAllLines(temp.resolve(ReleaseCatalog.SHA256SUMS));
        assertThat(sumLines)
                .hasSize(6)
                .contains(sums.get("provision-6.x-1.0-rc3.tar.gz") + "  provision-6.x-1.0-rc3.tar.gz");
        List<String> lock = Files.readAllLines(temp.resolve(ReleaseCatalog.LOCK_FILE)).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(lock)
                .containsExactly(
                        "drush 7.x-4.4 sha256:" + sums.get("drush-7.x-4.4.tar.gz") + " size:"
                                + Files.size(temp.resolve("drush-7.x-4.4.tar.gz")),
                        "drush_make 6.x-2.2 sha256:" + sums.get("drush_make-6.x-2.2.tar.gz") + " size:"
                                + Files.size(temp.resolve("drush_make-6.x-2.2.tar.gz")),
                        "provision 6.x-1.0-rc3 sha256:" + sums.get("provision-6.x-1.0-rc3.tar.gz") + " size:"
                                + Files.size(temp.resolve("provision-6.x-1.0-rc3.tar.gz")));
    }

    @ParameterizedTest
    @MethodSource("releases")
    void layoutIsDrupalOrgs(Release release) throws IOException {
        List<Entry> entries = entries(TestReleases.tarball(release));
        String top = release.project() + "/";

        assertThat(entries.get(0).name()).isEqualTo(top);
        assertThat(entries.get(0).header().getMode()).isEqualTo(0755);
        List<String> names = entries.stream().map(Entry::name).toList();
        assertThat(names).allMatch(n -> n.startsWith(top)).isSorted().doesNotHaveDuplicates();
        for (Entry e : entries) {
            TarArchiveEntry h = e.header();
            assertThat(h.getLongUserId()).as(e.name()).isZero();
            assertThat(h.getLongGroupId()).as(e.name()).isZero();
            assertThat(h.getUserName()).isEqualTo("root");
            assertThat(h.getGroupName()).isEqualTo("root");
            assertThat(h.getModTime().toInstant()).isEqualTo(Instant.ofEpochSecond(release.datestamp()));
            assertThat(h.isDirectory() || h.isFile()).as(e.name()).isTrue();
            if (h.isDirectory() && !e.name().equals(top)) {
                assertThat(h.getMode()).as(e.name()).isEqualTo(0775);
            }
            if (h.isFile()) {
                boolean executable = e.name().equals("drush/drush") || e.name().equals("drush/drush.php");
                assertThat(h.getMode()).as(e.name()).isEqualTo(executable ? 0775 : 0664);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("releases")
    void everyInfoFileEndsWithThePackagingBlock(Release release) throws IOException {
        List<Entry> infos = entries(TestReleases.tarball(release)).stream()
                .filter(e -> e.name().endsWith(".info"))
                .toList();
        if (release.project().equals("drush_make")) {
            assertThat(infos).as("drush_make 6.x-2.x has no .info file").isEmpty();
            return;
        }
        assertThat(infos).isNotEmpty();
        for (Entry info : infos) {
            assertThat(info.text())
                    .as(info.name())
                    .endsWith("\n; Information added by drupal.org packaging script on " + release.packagingDay() + "\n"
                            + "version = \"" + release.version() + "\"\n"
                            + "core = \"" + release.core() + "\"\n"
                            + "project = \"" + release.project() + "\"\n"
                            + "datestamp = \"" + release.datestamp() + "\"\n\n");
        }
    }

    @Test
    void versionsAreWhereThePluginLooksForThem() throws IOException {
        assertThat(entry(entries(TestReleases.tarball(ReleaseCatalog.DRUSH_NEW)), "drush/drush.info")
                        .text())
                .startsWith("drush_version=4.4\n");
        assertThat(entry(entries(TestReleases.tarball(ReleaseCatalog.DRUSH_OLD)), "drush/drush.info")
                        .text())
                .startsWith("drush_version=4.2\n");
        assertThat(entry(entries(TestReleases.tarball(ReleaseCatalog.DRUSH_NEW)), "drush/drush.info")
                        .header()
                        .getSize())
                .as("size of drush.info in the real drush-7.x-4.4 tarball")
                .isEqualTo(161);

        String provisionInfo = entry(
                        entries(TestReleases.tarball(ReleaseCatalog.PROVISION_NEW)), "provision/provision.info")
                .text();
        assertThat(provisionInfo).contains("version=0.4\n");
        assertThat(lastVersion(provisionInfo)).isEqualTo("6.x-1.0-rc3");
        assertThat(lastVersion(
                        entry(entries(TestReleases.tarball(ReleaseCatalog.PROVISION_OLD)), "provision/provision.info")
                                .text()))
                .isEqualTo("6.x-1.0-rc2");

        assertThat(entry(
                                entries(TestReleases.tarball(ReleaseCatalog.DRUSH_MAKE_NEW)),
                                "drush_make/drush_make.drush.inc")
                        .text())
                .contains("function drush_make_version() {\n  return '2.2';\n}");
        // drush_make 6.x-2.1 really reports 2.0-dev (DOMAIN.md section 8).
        assertThat(entry(
                                entries(TestReleases.tarball(ReleaseCatalog.DRUSH_MAKE_OLD)),
                                "drush_make/drush_make.drush.inc")
                        .text())
                .contains("function drush_make_version() {\n  return '2.0-dev';\n}");
    }

    /** The last "version" assignment of an .info text, as drush and the plugin read it. */
    static String lastVersion(String info) {
        String version = null;
        for (String line : info.split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && kv[0].trim().equals("version")) {
                version = kv[1].trim().replace("\"", "");
            }
        }
        return version;
    }

    @Test
    void gzipHeaderHasNoTimeAndNoName() throws IOException {
        for (Release release : ReleaseCatalog.ALL) {
            byte[] bytes = Files.readAllBytes(TestReleases.tarball(release));
            assertThat(bytes[0] & 0xff).isEqualTo(0x1f);
            assertThat(bytes[1] & 0xff).isEqualTo(0x8b);
            assertThat(bytes[3]).as("FLG: no FNAME, FCOMMENT, FEXTRA").isZero();
            assertThat(new byte[] {bytes[4], bytes[5], bytes[6], bytes[7]})
                    .as("MTIME")
                    .containsOnly(0);
            assertThat(bytes[9]).as("OS: Unix").isEqualTo((byte) 3);
        }
    }

    @Test
    void everyPhpFileOfTheStandInSaysItIsATestDouble() throws IOException {
        try (Stream<Path> walk = Files.walk(TestReleases.SOURCES)) {
            List<Path> php = walk.filter(
                            p -> p.toString().endsWith(".php") || p.toString().endsWith(".inc"))
                    .toList();
            assertThat(php).hasSizeGreaterThan(10);
            for (Path file : php) {
                String text = Files.readString(file);
                if (text.startsWith("#!")) {
                    text = text.substring(text.indexOf('\n') + 1);
                }
                assertThat(text).as(file.toString()).startsWith("<?php\n/**");
                String firstComment = text.substring(0, text.indexOf("*/"));
                assertThat(firstComment)
                        .as(file.toString())
                        .contains("TEST DOUBLE")
                        .contains("aegir-maven-plugin");
            }
        }
    }

    @Test
    void oldAndNewSourcesDifferOnlyInTheirVersions() throws IOException {
        assertSameBut(ReleaseCatalog.DRUSH_OLD, ReleaseCatalog.DRUSH_NEW, "drush_version=4.2", "drush_version=4.4");
        assertSameBut(ReleaseCatalog.PROVISION_OLD, ReleaseCatalog.PROVISION_NEW, "\"6.x-1.0-rc2\"", "\"6.x-1.0-rc3\"");
        assertSameBut(
                ReleaseCatalog.DRUSH_MAKE_OLD, ReleaseCatalog.DRUSH_MAKE_NEW, "return '2.0-dev';", "return '2.2';");
    }

    @Test
    void noDrushReleaseContainsTableInc() throws IOException {
        // table.inc is in drush's .gitignore: release tarballs never contain it (DOMAIN.md section 8).
        for (Release release : List.of(ReleaseCatalog.DRUSH_OLD, ReleaseCatalog.DRUSH_NEW)) {
            assertThat(entries(TestReleases.tarball(release)))
                    .extracting(Entry::name)
                    .contains("drush/includes/environment.inc")
                    .doesNotContain("drush/includes/table.inc");
        }
    }

    private void assertSameBut(Release old, Release now, String oldMarker, String newMarker) throws IOException {
        Path a = TestReleases.SOURCES.resolve(old.id());
        Path b = TestReleases.SOURCES.resolve(now.id());
        List<String> filesA = relativeFiles(a);
        assertThat(filesA).isEqualTo(relativeFiles(b));
        int differing = 0;
        for (String file : filesA) {
            String textA = Files.readString(a.resolve(file));
            String textB = Files.readString(b.resolve(file));
            if (!textA.equals(textB)) {
                differing++;
                assertThat(textA.replace(oldMarker, newMarker)).as(file).isEqualTo(textB);
            }
            assertThat(Modes.of(a.resolve(file)) & 0100).as(file).isEqualTo(Modes.of(b.resolve(file)) & 0100);
        }
        assertThat(differing).isEqualTo(1);
    }

    private static List<String> relativeFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void sourcesWithASecondTopDirectoryAreRefused() throws IOException {
        Path source = temp.resolve("drush-7.x-4.4");
        Files.createDirectories(source.resolve("drush"));
        Files.writeString(source.resolve("drush/drush.info"), "drush_version=4.4\n");
        Files.createDirectories(source.resolve("extra"));
        assertThatThrownBy(() -> TarballBuilder.build(source, ReleaseCatalog.DRUSH_NEW, temp.resolve("out.tar.gz")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("must hold exactly one directory named 'drush'")
                .hasMessageContaining("[drush, extra]");
    }

    @ParameterizedTest
    @EnumSource(Hostility.class)
    void hostileVariantsKeepTheGoodEntriesAndAddTheirOwn(Hostility kind) throws IOException {
        Path good = TestReleases.tarball(ReleaseCatalog.PROVISION_NEW);
        Path bad = TarballBuilder.hostile(good, kind, 5_000_000, temp.resolve("hostile.tar.gz"));
        List<Entry> goodEntries = entries(good);
        List<Entry> badEntries = entries(bad);
        List<String> goodNames = goodEntries.stream().map(Entry::name).toList();
        List<String> badNames = badEntries.stream().map(Entry::name).toList();
        if (kind == Hostility.WRONG_TOP_DIR) {
            assertThat(badNames).hasSameSizeAs(goodNames).allMatch(n -> n.startsWith("provision-master/"));
            return;
        }
        assertThat(badNames).containsAll(goodNames);
        List<Entry> added =
                badEntries.stream().filter(e -> !goodNames.contains(e.name())).toList();
        assertThat(added).isNotEmpty();
        Entry first = added.get(0);
        switch (kind) {
            case DOT_DOT -> assertThat(first.name()).isEqualTo("provision/../../aegir-hostile-dot-dot.txt");
            case ABSOLUTE_PATH -> assertThat(first.name()).isEqualTo("/tmp/aegir-hostile-absolute-path.txt");
            case SYMLINK_OUT -> {
                assertThat(first.header().isSymbolicLink()).isTrue();
                assertThat(first.header().getLinkName()).startsWith("../../");
                assertThat(added.get(1).name()).isEqualTo("provision/escape/aegir-hostile-through-symlink.txt");
            }
            case SYMLINK_ABSOLUTE -> assertThat(first.header().getLinkName()).isEqualTo("/etc");
            case HARD_LINK -> {
                assertThat(first.header().isLink()).isTrue();
                assertThat(goodNames).contains(first.header().getLinkName());
            }
            case HARD_LINK_OUT ->
                assertThat(first.header().isLink()
                                && first.header().getLinkName().equals("/etc/passwd"))
                        .isTrue();
            case CHAR_DEVICE -> assertThat(first.header().isCharacterDevice()).isTrue();
            case BLOCK_DEVICE -> assertThat(first.header().isBlockDevice()).isTrue();
            case FIFO -> assertThat(first.header().isFIFO()).isTrue();
            case SETUID -> assertThat(first.header().getMode() & 07000).isEqualTo(06000);
            case TWO_TOP_DIRS -> assertThat(first.name()).isEqualTo("extra-provision/");
            case BOMB -> {
                assertThat(first.header().getSize()).isEqualTo(5_000_000);
                assertThat(Files.size(bad)).isLessThan(Files.size(good) + 100_000);
            }
            default -> throw new AssertionError(kind);
        }
    }

    @Test
    void theFatalVariantDeclaresTheSameVersionButDiesWhenRun() throws IOException, InterruptedException {
        Path good = TestReleases.tarball(ReleaseCatalog.DRUSH_NEW);
        Path bad = TarballBuilder.fatal(good, temp.resolve("drush-7.x-4.4.tar.gz"));
        List<Entry> goodEntries = entries(good);
        List<Entry> badEntries = entries(bad);
        assertThat(badEntries.stream().map(Entry::name))
                .containsExactlyElementsOf(goodEntries.stream().map(Entry::name).toList());
        for (Entry e : badEntries) {
            Entry before = entry(goodEntries, e.name());
            if (e.name().equals("drush/drush.php")) {
                assertThat(e.text())
                        .startsWith("#!/usr/bin/env"
                                + " php\n<?php\naegir_harness_broken_release_calls_an_undefined_function();")
                        .endsWith(before.text().substring(before.text().indexOf("<?php\n") + 6));
            } else {
                assertThat(e.content()).as(e.name()).isEqualTo(before.content());
            }
            assertThat(e.header().getMode())
                    .as(e.name())
                    .isEqualTo(before.header().getMode());
        }
        assertThat(entry(badEntries, "drush/drush.info").text()).contains("version = \"7.x-4.4\"");

        org.junit.jupiter.api.Assumptions.assumeTrue(Host.whyNoPhp().isEmpty(), "needs php to run the broken drush");
        Path tree = temp.resolve("tree");
        Files.createDirectories(tree);
        Sandbox.extract(bad, tree);
        Process php = new ProcessBuilder("php", tree.resolve("drush/drush.php").toString(), "--version")
                .redirectErrorStream(true)
                .start();
        String out = new String(php.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(php.waitFor()).isEqualTo(255);
        assertThat(out)
                .contains("Call to undefined function aegir_harness_broken_release_calls_an_undefined_function()");
    }

    @Test
    void theFatalVariantOfProvisionBreaksItsDrushCommandFile() throws IOException {
        Path bad = TarballBuilder.fatal(
                TestReleases.tarball(ReleaseCatalog.PROVISION_NEW), temp.resolve("provision.tar.gz"));
        assertThat(entry(entries(bad), "provision/provision.drush.inc").text())
                .contains("<?php\naegir_harness_broken_release_calls_an_undefined_function();");
    }

    @Test
    void theDefaultBombIsOverAGibibyteYetSmallOnTheWire() throws IOException {
        Path bad = TarballBuilder.hostile(
                TestReleases.tarball(ReleaseCatalog.DRUSH_NEW), Hostility.BOMB, temp.resolve("bomb.tar.gz"));
        Entry bomb = entry(entries(bad), "drush/bomb.bin");
        assertThat(bomb.header().getSize()).isEqualTo((1L << 30) + 1);
        assertThat(Files.size(bad)).isLessThan(8L << 20);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
