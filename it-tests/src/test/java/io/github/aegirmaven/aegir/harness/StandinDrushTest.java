package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in drush, run with the real php: as the aegir user through su when the tests run as
 * root (provision refuses root), as the current user otherwise. Tests that get past the
 * confirmation touch a crontab, so they run only as root with the aegir user.
 */
class StandinDrushTest {

    private static final String PROMPT = "Do you really want to proceed with the upgrade? (y/n): ";
    private static final String NEW_ALIAS = "platform_hostmaster6x10rc3";

    @TempDir
    Path temp;

    private Sandbox sandbox;

    @BeforeEach
    void requirements() {
        assumeTrue(
                Host.whyNoPhp().isEmpty(), () -> "skipped: " + Host.whyNoPhp().orElse(""));
        assumeTrue(
                !Host.isRoot() || TestHomes.asAegir(),
                () -> "skipped: as root the stand-in provision must run as the aegir user; "
                        + Host.whyNoAegirUser().orElse(""));
    }

    @AfterEach
    void cleanUp() throws IOException {
        TestHomes.cleanUp(sandbox);
    }

    private static void requireAegirUser() {
        assumeTrue(
                TestHomes.asAegir(),
                () -> "skipped: touches a crontab, so it runs only as root with the aegir user: "
                        + Host.whyNoAegirUser().orElse(""));
    }

    private Sandbox sandbox(String name) throws IOException {
        sandbox = TestHomes.sandbox(temp, name);
        return sandbox;
    }

    private Processes.Result migrate(String input, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of(
                "hostmaster-migrate", Sandbox.DOMAIN, sandbox.newPlatform().toString()));
        args.addAll(List.of(extra));
        return StandinDrush.of(sandbox).withInput(input).run(args.toArray(String[]::new));
    }

    private String crontab() throws IOException {
        return Host.readCrontab(sandbox.owner().orElseThrow());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    // --- drush itself ----------------------------------------------------------------------

    @Test
    void versionComesFromDrushInfo() throws IOException {
        sandbox("version");
        Processes.Result old = StandinDrush.of(sandbox).run("--version");
        assertThat(old.exitCode()).as(old.toString()).isZero();
        assertThat(old.stdout()).isEqualTo("drush version 4.2\n");

        Sandbox upgraded = Sandbox.create(
                TestHomes.newHome(temp, "version-new"),
                TestReleases.dir(),
                TestHomes.owner(),
                ReleaseCatalog.upgradeReleases());
        try {
            assertThat(StandinDrush.of(upgraded).run("--version").stdout()).isEqualTo("drush version 4.4\n");
            assertThat(StandinDrush.of(upgraded).run("version").stdout()).isEqualTo("drush version 4.4\n");
            assertThat(StandinDrush.of(upgraded).run("make", "--version").stdout())
                    .isEqualTo("2.2\n");
        } finally {
            TestHomes.cleanUp(upgraded);
        }
        // drush_make 6.x-2.1 reports 2.0-dev, as the real release does (DOMAIN.md section 8).
        assertThat(StandinDrush.of(sandbox).run("make", "--version").stdout()).isEqualTo("2.0-dev\n");
        assertThat(sandbox.downloadAttempts()).doesNotExist();
    }

    // --- Console_Table ---------------------------------------------------------------------

    @Test
    void withoutConsoleTableEveryCommandTriesToDownloadItAndFails() throws IOException {
        Optional<String> pear = Host.whyPhpHasConsoleTable();
        assumeTrue(pear.isEmpty(), () -> "skipped: " + pear.orElse(""));
        sandbox = Sandbox.create(
                TestHomes.newHome(temp, "no-tables"),
                TestReleases.dir(),
                TestHomes.owner(),
                ReleaseCatalog.oldReleases(),
                Sandbox.ConsoleTable.NONE);
        assertThat(sandbox.drushDir().resolve("includes/table.inc")).doesNotExist();

        Processes.Result version = StandinDrush.of(sandbox).run("--version");
        assertThat(version.exitCode()).isEqualTo(1);
        assertThat(version.stdout()).isEmpty();
        assertThat(version.stderr())
                .contains(
                        "Drush needs a copy of the PEAR Console_Table library",
                        sandbox.drushDir().resolve("includes/table.inc").toString(),
                        "[error]");
        assertThat(Files.readAllLines(sandbox.downloadAttempts())).hasSize(1);

        assertThat(StandinDrush.of(sandbox).run("help").exitCode()).isEqualTo(1);
        assertThat(Files.readAllLines(sandbox.downloadAttempts())).hasSize(2);
    }

    @Test
    void anEmptyTableIncIsRemovedAndDownloadedAgain() throws IOException {
        Optional<String> pear = Host.whyPhpHasConsoleTable();
        assumeTrue(pear.isEmpty(), () -> "skipped: " + pear.orElse(""));
        sandbox("empty-tables");
        Path tableInc = sandbox.drushDir().resolve("includes/table.inc");
        Files.writeString(tableInc, "");

        assertThat(StandinDrush.of(sandbox).run("--version").exitCode()).isEqualTo(1);
        assertThat(tableInc).doesNotExist();
        assertThat(Files.readAllLines(sandbox.downloadAttempts())).hasSize(1);
    }

    @Test
    void consoleTableOnThePhpIncludePathIsEnough() throws IOException {
        sandbox = Sandbox.create(
                TestHomes.newHome(temp, "pear-tables"),
                TestReleases.dir(),
                TestHomes.owner(),
                ReleaseCatalog.oldReleases(),
                Sandbox.ConsoleTable.INCLUDE_PATH);
        assertThat(sandbox.drushDir().resolve("includes/table.inc")).doesNotExist();

        Processes.Result pear = StandinDrush.of(sandbox)
                .withPhp(sandbox.phpWithConsoleTable().toString())
                .run("--version");
        assertThat(pear.exitCode()).as(pear.toString()).isZero();
        assertThat(pear.stdout()).isEqualTo("drush version 4.2\n");
        assertThat(sandbox.downloadAttempts()).doesNotExist();
        assertThat(sandbox.drushDir().resolve("includes/table.inc")).doesNotExist();
    }

    @Test
    void helpListsTheCommandsOfTheCommandFilesInDotDrush() throws IOException {
        sandbox("help");
        Processes.Result help = StandinDrush.of(sandbox).run("help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("hostmaster-migrate", "make", "version");

        Processes.Result one = StandinDrush.of(sandbox).run("help", "hostmaster-migrate");
        assertThat(one.exitCode()).isZero();
        assertThat(one.stdout())
                .contains("Migrate an instance of the Hostmaster front end to a new platform", "--makefile");

        Sandbox.delete(sandbox.provisionDir());
        Processes.Result without = StandinDrush.of(sandbox).run("help");
        assertThat(without.stdout()).doesNotContain("hostmaster-migrate").contains("make");
    }

    @Test
    void unknownCommandsFailWithExitOne() throws IOException {
        sandbox("unknown");
        Processes.Result help = StandinDrush.of(sandbox).run("help", "no-such-command");
        assertThat(help.exitCode()).isEqualTo(1);
        assertThat(help.stderr()).contains("Invalid command no-such-command.", "[error]");

        Processes.Result run = StandinDrush.of(sandbox).run("no-such-command", "x");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("The drush command 'no-such-command x' could not be found.");
    }

    @Test
    void migrateNeedsADrupalRootAsWorkingDirectory() throws IOException {
        sandbox("noroot");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = StandinDrush.of(sandbox)
                .inDirectory(sandbox.home())
                .withInput("y\n")
                .run("hostmaster-migrate", Sandbox.DOMAIN, sandbox.newPlatform().toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("Command hostmaster-migrate needs a higher bootstrap level to run", "could not be executed");
        assertThat(result.stdout()).doesNotContain(PROMPT);
        assertThat(Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))).isEmpty();
    }

    @Test
    void theDrupalRootCanAlsoBeGivenWithDashDashRoot() throws IOException {
        sandbox("root-option");

        Processes.Result result = StandinDrush.of(sandbox)
                .inDirectory(sandbox.home())
                .withInput("n\n")
                .run(
                        "--root=" + sandbox.oldPlatform(),
                        "hostmaster-migrate",
                        Sandbox.DOMAIN,
                        sandbox.newPlatform().toString());

        assertThat(result.stdout()).as(result.toString()).contains(PROMPT);
        assertThat(result.stderr()).contains("Upgrade canceled by user");
    }

    @Test
    void provisionRefusesRoot() throws IOException {
        assumeTrue(Host.isRoot(), "skipped: only root can show that provision refuses root");
        sandbox("root");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = StandinDrush.of(sandbox)
                .asUser(Optional.empty())
                .withInput("y\n")
                .run("hostmaster-migrate", Sandbox.DOMAIN, sandbox.newPlatform().toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("You are running the provision script as the root user. Exiting");
        assertThat(Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))).isEmpty();
    }

    @Test
    void asRootProvisionStopsEveryCommandWhenItLoads() throws IOException {
        // DOMAIN.md 8 "Root": provision.drush.inc refuses root at file level, so its commands never load: as root,
        // `drush help hostmaster-migrate` prints nothing on stdout, the [error] line on stderr, and exits 1
        assumeTrue(Host.isRoot(), "skipped: only root can show that provision refuses root");
        sandbox("root-any");
        for (List<String> command : List.of(
                List.of("help", "hostmaster-migrate"),
                List.of("--version"),
                List.of("help"),
                List.of("make", "--version"))) {
            Processes.Result result =
                    StandinDrush.of(sandbox).asUser(Optional.empty()).run(command.toArray(String[]::new));
            assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(1);
            assertThat(result.stdout()).as(command + ": " + result).isEmpty();
            assertThat(result.stderr().lines().filter(l -> !l.isBlank()))
                    .as(command + ": " + result)
                    .singleElement()
                    .asString()
                    .contains("You are running the provision script as the root user. Exiting", "[error]");
        }
        // it is provision that refuses: without it, drush itself runs as root
        Sandbox.delete(sandbox.provisionDir());
        Processes.Result version =
                StandinDrush.of(sandbox).asUser(Optional.empty()).run("--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).isEqualTo("drush version 4.2\n");
    }

    // --- the confirmation ------------------------------------------------------------------

    @Test
    void answeringNoCancels() throws IOException {
        sandbox("no");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate("n\n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout())
                .contains("1. verify the server and the hostmaster site", "4. remove the cron job")
                .contains(PROMPT);
        assertThat(result.stderr()).contains("Upgrade canceled by user");
        assertThat(Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))).isEmpty();
    }

    @Test
    void endOfInputMeansNo() throws IOException {
        sandbox("eof");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(count(result.stdout(), PROMPT)).isEqualTo(1);
        assertThat(result.stderr()).contains("Upgrade canceled by user");
        assertThat(Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))).isEmpty();
    }

    @Test
    void otherAnswersAskAgain() throws IOException {
        sandbox("garbage-no");

        Processes.Result result = migrate("maybe\nyes\nN\nn\n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(count(result.stdout(), PROMPT)).isEqualTo(4);
        assertThat(result.stderr()).contains("Upgrade canceled by user");
    }

    @Test
    void dashNAnswersNoWithoutReading() throws IOException {
        sandbox("dash-n");

        Processes.Result result = migrate("y\n", "-n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains(PROMPT + "n\n");
        assertThat(result.stderr()).contains("Upgrade canceled by user");
    }

    // --- a real migration ------------------------------------------------------------------

    @Test
    void answeringYesMigratesTheSiteAndReplacesTheCrontab() throws IOException {
        requireAegirUser();
        sandbox("yes");
        Snapshot before = Sandbox.snapshot(sandbox.home());
        assertThat(crontab()).contains(Sandbox.ADMIN_CRON_LINE);

        Processes.Result result = migrate("y\n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertMigrated();
        assertThat(io.github.aegirmaven.aegir.home.Platforms.missingParts(sandbox.newPlatform()))
                .as("the stand-in's build is a platform the plugin calls complete, as a real one is")
                .isEmpty();
        Snapshot after = Sandbox.snapshot(sandbox.home());
        assertThat(after.under(Sandbox.OLD_PLATFORM + "/"))
                .isEqualTo(withoutSite(before.under(Sandbox.OLD_PLATFORM + "/")));
        assertThat(after.entries().get(Sandbox.NEW_PLATFORM + "/sites/aegir.example.com/settings.php"))
                .isEqualTo(before.entries().get(Sandbox.OLD_PLATFORM + "/sites/aegir.example.com/settings.php"));
    }

    private static java.util.Map<String, Snapshot.Entry> withoutSite(java.util.Map<String, Snapshot.Entry> entries) {
        java.util.Map<String, Snapshot.Entry> copy = new java.util.TreeMap<>(entries);
        copy.keySet().removeIf(path -> path.startsWith(Sandbox.OLD_PLATFORM + "/sites/aegir.example.com"));
        return copy;
    }

    private void assertMigrated() throws IOException {
        assertMigrated(sandbox.provisionDir().resolve("aegir.make"));
    }

    private void assertMigrated(Path makefile) throws IOException {
        Path newSite = sandbox.siteDir(sandbox.newPlatform());
        assertThat(newSite.resolve("settings.php")).content().contains(Sandbox.FAKE_DB_PASSWORD);
        assertThat(sandbox.siteDir(sandbox.oldPlatform())).doesNotExist();
        assertThat(sandbox.oldPlatform().resolve("index.php")).isRegularFile();
        assertThat(sandbox.newPlatform().resolve("profiles/hostmaster")).isDirectory();
        assertThat(sandbox.newPlatform().resolve("includes/bootstrap.inc")).isRegularFile();
        assertThat(Files.readString(sandbox.alias("hostmaster")))
                .contains("'root' => '" + sandbox.newPlatform() + "'", "'platform' => '@" + NEW_ALIAS + "'");
        assertThat(Files.readString(sandbox.alias(NEW_ALIAS)))
                .contains("'root' => '" + sandbox.newPlatform() + "'", "'makefile' => '" + makefile + "'");
        String crontab = crontab();
        // exactly what hosting-setup writes: drush.php's real path, bare, with a trailing space
        assertThat(crontab)
                .startsWith("SHELL=/bin/bash\nPATH=")
                .endsWith("\n*/1 * * * * " + sandbox.drushPhp().toRealPath() + " '@hostmaster' hosting-dispatch \n")
                .contains(sandbox.hostingDispatchLine())
                .doesNotContain(Sandbox.ADMIN_CRON_LINE);
        assertThat(crontab.lines()).hasSize(3);
        String group = Host.primaryGroup(Host.AEGIR_USER);
        assertThat(Snapshot.of(sandbox.newPlatform()).entries().values())
                .allMatch(e -> e.owner().equals(Host.AEGIR_USER + ":" + group));
    }

    // --- which php runs the child drush calls, and the PATH in the crontab -----------------------

    private PhpWrapper phpWrapper(String name) throws IOException {
        Path dir = Path.of(ItSupport.ROOT_HOMES).resolve("unit-php-" + name + "-" + System.nanoTime());
        wrapperDirs.add(dir);
        return PhpWrapper.create(TestHomes.asAegir() ? dir : temp.resolve(name));
    }

    private final List<Path> wrapperDirs = new java.util.ArrayList<>();

    @AfterEach
    void removeWrappers() throws IOException {
        for (Path dir : wrapperDirs) {
            io.github.aegirmaven.aegir.home.Trees.deleteRecursively(dir);
        }
    }

    @Test
    void withoutPhpOptionChildDrushRunsThroughItsShebangWithTheFirstPhpOnThePath() throws IOException {
        requireAegirUser();
        sandbox("shebang-php");
        PhpWrapper wrapper = phpWrapper("shebang");
        String path = wrapper.php().getParent() + ":/usr/local/bin:/usr/bin:/bin";

        Processes.Result result = StandinDrush.of(sandbox)
                .withPath(path)
                .withPhp(PhpWrapper.realPhp().toString())
                .run("hostmaster-migrate", Sandbox.DOMAIN, sandbox.newPlatform().toString(), "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String drushPhp = sandbox.drushPhp().toRealPath().toString();
        // the parent ran under the real php (given as "php"); make and hosting-setup under the PATH's first php
        assertThat(wrapper.starts()).hasSize(2);
        assertThat(wrapper.starts().get(0)).startsWith(wrapper.php() + " " + drushPhp + " make ");
        assertThat(wrapper.starts().get(1))
                .isEqualTo(wrapper.php() + " " + drushPhp + " @hostmaster hosting-setup --yes");
        assertThat(crontab()).contains("PATH=" + path + "\n", sandbox.hostingDispatchLine());
    }

    @Test
    void withPhpOptionChildDrushRunsUnderThatPhpWithTheOptionPassedOn() throws IOException {
        requireAegirUser();
        sandbox("php-option");
        PhpWrapper wrapper = phpWrapper("option");
        PhpWrapper onPath = phpWrapper("on-path");
        String path = onPath.php().getParent() + ":/usr/local/bin:/usr/bin:/bin";

        Processes.Result result = StandinDrush.of(sandbox)
                .withPath(path)
                .withPhp(wrapper.php().toString())
                .run(
                        "--php=" + wrapper.php(),
                        "hostmaster-migrate",
                        Sandbox.DOMAIN,
                        sandbox.newPlatform().toString(),
                        "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String drushPhp = sandbox.drushPhp().toRealPath().toString();
        String option = "--php=" + wrapper.php();
        assertThat(wrapper.starts()).hasSize(3);
        assertThat(wrapper.starts().get(0))
                .startsWith(wrapper.php() + " " + sandbox.drushPhp() + " " + option + " hostmaster-migrate");
        assertThat(wrapper.starts().get(1)).startsWith(wrapper.php() + " " + drushPhp + " " + option + " make ");
        assertThat(wrapper.starts().get(2))
                .isEqualTo(wrapper.php() + " " + drushPhp + " " + option + " @hostmaster hosting-setup --yes");
        assertThat(onPath.starts()).as("the first php on the PATH is not used").isEmpty();
        assertThat(crontab()).contains("PATH=" + path + "\n", sandbox.hostingDispatchLine());
    }

    @Test
    void withoutPhpOptionANonExecutableDrushPhpCannotStartChildren() throws IOException {
        requireAegirUser();
        sandbox("not-executable");
        Modes.set(sandbox.drushPhp(), 0644);

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        sandbox.drushPhp().toRealPath() + ": Permission denied",
                        "Could not download platform using drush make. No platform present");
    }

    @Test
    void hostingSetupRunsOnlyInTheHostmasterSite() throws IOException {
        sandbox("hosting-setup-no-alias");
        Processes.Result result = StandinDrush.of(sandbox).run("hosting-setup", "-y");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr())
                .contains("hosting-setup runs in the hostmaster site: drush @hostmaster hosting-setup");
    }

    @Test
    void otherAnswersThenYesMigrates() throws IOException {
        requireAegirUser();
        sandbox("garbage-yes");

        Processes.Result result = migrate("ok\n y \n");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(count(result.stdout(), PROMPT)).isEqualTo(2);
        assertMigrated();
    }

    @Test
    void dashYMigratesWithoutReading() throws IOException {
        requireAegirUser();
        sandbox("dash-y");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains(PROMPT + "y\n");
        assertMigrated();
    }

    @Test
    void aRelativePlatformPathIsMadeAbsoluteFromTheWorkingDirectory() throws IOException {
        requireAegirUser();
        sandbox("relative");

        Processes.Result result =
                StandinDrush.of(sandbox).run("hostmaster-migrate", Sandbox.DOMAIN, "../" + Sandbox.NEW_PLATFORM, "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).contains("changed relative platform path to absolute: " + sandbox.newPlatform());
        assertMigrated();
    }

    @Test
    void anExistingNewPlatformIsUsedAsItIs() throws IOException {
        requireAegirUser();
        sandbox("existing");
        Path premade = sandbox.newPlatform();
        Files.createDirectories(premade.resolve("includes"));
        Files.createDirectories(premade.resolve("profiles/hostmaster"));
        Files.createDirectories(premade.resolve("sites"));
        Files.writeString(premade.resolve("index.php"), "<?php\n");
        Files.writeString(premade.resolve("includes/bootstrap.inc"), "<?php\n");
        Files.writeString(premade.resolve("made-by-hand.txt"), "kept\n");
        Processes.check(
                List.of("chown", "-R", Host.AEGIR_USER + ":" + Host.primaryGroup(Host.AEGIR_USER), premade.toString()));

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr())
                .contains("exists, using it as it is")
                .doesNotContain("fetching from drush makefile");
        assertThat(premade.resolve("made-by-hand.txt")).hasContent("kept");
        assertThat(premade.resolve("modules/system")).doesNotExist();
        assertMigrated();
    }

    @Test
    void aCustomMakefileBuildsThePlatformFromIt() throws IOException {
        requireAegirUser();
        sandbox("makefile");
        Path makefile = sandbox.home().resolve("custom.make");
        Files.writeString(
                makefile,
                "core = 6.x\napi = 2\nprojects[drupal][type] = core\n"
                        + "projects[hostmaster][type] = profile\nprojects[admin_menu][version] = 1.6\n");

        Processes.Result result = migrate(null, "-y", "--makefile=" + makefile);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(sandbox.newPlatform().resolve("sites/all/modules/admin_menu/admin_menu.module"))
                .isRegularFile();
        assertMigrated(makefile);
    }

    @Test
    void aMissingOrEmptyMakefileFailsLikeDrushMake() throws IOException {
        sandbox("bad-makefile");
        Path empty = sandbox.home().resolve("empty.make");
        Files.writeString(empty, "; only a comment\n");
        Modes.set(empty, 0644);
        for (String makefile : List.of(sandbox.home().resolve("missing.make").toString(), empty.toString())) {
            Processes.Result result = migrate(null, "-y", "--makefile=" + makefile);

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
            assertThat(result.stderr())
                    .contains(
                            "Invalid or empty make file: " + makefile,
                            "Could not download platform using drush make. No platform present");
            assertThat(sandbox.newPlatform()).doesNotExist();
            assertThat(sandbox.siteDir(sandbox.oldPlatform()).resolve("settings.php"))
                    .isRegularFile();
        }
    }

    // --- failure injection ------------------------------------------------------------------

    @Test
    void failingAtVerifyChangesNothing() throws IOException {
        sandbox("fail-verify");
        sandbox.failAt("verify");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: verify");
        assertThat(Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))).isEmpty();
    }

    @Test
    void failingAtMakeLeavesNoPlatformAndTheCrontabAlone() throws IOException {
        sandbox("fail-make");
        sandbox.failAt("make");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr())
                .contains(
                        "stand-in failure injection: make",
                        "Could not download platform using drush make. No platform present");
        List<String> diff = Snapshot.diff(before, Sandbox.snapshot(sandbox.home()));
        assertThat(diff).hasSize(1);
        assertThat(diff.get(0)).startsWith("added   .drush/" + NEW_ALIAS + ".alias.drushrc.php");
    }

    @Test
    void failingAfterCrontabRemovalLeavesNoCrontabAndTheOldPlatformIntact() throws IOException {
        requireAegirUser();
        sandbox("fail-after-crontab");
        sandbox.failAt("after-crontab-r");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: after-crontab-r");
        assertThat(crontab()).isEmpty();
        Snapshot after = Sandbox.snapshot(sandbox.home());
        assertThat(after.under(Sandbox.OLD_PLATFORM + "/")).isEqualTo(before.under(Sandbox.OLD_PLATFORM + "/"));
        assertThat(Files.readString(sandbox.alias("hostmaster"))).contains("'root' => '" + sandbox.oldPlatform() + "'");
        assertThat(sandbox.newPlatform().resolve("index.php"))
                .as("made before the failure")
                .isRegularFile();
    }

    @Test
    void failingAtMigrateLeavesTheSiteWhereItWas() throws IOException {
        requireAegirUser();
        sandbox("fail-migrate");
        sandbox.failAt("migrate");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: migrate");
        assertThat(sandbox.siteDir(sandbox.oldPlatform()).resolve("settings.php"))
                .isRegularFile();
        assertThat(sandbox.siteDir(sandbox.newPlatform())).doesNotExist();
        assertThat(crontab()).isEmpty();
    }

    @Test
    void aPhpFatalErrorEndsTheCommandAbnormallyWithExitCodeOneAsDrushPhpDoes() throws IOException {
        requireAegirUser();
        sandbox("fail-fatal");
        sandbox.failAt("fatal");

        Processes.Result result = migrate(null, "-y");

        // drush.php's shutdown function: "Drush command terminated abnormally...", exit 1 (DOMAIN.md 8), not PHP's 255
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.output())
                .contains("Fatal error")
                .contains("provision_standin_undefined_function_for_fatal_error");
        assertThat(result.stderr())
                .containsPattern("Drush command terminated abnormally due to an unrecoverable error\\. +\\[error\\]\n");
        assertThat(sandbox.siteDir(sandbox.oldPlatform()).resolve("settings.php"))
                .isRegularFile();
        assertThat(crontab()).isEmpty();
    }

    @Test
    void failingAtResumeLeavesTheSiteMovedAndNoCrontab() throws IOException {
        requireAegirUser();
        sandbox("fail-resume");
        sandbox.failAt("resume");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: resume");
        assertThat(sandbox.siteDir(sandbox.newPlatform()).resolve("settings.php"))
                .isRegularFile();
        assertThat(sandbox.siteDir(sandbox.oldPlatform())).doesNotExist();
        assertThat(crontab()).isEmpty();
    }

    /** provision-migrate copies the site through a backup tarball under ~/backups, which stays after a migration. */
    @Test
    void theSiteIsCopiedThroughABackupThatStaysInBackups() throws IOException {
        requireAegirUser();
        sandbox("copy");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr())
                .containsSubsequence(
                        "Putting site under maintenance",
                        "Backing up site to " + sandbox.home().resolve("backups/aegir.example.com-"),
                        "Saved @hostmaster on the new platform",
                        "Deployed ",
                        "Verified @hostmaster on ",
                        "Deleted the old site directory ");
        List<Path> backups;
        try (var s = Files.list(sandbox.home().resolve(Sandbox.BACKUPS))) {
            backups = s.toList();
        }
        assertThat(backups).singleElement().asString().endsWith(".tar.gz");
        assertThat(sandbox.siteDir(sandbox.newPlatform()).resolve("settings.php"))
                .content()
                .doesNotContain("site_offline");
        assertMigrated();
    }

    /** A failure between deploy and verify: deploy's and migrate's rollbacks leave everything as it was. */
    @Test
    void failingAtDeployRollsBackToTheOldPlatform() throws IOException {
        requireAegirUser();
        sandbox("fail-deploy");
        sandbox.failAt("deploy");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: deploy");
        assertThat(result.stderr()).contains("Deployed ", "provision-deploy rollback", "provision-migrate rollback");
        Snapshot after = Sandbox.snapshot(sandbox.home());
        assertThat(after.under(Sandbox.OLD_PLATFORM + "/")).isEqualTo(before.under(Sandbox.OLD_PLATFORM + "/"));
        assertThat(after.under(Sandbox.BACKUPS + "/"))
                .as("the backup tarball deleted")
                .isEmpty();
        assertThat(sandbox.siteDir(sandbox.newPlatform())).doesNotExist();
        assertThat(Files.readString(sandbox.alias("hostmaster")))
                .contains("'root' => '" + sandbox.oldPlatform() + "'")
                .contains("'platform' => '@platform_hostmaster'");
        assertThat(crontab()).isEmpty();
    }

    @Test
    void failingAtBackupPutsTheSiteBackOnline() throws IOException {
        requireAegirUser();
        sandbox("fail-backup");
        sandbox.failAt("backup");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("stand-in failure injection: backup");
        Snapshot after = Sandbox.snapshot(sandbox.home());
        assertThat(after.under(Sandbox.OLD_PLATFORM + "/")).isEqualTo(before.under(Sandbox.OLD_PLATFORM + "/"));
        assertThat(after.under(Sandbox.BACKUPS + "/")).isEmpty();
        assertThat(sandbox.siteDir(sandbox.newPlatform())).doesNotExist();
    }

    /** Killed between verify and the delete of the old copy: the site in both platforms, the alias on the new. */
    @Test
    void killedBeforeTheDeleteLeavesTheSiteInBothPlatforms() throws IOException {
        requireAegirUser();
        sandbox("killed-before-delete");
        sandbox.failAt("killed-before-delete");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isNotIn(0, 1);
        assertThat(result.stdout()).contains("ending as if killed").doesNotContain("Deleted the old site directory");
        assertThat(sandbox.siteDir(sandbox.oldPlatform()).resolve("settings.php"))
                .content()
                .contains("site_offline");
        assertThat(sandbox.siteDir(sandbox.newPlatform()).resolve("settings.php"))
                .content()
                .contains(Sandbox.FAKE_DB_PASSWORD)
                .doesNotContain("site_offline");
        assertThat(Files.readString(sandbox.alias("hostmaster"))).contains("'root' => '" + sandbox.newPlatform() + "'");
        assertThat(crontab()).isEmpty();
    }

    @Test
    void hangingIsStoppedOnlyByATimeout() throws IOException {
        requireAegirUser();
        sandbox("fail-hang");
        sandbox.failAt("hang");

        Processes.Result result = StandinDrush.of(sandbox)
                .withTimeout(Duration.ofSeconds(3))
                .run("hostmaster-migrate", Sandbox.DOMAIN, sandbox.newPlatform().toString(), "-y");

        assertThat(result.timedOut()).as(result.toString()).isTrue();
        assertThat(result.stdout()).contains("hanging on purpose");
        assertThat(sandbox.siteDir(sandbox.oldPlatform()).resolve("settings.php"))
                .isRegularFile();
        List<String> stillRunning = ProcessHandle.allProcesses()
                .filter(p -> p.info()
                        .commandLine()
                        .orElse("")
                        .contains(sandbox.home().toString()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
                .toList();
        assertThat(stillRunning).as("stand-in processes left running").isEmpty();
    }

    @Test
    void theDelayKnobSlowsEveryLoggedStepAndEveryCopiedFile() throws IOException {
        requireAegirUser();
        sandbox("delay");
        Processes.Result quick = StandinDrush.of(sandbox).run("--version");
        sandbox.delaySteps(150);

        Processes.Result slow = migrate(null, "-y");

        assertThat(slow.exitCode()).as(slow.toString()).isZero();
        assertMigrated();
        long logged = slow.stderr()
                .lines()
                .filter(l -> l.matches(".*\\[(ok|success|warning)\\]$"))
                .count();
        assertThat(logged).isGreaterThan(10);
        // every logged line and every copied file of the platform waited 150 ms
        assertThat(slow.elapsed()).isGreaterThan(Duration.ofMillis(150 * logged));
        assertThat(StandinDrush.of(sandbox).run("--version").stdout()).isEqualTo(quick.stdout());
        sandbox.delaySteps(0);
        assertThat(sandbox.home().resolve(Sandbox.DELAY_FILE)).doesNotExist();
    }

    @Test
    void drushMakeBuildsInTheTempDirectoryAndCopiesTheBuildIntoPlace() throws IOException {
        requireAegirUser();
        sandbox("make-copy");
        Snapshot before = Sandbox.snapshot(sandbox.home());

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> added = Snapshot.diff(before, Sandbox.snapshot(sandbox.home())).stream()
                .filter(l -> l.startsWith("added   "))
                .map(l -> l.substring(8, l.indexOf(' ', 8)))
                .toList();
        assertThat(added)
                .allMatch(p -> p.startsWith(Sandbox.NEW_PLATFORM)
                        || p.equals(".drush/" + NEW_ALIAS + ".alias.drushrc.php")
                        || p.startsWith(Sandbox.BACKUPS + "/" + Sandbox.DOMAIN + "-")); // provision-backup's tarball
        assertThat(Snapshot.of(sandbox.newPlatform()).entries().values())
                .allMatch(e -> e.mode().equals(e.type().equals("dir") ? "0755" : "0644")
                        || e.mode().equals("0440"));
    }

    @Test
    void verboseMigrateShowsTheContextsWithTheirDatabaseCredentials() throws IOException {
        requireAegirUser();
        sandbox("verbose");
        sandbox.failAt("make"); // stops after the contexts are loaded, before anything changes for good

        Processes.Result quiet = migrate(null, "-y");
        Processes.Result verbose = migrate(null, "-y", "--verbose");

        assertThat(quiet.output()).doesNotContain(Sandbox.FAKE_DB_PASSWORD);
        assertThat(verbose.stdout()).doesNotContain(Sandbox.FAKE_DB_PASSWORD);
        // the four forms drush and provision print credentials in: a PHP array, a URL, a drushrc line, JSON
        assertThat(verbose.stderr())
                .contains(
                        "Loaded the context @hostmaster:",
                        "  'db_passwd' => '" + Sandbox.FAKE_DB_PASSWORD + "',",
                        "  'master_db' => 'mysql://aegir_root:" + Sandbox.FAKE_DB_PASSWORD + "@localhost',",
                        "  $options['db_passwd'] = '" + Sandbox.FAKE_DB_PASSWORD + "';",
                        "\"db_passwd\":\"" + Sandbox.FAKE_DB_PASSWORD + "\"",
                        "\"master_db\":\"mysql:\\/\\/aegir_root:" + Sandbox.FAKE_DB_PASSWORD + "@localhost\"");
    }

    // --- logging, backend mode and exit codes, as drush 4 (DOMAIN.md section 8) ------------------

    @Test
    void everyLogLineGoesToStderrAndOnlyPrintedOutputToStdout() throws IOException {
        sandbox("log-stderr");
        sandbox.failAt("verify");

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout())
                .contains("1. verify the server and the hostmaster site", PROMPT + "y\n")
                .doesNotContain("[ok]", "[error]");
        assertThat(result.stderr())
                .containsPattern("Verifying @server_master and @hostmaster \\(provision-verify\\) +\\[ok\\]\n")
                .contains("stand-in failure injection: verify")
                .doesNotContain("[notice]", "[bootstrap]", "Loaded the context");
        Processes.Result verbose = migrate(null, "-y", "--verbose");
        assertThat(verbose.stderr()).contains("Found Drupal root at " + sandbox.oldPlatform());
        assertThat(verbose.stdout()).doesNotContain("Found Drupal root");
    }

    @Test
    void trailingLinesPutTheErrorFarFromTheEnd() throws IOException {
        sandbox("trailing");
        sandbox.failAt("verify");
        sandbox.trailingLines(200);

        Processes.Result result = migrate(null, "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        List<String> err = result.stderr().lines().toList();
        int error = err.indexOf(err.stream()
                .filter(l -> l.contains("stand-in failure injection: verify"))
                .findFirst()
                .orElseThrow());
        assertThat(err.get(error)).endsWith("[error]");
        assertThat(err.size() - error - 1).isEqualTo(200);
        assertThat(err.get(err.size() - 1)).contains("stand-in trailing output, line 200 of 200");
        sandbox.trailingLines(0);
        assertThat(sandbox.home().resolve(Sandbox.TRAILING_FILE)).doesNotExist();
    }

    @Test
    void backendModePrintsNothingButTheResultAsJson() throws IOException {
        sandbox("backend");
        // an empty new platform directory: provision fails verifying it, after loading the contexts, with no child
        Files.createDirectories(sandbox.newPlatform());

        Processes.Result result = migrate(null, "-y", "--backend");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).isEmpty();
        assertThat(result.stdout())
                .startsWith("DRUSH_BACKEND_OUTPUT_START>>>{\"output\":\"This command will operate")
                .endsWith("}<<<DRUSH_BACKEND_OUTPUT_END\n")
                .contains(
                        "\"error_status\":1",
                        "\"type\":\"error\"",
                        "is not a Drupal root",
                        "\"db_passwd\":\"" + Sandbox.FAKE_DB_PASSWORD + "\"",
                        "\"master_db\":\"mysql:\\/\\/aegir_root:" + Sandbox.FAKE_DB_PASSWORD + "@localhost\"");
    }

    @Test
    void successExitsZeroWithTheShutdownFunctionInPlace() throws IOException {
        sandbox("exit-zero");
        assertThat(StandinDrush.of(sandbox).run("--version").exitCode()).isZero();
        assertThat(StandinDrush.of(sandbox).run("help").exitCode()).isZero();
        Processes.Result unknown = StandinDrush.of(sandbox).run("no-such-command");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderr()).doesNotContain("terminated abnormally");
    }
}
