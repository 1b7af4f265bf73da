package io.github.aegirmaven.aegir.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.aegirmaven.aegir.archive.SafeExtractor;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.DrushRunner;
import io.github.aegirmaven.aegir.drush.PhpIncludePath;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.LockEntry;
import io.github.aegirmaven.aegir.release.LockFile;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.ReleaseResolver;
import io.github.aegirmaven.aegir.release.Sha256;
import io.github.aegirmaven.aegir.release.UrlTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend procedure against a real Aegir home on disk, real tar.gz releases behind {@code file:} URLs, and a
 * tiny PHP drush run by real php as the current user (standing in for the aegir user).
 */
class BackendUpgradeTest {

    /**
     * A minimal drush.php: {@code --version} from drush.info; {@code help X} only when provision is installed. Each
     * call is noted, one line of arguments, in {@code drush-calls} beside the home (outside it).
     */
    private static final String DRUSH_PHP = String.join(
            "\n",
            "<?php",
            "// Test double of drush for BackendUpgradeTest: --version and help only.",
            "$info = parse_ini_file(__DIR__ . '/drush.info');",
            "$args = array_slice($argv, 1);",
            "if (isset($args[0]) && strpos($args[0], '--php=') === 0) { array_shift($args); }",
            "file_put_contents(dirname(__DIR__, 2) . '/drush-calls', implode(' ', $args) . \"\\n\", FILE_APPEND);",
            "if ($args === array('--version')) { echo 'drush version ' . $info['drush_version'] . \"\\n\"; exit(0); }",
            "if (count($args) == 2 && $args[0] === 'help') {",
            "  if (is_file(getenv('HOME') . '/.drush/provision/provision.drush.inc')) { echo $args[1] ."
                    + " \"\\n\"; exit(0); }",
            "  fwrite(STDERR, \"The drush command '\" . $args[1] . \"' could not be found.\\n\"); exit(1);",
            "}",
            "exit(1);",
            "");

    /** What drush 4 fetched once into drush/includes/table.inc (a stand-in for PEAR's Console_Table). */
    private static final String TABLE_INC = "<?php\n// Test stand-in for PEAR Console_Table.\nclass Console_Table {}\n";

    @TempDir
    Path temp;

    /** What the configured PHP says about Console/Table.php; the real php is never asked for it in these tests. */
    private PhpIncludePath.Lookup includePath = new PhpIncludePath.Lookup(".:/usr/share/php", Optional.empty());

    private final List<String> probed = new ArrayList<>();

    private Path releases;
    private AegirHome home;
    private final List<String> lines = new ArrayList<>();
    private final String me = System.getProperty("user.name");

    @BeforeEach
    void oldReleaseInstalled() throws Exception {
        assumeTrue(phpAvailable(), "php (Debian php-cli) is not installed: the backend check runs drush.php with it");
        releases = Files.createDirectories(temp.resolve("releases"));
        Path root = Files.createDirectories(temp.resolve("aegir"));
        home = AegirHome.at(root);
        write(root.resolve("drush/drush.php"), DRUSH_PHP);
        write(root.resolve("drush/drush.info"), "drush_version=4.2\n");
        write(root.resolve("drush/includes/table.inc"), TABLE_INC);
        write(root.resolve(".drush/provision/provision.info"), "version=0.4\nversion = \"6.x-1.0-rc2\"\n");
        write(root.resolve(".drush/provision/provision.drush.inc"), "<?php\n");
        write(
                root.resolve(".drush/drush_make/drush_make.drush.inc"),
                "<?php\nfunction drush_make_version() {\n  return '2.1';\n}\n");
        release("drush", "7.x-4.4", Map.of("drush.php", DRUSH_PHP, "drush.info", "drush_version=4.4\n"));
        release(
                "provision",
                "6.x-1.0-rc3",
                Map.of("provision.info", "version=0.4\nversion = \"6.x-1.0-rc3\"\n", "provision.drush.inc", "<?php\n"));
        release(
                "drush_make",
                "6.x-2.2",
                Map.of("drush_make.drush.inc", "<?php\nfunction drush_make_version() {\n  return '2.2';\n}\n"));
    }

    @Test
    void replacesTheThreeComponentsAndKeepsTheOldOnesInABackupSet() throws Exception {
        Map<String, String> before = tree(home.root());
        BackendUpgrade.Outcome outcome = upgrade(LockFile.empty());

        InstalledVersions.Installed now = InstalledVersions.read(home);
        assertThat(now.drush()).contains("4.4");
        assertThat(now.provision()).contains("6.x-1.0-rc3");
        assertThat(now.drushMake()).contains("2.2");
        assertThat(outcome.installed())
                .extracting(Release::toString)
                .containsExactly("drush-7.x-4.4", "provision-6.x-1.0-rc3", "drush_make-6.x-2.2");
        BackupSet set = outcome.backupSet().orElseThrow();
        assertThat(set.name()).matches("pre-upgrade-\\d{4}-\\d{2}-\\d{2}-\\d{6}");
        assertThat(Files.readString(set.dir().resolve("drush/drush.info"))).isEqualTo(before.get("drush/drush.info"));
        assertThat(Files.readString(set.dir().resolve("provision/provision.info")))
                .isEqualTo(before.get(".drush/provision/provision.info"));
        assertThat(InstallRecord.read(home).get("provision"))
                .hasValueSatisfying(e -> assertThat(e.release()).isEqualTo("6.x-1.0-rc3"));
        assertThat(outcome.lockChanged()).isTrue();
        assertThat(outcome.lock().entries()).hasSize(3);
        assertThat(stagingLeftovers()).isEmpty();
        assertThat(Files.exists(home.journalFile())).isFalse();
        assertThat(drushCalls())
                .as("the new drush was asked for its version and for provision's command")
                .containsExactly("--version", "help hostmaster-migrate");
    }

    @Test
    void aSecondRunDoesNothingAndDownloadsNothing() throws Exception {
        LockFile lock = upgrade(LockFile.empty()).lock();
        Map<String, String> after = tree(home.root());
        for (Path archive : List.of(releases.resolve("drush-7.x-4.4.tar.gz"))) {
            Files.delete(archive); // a download would now fail
        }
        List<String> calls = drushCalls();

        BackendUpgrade.Outcome second = upgrade(lock);

        assertThat(second.changedAnything()).isFalse();
        assertThat(second.backupSet()).isEmpty();
        assertThat(tree(home.root())).isEqualTo(after);
        assertThat(drushCalls()).as("nothing to verify: drush is not run").isEqualTo(calls);
    }

    @Test
    void aChecksumMismatchChangesNothing() throws Exception {
        Map<String, String> before = tree(home.root());
        Release drush = new Release("drush", "7.x-4.4");
        LockFile lock = LockFile.empty().with(new LockEntry(drush, "0".repeat(64), 1234));

        assertThatThrownBy(() -> upgrade(lock))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("0".repeat(64))
                .hasMessageContaining(Sha256.of(releases.resolve("drush-7.x-4.4.tar.gz")));
        assertThat(tree(home.root())).isEqualTo(before);
    }

    @Test
    void aDrushThatFailsItsCheckIsRolledBack() throws Exception {
        release(
                "drush",
                "7.x-4.4",
                Map.of(
                        "drush.php",
                        "<?php\nfwrite(STDERR, \"PHP Fatal error: boom\\n\"); exit(255);\n",
                        "drush.info",
                        "drush_version=4.4\n"));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("with drush --version failed")
                .hasMessageContaining("exit code 255")
                .hasMessageContaining("PHP Fatal error: boom")
                .hasMessageContaining("old backend was put back");

        Map<String, String> after = tree(home.root());
        after.keySet().removeIf(p -> p.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void anArchiveDeclaringAnotherVersionIsRefusedBeforeAnythingMoves() throws Exception {
        release(
                "provision",
                "6.x-1.0-rc3",
                Map.of("provision.info", "version=0.4\nversion = \"6.x-1.0-rc2\"\n", "provision.drush.inc", "<?php\n"));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("expected to hold provision 6.x-1.0-rc3")
                .hasMessageContaining("version 6.x-1.0-rc2");
        Map<String, String> after = tree(home.root());
        after.keySet().removeIf(p -> p.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Map<String, String> before = tree(home.root());
        BackendUpgrade.Outcome outcome = backend().upgrade(pins(), LockFile.empty(), options(true), Optional.empty());
        assertThat(outcome.changedAnything()).isFalse();
        assertThat(tree(home.root())).isEqualTo(before);
        assertThat(drushCalls()).as("a dry run runs no drush").isEmpty();
        // the dry run's plan is its product: it names the command the real run would verify with
        assertThat(lines).anyMatch(l -> l.contains("[dry run] would verify with:") && l.contains("--version"));
    }

    @Test
    void anotherUserIsRefusedWithTheSuCommand() {
        BackendUpgrade other = new BackendUpgrade(
                home,
                resolver(),
                new SafeExtractor(),
                new DrushRunner(BuildLog.NONE, new CurrentUser("mallory", false)),
                new CurrentUser("mallory", false),
                Clock.systemUTC(),
                BuildLog.collecting(lines));
        // the aegir user must not be root (refused for that reason): nobody stands in when the tests run as root
        String aegir = "root".equals(me) ? "nobody" : me;
        BackendUpgrade.Options options =
                new BackendUpgrade.Options(aegir, "php", Duration.ofSeconds(30), false, false, 3, "mvn aegir:upgrade");
        assertThatThrownBy(() -> other.upgrade(pins(), LockFile.empty(), options, Optional.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("su -s /bin/sh " + aegir);
    }

    @Test
    void theOldTableIncIsCarriedIntoTheNewDrushAndRecorded() throws Exception {
        upgrade(LockFile.empty());

        Path carried = home.drushDir().resolve("includes/table.inc");
        assertThat(carried).hasContent(TABLE_INC);
        assertThat(Files.getPosixFilePermissions(carried)).isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(InstallRecord.read(home).get("drush").orElseThrow().carried())
                .containsExactly(
                        Map.entry("includes/table.inc", Sha256.of(TABLE_INC.getBytes(StandardCharsets.UTF_8))));
        assertThat(Files.readString(home.installRecordFile())).contains("drush.carried.includes/table.inc=");
        assertThat(probed)
                .as("the PHP is not asked when the old drush has table.inc")
                .isEmpty();
    }

    @Test
    void withNeitherTableIncNorConsoleTableOnTheIncludePathTheUpgradeIsRefusedBeforeAnythingChanges() throws Exception {
        Files.delete(home.drushDir().resolve("includes/table.inc"));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drush 7.x-4.4 (drushVersion, -Daegir.drushVersion) needs PEAR's Console_Table")
                .hasMessageContaining("(php: php, run as " + me + "; its include_path is '.:/usr/share/php')")
                .hasMessageContaining(home.drushDir().resolve("includes/table.inc") + " does not exist")
                .hasMessageContaining("Nothing was changed")
                .hasMessageContaining("php-console-table");
        assertThat(tree(home.root())).isEqualTo(before);
        assertThat(probed).containsExactly("php " + me + " Console/Table.php");

        lines.clear();
        assertThatThrownBy(() -> backend().upgrade(pins(), LockFile.empty(), options(true), Optional.empty()))
                .as("a dry run fails as the real run would")
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("php-console-table");
        assertThat(tree(home.root())).isEqualTo(before);
    }

    @Test
    void anEmptyTableIncDoesNotCount() throws Exception {
        Files.writeString(home.drushDir().resolve("includes/table.inc"), "");
        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("is empty or not a readable file");
    }

    @Test
    void withConsoleTableOnTheIncludePathNothingIsCarried() throws Exception {
        Files.delete(home.drushDir().resolve("includes/table.inc"));
        includePath = new PhpIncludePath.Lookup(".:/usr/share/php", Optional.of("/usr/share/php/Console/Table.php"));

        upgrade(LockFile.empty());

        assertThat(home.drushDir().resolve("includes/table.inc")).doesNotExist();
        assertThat(InstallRecord.read(home).get("drush").orElseThrow().carried())
                .isEmpty();
        assertThat(probed)
                .as("the PHP was asked, as the old drush has no table.inc")
                .containsExactly("php " + me + " Console/Table.php");
    }

    @Test
    void aNewDrushThatFetchesTableIncWhileCheckedIsRolledBack() throws Exception {
        Files.delete(home.drushDir().resolve("includes/table.inc"));
        includePath = new PhpIncludePath.Lookup(".:/usr/share/php", Optional.of("/usr/share/php/Console/Table.php"));
        release(
                "drush",
                "7.x-4.4",
                Map.of(
                        "drush.info",
                        "drush_version=4.4\n",
                        "drush.php",
                        DRUSH_PHP.replace(
                                "$args = array_slice",
                                "@mkdir(__DIR__ . '/includes');" + " file_put_contents(__DIR__ . '/includes/table.inc',"
                                        + " 'downloaded');\n$args = array_slice")));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("tried to download Console_Table")
                .hasMessageContaining("old backend was put back");
        Map<String, String> after = tree(home.root());
        after.keySet().removeIf(p -> p.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aDrushThatFailsItsCheckTakesTheCarriedTableIncBackOutWithIt() throws Exception {
        release("drush", "7.x-4.4", Map.of("drush.php", "<?php\nexit(1);\n", "drush.info", "drush_version=4.4\n"));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty())).isInstanceOf(UserFixableException.class);

        Map<String, String> after = tree(home.root());
        after.keySet().removeIf(p -> p.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void drushMake21IsAcceptedAsTheReleaseReportsItself() throws Exception {
        release(
                "drush_make",
                "6.x-2.1",
                Map.of("drush_make.drush.inc", "<?php\nfunction drush_make_version() {\n  return '2.0-dev';\n}\n"));
        BackendPins pins = BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.1", BuildLog.NONE);
        SwapTransaction.recover(home, BuildLog.NONE);
        LockFile lock = backend()
                .upgrade(pins, LockFile.empty(), options(false), Optional.empty())
                .lock();
        assertThat(InstalledVersions.read(home).drushMake()).contains("2.0-dev");

        lines.clear();
        BackendUpgrade.Outcome second = backend().upgrade(pins, lock, options(false), Optional.empty());
        assertThat(second.changedAnything())
                .as("drush_make 6.x-2.1 says 2.0-dev: that is it, installed")
                .isFalse();
        assertThat(second.installed()).isEmpty();
        assertThat(second.backupSet()).isEmpty();
    }

    @Test
    void aVersionOnlyLooselyLikeThePinIsRefused() throws Exception {
        release("drush", "7.x-4.4", Map.of("drush.php", DRUSH_PHP, "drush.info", "drush_version=4.4.0\n"));
        release(
                "drush_make",
                "6.x-2.1",
                Map.of("drush_make.drush.inc", "<?php\nfunction drush_make_version() {\n  return '2.1';\n}\n"));
        Map<String, String> before = tree(home.root());

        assertThatThrownBy(() -> upgrade(LockFile.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("expected to hold drush 7.x-4.4, whose files declare version 4.4, but its files"
                        + " declare version 4.4.0");
        assertThatThrownBy(() -> backend()
                        .upgrade(
                                BackendPins.of("7.x-4.2", "6.x-1.0-rc2", "6.x-2.1", BuildLog.NONE),
                                LockFile.empty(),
                                options(false),
                                Optional.empty()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("drush_make 6.x-2.1, whose files declare version 2.0-dev, but its files declare"
                        + " version 2.1");
        Map<String, String> after = tree(home.root());
        after.keySet().removeIf(p -> p.startsWith(".aegir-maven-plugin"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void pinsAreCheckedTogether() throws Exception {
        assertThatThrownBy(() -> BackendPins.of("seven", "6.x-1.0-rc3", null, BuildLog.NONE))
                .hasMessageContaining("drushVersion (-Daegir.drushVersion) is 'seven'");
        assertThatThrownBy(() -> BackendPins.of("7.x-4.4", null, null, BuildLog.NONE))
                .hasMessageContaining("aegirVersion (-Daegir.version) is not set")
                .hasMessageContaining("drushMakeVersion (-Daegir.drushMakeVersion) is not set");
        assertThatThrownBy(() -> BackendPins.of("8.4.12", "7.x-3.171", "6.x-2.2", BuildLog.NONE))
                .hasMessageContaining("is not a combination this plugin supports");
    }

    /** The arguments of each call of a drush of this test, in order. */
    private List<String> drushCalls() throws IOException {
        Path calls = temp.resolve("drush-calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private BackendUpgrade.Outcome upgrade(LockFile lock) throws Exception {
        SwapTransaction.recover(home, BuildLog.NONE);
        return backend().upgrade(pins(), lock, options(false), Optional.empty());
    }

    private BackendUpgrade backend() {
        CurrentUser current = new CurrentUser(me, false);
        return new BackendUpgrade(
                home,
                resolver(),
                new SafeExtractor(),
                new DrushRunner(BuildLog.collecting(lines), current),
                current,
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC),
                BuildLog.collecting(lines),
                (php, user, file) -> {
                    probed.add(php + " " + user + " " + file);
                    return includePath;
                });
    }

    private ReleaseResolver resolver() {
        try {
            return new ReleaseResolver(
                    UrlTemplate.parse(releases.toUri() + "{project}-{version}.tar.gz"),
                    new ReleaseCache(temp.resolve("cache-" + System.nanoTime())),
                    new Downloader(DownloadSettings.builder().log(BuildLog.NONE).build()));
        } catch (UserFixableException e) {
            throw new AssertionError(e);
        }
    }

    private BackendPins pins() throws UserFixableException {
        return BackendPins.of("7.x-4.4", "6.x-1.0-rc3", "6.x-2.2", BuildLog.NONE);
    }

    private BackendUpgrade.Options options(boolean dryRun) {
        return new BackendUpgrade.Options(me, "php", Duration.ofSeconds(30), false, dryRun, 3, "mvn aegir:upgrade");
    }

    /** A drupal.org-shaped release tarball: one top directory named after the project. */
    private void release(String project, String version, Map<String, String> files) throws IOException {
        Path out = releases.resolve(project + "-" + version + ".tar.gz");
        try (OutputStream o = Files.newOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(o))) {
            TarArchiveEntry dir = new TarArchiveEntry(project + "/");
            dir.setMode(040775);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
                byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(project + "/" + f.getKey());
                e.setMode(0100664);
                e.setSize(bytes.length);
                tar.putArchiveEntry(e);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
        }
    }

    private List<Path> stagingLeftovers() throws IOException {
        try (Stream<Path> s = Files.walk(home.root())) {
            return s.filter(p -> SwapTransaction.isStagingName(p.getFileName().toString()))
                    .toList();
        }
    }

    /** Relative path to content (files) or "dir" / "link" for the whole tree. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> map = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString();
                if (rel.isEmpty()) {
                    continue;
                }
                map.put(rel, Files.isSymbolicLink(p) ? "link" : Files.isDirectory(p) ? "dir" : Files.readString(p));
            }
        }
        return map;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static boolean phpAvailable() {
        try {
            return new ProcessBuilder("php", "-v")
                            .redirectErrorStream(true)
                            .start()
                            .waitFor()
                    == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
