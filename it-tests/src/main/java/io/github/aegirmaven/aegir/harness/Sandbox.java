package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A throw-away Aegir home as an Aegir 6.x-1.0-rc2 install leaves it, for the upgrade to act on:
 * <ul>
 *   <li>{@code drush/} (drush 7.x-4.2), {@code .drush/provision/} (6.x-1.0-rc2) and
 *       {@code .drush/drush_make/} (6.x-2.1), extracted from the release fixtures;</li>
 *   <li>{@code drush/includes/table.inc}, a stand-in for PEAR's Console_Table, as drush 4 fetched
 *       it once on every real server (no release tarball contains it), unless told otherwise
 *       ({@link ConsoleTable});</li>
 *   <li>{@code hostmaster-6.x-1.0-rc2/}: a small Drupal 6 root with the hostmaster profile and the
 *       site {@code sites/aegir.example.com/} (settings.php and drushrc.php with a fake database
 *       password);</li>
 *   <li>the drush aliases {@code server_master}, {@code hostmaster} and {@code platform_hostmaster}
 *       in {@code .drush/};</li>
 *   <li>{@code backups/} (0700), where provision-backup writes its tarballs;</li>
 *   <li>with an owner (as root): everything owned by that user, whose crontab gets the
 *       hosting-dispatch line Aegir writes plus one line of the administrator's own.</li>
 * </ul>
 * Files are 0644, directories and executables 0755 (umask 022), settings.php 0440 as Aegir sets it.
 */
public final class Sandbox {

    public static final String DOMAIN = "aegir.example.com";
    public static final String OLD_PLATFORM = "hostmaster-6.x-1.0-rc2";
    public static final String NEW_PLATFORM = "hostmaster-6.x-1.0-rc3";
    public static final String FAKE_DB_PASSWORD = "Sandbox-Fake-Db-Password-7y2Q";
    /** The administrator's own line in the sandbox crontab, which Aegir's crontab -r wipes. */
    public static final String ADMIN_CRON_LINE = "30 2 * * * /usr/local/bin/backup-aegir-databases > /dev/null 2>&1";
    /** provision's backup directory, relative to the home. */
    public static final String BACKUPS = "backups";
    /** The file of the stand-in drush's failure injection, relative to the home. */
    public static final String FAIL_AT_FILE = ".drush/standin-fail-at";
    /** Where the stand-in drush records download attempts, relative to the home. */
    public static final String DOWNLOAD_ATTEMPTS_FILE = ".drush/standin-download-attempts";
    /** The file of the stand-in drush's slow-down, relative to the home. */
    public static final String DELAY_FILE = ".drush/standin-delay-ms";
    /** The file of the stand-in drush's output after its first error, relative to the home. */
    public static final String TRAILING_FILE = ".drush/standin-trailing-lines";

    /** The stand-in for PEAR's Console_Table that drush 4 fetched once into drush/includes/table.inc. */
    public static final String TABLE_INC_TEXT = "<?php\n/**\n * @file\n * TEST DOUBLE: a stand-in for PEAR's"
            + " Console_Table, written by the aegir-maven-plugin test\n * harness where drush 4 keeps the copy it"
            + " fetched once. This is NOT Console_Table.\n */\n\nclass Console_Table {\n}\n";

    /** Where drush 4 finds PEAR's Console_Table in a sandbox (DOMAIN.md section 8). */
    public enum ConsoleTable {
        /** {@code drush/includes/table.inc}, fetched once as on every real server (the default). */
        TABLE_INC,
        /**
         * Not in the home: {@code Console/Table.php} is on the include_path of {@link #phpWithConsoleTable()}, a
         * php wrapper with an include_path setting, outside the home.
         */
        INCLUDE_PATH,
        /** Nowhere: drush 4 tries to download it and fails. */
        NONE
    }

    private final Path home;
    private final Optional<String> owner;

    private Sandbox(Path home, Optional<String> owner) {
        this.home = home;
        this.owner = owner;
    }

    /**
     * Makes a sandbox holding the old releases (drush 7.x-4.2, provision 6.x-1.0-rc2, drush_make
     * 6.x-2.1) from the tarballs in {@code releasesDir}.
     *
     * @param aegirHome   the home to create; must not exist or be empty. With an owner, every
     *                    directory above it must be world-traversable (e.g. under /tmp/aegir-it).
     * @param releasesDir where the release tarballs are (it-tests/target/releases)
     * @param owner       the system user to own it (needs root), or empty to leave it to the current user
     */
    public static Sandbox create(Path aegirHome, Path releasesDir, Optional<String> owner) throws IOException {
        return create(aegirHome, releasesDir, owner, ReleaseCatalog.oldReleases());
    }

    /**
     * Makes a sandbox holding the given releases of drush, provision and drush_make (e.g. the
     * upgrade releases, for a home that is already upgraded).
     */
    public static Sandbox create(Path aegirHome, Path releasesDir, Optional<String> owner, List<Release> installed)
            throws IOException {
        return create(aegirHome, releasesDir, owner, installed, ConsoleTable.TABLE_INC);
    }

    /** Makes a sandbox holding the given releases, with PEAR's Console_Table where {@code consoleTable} says. */
    public static Sandbox create(
            Path aegirHome,
            Path releasesDir,
            Optional<String> owner,
            List<Release> installed,
            ConsoleTable consoleTable)
            throws IOException {
        Path home = aegirHome.toAbsolutePath().normalize();
        if (Files.exists(home, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> children = Files.newDirectoryStream(home)) {
                if (children.iterator().hasNext()) {
                    throw new IOException("Sandbox home " + home
                            + " already exists and is not empty; delete it first (Sandbox.delete)");
                }
            }
        }
        if (owner.isPresent()) {
            if (!Host.isRoot()) {
                throw new IOException("A sandbox owned by " + owner.get()
                        + " needs root (chown and crontab -u); run as root or pass no owner");
            }
            if (!Host.userExists(owner.get())) {
                throw new IOException("The sandbox owner '" + owner.get()
                        + "' does not exist: useradd --system --create-home --home-dir /var/aegir --shell /bin/sh "
                        + owner.get());
            }
        }
        createDirectoriesTraversable(home);
        Modes.set(home, 0755);
        if (owner.isPresent()) {
            requireTraversable(home);
        }

        Path dotDrush = mkdir(home.resolve(".drush"));
        for (Release release : installed) {
            Path tarball = releasesDir.resolve(release.fileName());
            if (!Files.isRegularFile(tarball)) {
                throw new IOException("Release tarball " + tarball
                        + " is missing; build the fixtures first (mvn process-classes in it-tests)");
            }
            Path target = release.project().equals("drush") ? home : dotDrush;
            extract(tarball, target);
            if (release.project().equals("drush") && consoleTable == ConsoleTable.TABLE_INC) {
                write(home.resolve("drush/includes/table.inc"), TABLE_INC_TEXT, 0644);
            }
        }
        Path php = phpDir(home);
        delete(php);
        if (consoleTable == ConsoleTable.INCLUDE_PATH) {
            createDirectoriesTraversable(php);
            write(php.resolve("Console/Table.php"), TABLE_INC_TEXT, 0644);
            write(
                    php.resolve("php"),
                    "#!/bin/sh\n# A PHP with PEAR's Console_Table on its include_path"
                            + " (aegir-maven-plugin test harness).\nexec php -d include_path='.:/usr/share/php:" + php
                            + "' \"$@\"\n",
                    0755);
        }

        // ~/backups, where provision-backup (run by provision-migrate) writes its tarballs; provision's
        // server verify makes it 0700 on a real server.
        Modes.set(mkdir(home.resolve(BACKUPS)), 0700);
        Path platform = mkdir(home.resolve(OLD_PLATFORM));
        writePlatform(platform);
        writeAliases(home, platform, owner.orElse(Host.AEGIR_USER));

        Sandbox sandbox = new Sandbox(home, owner);
        if (owner.isPresent()) {
            String user = owner.get();
            Processes.check(
                    List.of("chown", "-R", "--no-dereference", user + ":" + Host.primaryGroup(user), home.toString()));
            Host.installCrontab(user, sandbox.aegirCrontab());
        }
        return sandbox;
    }

    /** The sandbox already at {@code home} (made earlier by {@link #create}). */
    public static Sandbox at(Path home, Optional<String> owner) {
        return new Sandbox(home.toAbsolutePath().normalize(), owner);
    }

    /**
     * A snapshot of the home, with the owner's crontab when the home belongs to a user other than
     * root and this JVM runs as root.
     */
    public static Snapshot snapshot(Path home) throws IOException {
        String user = Files.getOwner(home, LinkOption.NOFOLLOW_LINKS).getName();
        Optional<String> crontabUser = Host.isRoot() && !user.equals("root") ? Optional.of(user) : Optional.empty();
        return Snapshot.of(home, crontabUser);
    }

    /** Deletes a sandbox home (not following symbolic links); fine when it does not exist. */
    public static void delete(Path home) throws IOException {
        io.github.aegirmaven.aegir.home.Trees.deleteRecursively(home);
        io.github.aegirmaven.aegir.home.Trees.deleteRecursively(
                phpDir(home.toAbsolutePath().normalize()));
    }

    /** Beside the home: the PEAR directory and php wrapper of {@link ConsoleTable#INCLUDE_PATH}. */
    private static Path phpDir(Path home) {
        return home.resolveSibling(home.getFileName() + "-php");
    }

    /**
     * The php wrapper of a sandbox made with {@link ConsoleTable#INCLUDE_PATH}: {@code php -d include_path=...}
     * with {@code Console/Table.php} on it (give it to the plugin as {@code -Daegir.php}).
     */
    public Path phpWithConsoleTable() {
        return phpDir(home).resolve("php");
    }

    /**
     * The stand-in drush's record of the downloads the real drush would have attempted (it never
     * touches the network): one line each; absent when there was none.
     */
    public Path downloadAttempts() {
        return home.resolve(DOWNLOAD_ATTEMPTS_FILE);
    }

    public Path home() {
        return home;
    }

    public Optional<String> owner() {
        return owner;
    }

    public Path drushDir() {
        return home.resolve("drush");
    }

    public Path drushPhp() {
        return home.resolve("drush/drush.php");
    }

    public Path dotDrush() {
        return home.resolve(".drush");
    }

    public Path provisionDir() {
        return home.resolve(".drush/provision");
    }

    public Path drushMakeDir() {
        return home.resolve(".drush/drush_make");
    }

    public Path oldPlatform() {
        return home.resolve(OLD_PLATFORM);
    }

    public Path newPlatform() {
        return home.resolve(NEW_PLATFORM);
    }

    /** {@code sites/aegir.example.com} in the given platform. */
    public Path siteDir(Path platform) {
        return platform.resolve("sites").resolve(DOMAIN);
    }

    public Path alias(String name) {
        return dotDrush().resolve(name + ".alias.drushrc.php");
    }

    /** The crontab Aegir's hosting-setup writes for this home, plus the administrator's own line. */
    public String aegirCrontab() {
        return "SHELL=/bin/bash\n"
                + "PATH=/usr/local/bin:/usr/bin:/bin\n"
                + hostingDispatchLine() + "\n"
                + "# The hosting administrator's own job (not Aegir's):\n"
                + ADMIN_CRON_LINE + "\n";
    }

    /**
     * {@code *}{@code /1 * * * * HOME/drush/drush.php '@hostmaster' hosting-dispatch }: as hosting-setup
     * writes it, drush.php's real path, bare (cron runs it through its {@code #!/usr/bin/env php}
     * line), and a trailing space.
     */
    public String hostingDispatchLine() {
        Path drush = drushPhp();
        try {
            drush = drush.toRealPath();
        } catch (IOException e) {
            // not there (yet): its path as it is
        }
        return "*/1 * * * * " + drush + " '@hostmaster' hosting-dispatch ";
    }

    /**
     * Tells the stand-in drush to fail at {@code step} (verify, make, after-crontab-r, migrate,
     * resume, fatal, hang) by writing {@value #FAIL_AT_FILE}.
     */
    public void failAt(String step) throws IOException {
        Path file = home.resolve(FAIL_AT_FILE);
        Files.writeString(file, step + "\n");
        Modes.set(file, 0644);
        if (owner.isPresent()) {
            Processes.check(List.of("chown", owner.get() + ":" + Host.primaryGroup(owner.get()), file.toString()));
        }
    }

    /** Removes {@value #FAIL_AT_FILE}. */
    public void clearFailAt() throws IOException {
        Files.deleteIfExists(home.resolve(FAIL_AT_FILE));
    }

    /**
     * Slows the stand-in drush down: every step it logs, and every file its drush make copies into
     * place, first sleeps {@code millis} ({@value #DELAY_FILE}); 0 removes the file.
     */
    public void delaySteps(long millis) throws IOException {
        Path file = home.resolve(DELAY_FILE);
        if (millis <= 0) {
            Files.deleteIfExists(file);
            return;
        }
        Files.writeString(file, millis + "\n");
        Modes.set(file, 0644);
        if (owner.isPresent()) {
            Processes.check(List.of("chown", owner.get() + ":" + Host.primaryGroup(owner.get()), file.toString()));
        }
    }

    /**
     * Makes the stand-in drush print {@code lines} more lines on stderr right after its first
     * error, as a real failure's rollback log, child output or stack trace does, so that the
     * {@code [error]} line is far from the end of the output ({@value #TRAILING_FILE}); 0 removes
     * the file.
     */
    public void trailingLines(int lines) throws IOException {
        Path file = home.resolve(TRAILING_FILE);
        if (lines <= 0) {
            Files.deleteIfExists(file);
            return;
        }
        Files.writeString(file, lines + "\n");
        Modes.set(file, 0644);
        if (owner.isPresent()) {
            Processes.check(List.of("chown", owner.get() + ":" + Host.primaryGroup(owner.get()), file.toString()));
        }
    }

    // --- making the home -------------------------------------------------------------------

    private static void writePlatform(Path root) throws IOException {
        String note = "Placeholder of the aegir-maven-plugin test sandbox: not a real Drupal file.";
        write(root.resolve("index.php"), "<?php\n// Drupal 6 front controller. " + note + "\n", 0644);
        write(root.resolve("includes/bootstrap.inc"), "<?php\n// Drupal 6 bootstrap. " + note + "\n", 0644);
        write(
                root.resolve("modules/system/system.module"),
                "<?php\n// " + note + "\ndefine('VERSION', '6.20');\n",
                0644);
        write(
                root.resolve("profiles/hostmaster/hostmaster.profile"),
                "<?php\n// The hostmaster installation profile of Aegir 6.x-1.0-rc2. " + note + "\n",
                0644);
        write(root.resolve("sites/all/modules/README.txt"), note + "\n", 0644);
        write(
                root.resolve("sites/default/default.settings.php"),
                "<?php\n// " + note + "\n$db_url = 'mysql://username:password@localhost/databasename';\n",
                0644);
        Path site = root.resolve("sites").resolve(DOMAIN);
        write(
                site.resolve("settings.php"),
                "<?php\n// Settings of the hostmaster site " + DOMAIN + ". " + note + "\n"
                        + "$db_url = 'mysql://aegir_example_com:" + FAKE_DB_PASSWORD
                        + "@localhost:3306/aegir_example_com';\n"
                        + "$db_prefix = '';\n"
                        + "$profile = 'hostmaster';\n"
                        + "$install_profile = 'hostmaster';\n",
                0440);
        write(
                site.resolve("drushrc.php"),
                "<?php\n// " + note + "\n$options['uri'] = '" + DOMAIN + "';\n$options['profile'] = 'hostmaster';\n"
                        + "$options['db_type'] = 'mysqli';\n$options['db_host'] ="
                        + " 'localhost';\n$options['db_name'] = 'aegir_example_com';\n"
                        + "$options['db_user'] = 'aegir_example_com';\n$options['db_passwd'] = '" + FAKE_DB_PASSWORD
                        + "';\n",
                0644);
        mkdir(site.resolve("files"));
        write(
                site.resolve("files/.htaccess"),
                "SetHandler Drupal_Security_Do_Not_Remove_See_SA_2006_006\nOptions None\n",
                0644);
    }

    private static void writeAliases(Path home, Path oldPlatform, String scriptUser) throws IOException {
        Path dotDrush = home.resolve(".drush");
        Map<String, String> server = new LinkedHashMap<>();
        server.put("context_type", "server");
        server.put("remote_host", "localhost");
        server.put("aegir_root", home.toString());
        server.put("script_user", scriptUser);
        server.put("http_service_type", "apache");
        server.put("http_port", "80");
        server.put("db_service_type", "mysql");
        server.put("master_db", "mysql://aegir_root:" + FAKE_DB_PASSWORD + "@localhost");
        writeAlias(dotDrush, "server_master", server);

        Map<String, String> platform = new LinkedHashMap<>();
        platform.put("context_type", "platform");
        platform.put("server", "@server_master");
        platform.put("web_server", "@server_master");
        platform.put("root", oldPlatform.toString());
        platform.put("makefile", "");
        writeAlias(dotDrush, "platform_hostmaster", platform);

        Map<String, String> site = new LinkedHashMap<>();
        site.put("context_type", "site");
        site.put("platform", "@platform_hostmaster");
        site.put("server", "@server_master");
        site.put("db_server", "@server_master");
        site.put("uri", DOMAIN);
        site.put("root", oldPlatform.toString());
        site.put("site_path", oldPlatform.resolve("sites").resolve(DOMAIN).toString());
        site.put("profile", "hostmaster");
        site.put("language", "en");
        site.put("client_email", "admin@" + DOMAIN);
        writeAlias(dotDrush, "hostmaster", site);
    }

    /** Writes {@code ~/.drush/NAME.alias.drushrc.php} as provision does (a PHP array). */
    static void writeAlias(Path dotDrush, String name, Map<String, String> values) throws IOException {
        StringBuilder php = new StringBuilder("<?php \n$aliases['").append(name).append("'] = array (\n");
        values.forEach((key, value) -> php.append("  '")
                .append(phpString(key))
                .append("' => '")
                .append(phpString(value))
                .append("',\n"));
        php.append(");\n");
        write(dotDrush.resolve(name + ".alias.drushrc.php"), php.toString(), 0644);
    }

    private static String phpString(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    /** Extracts one of the harness's own release tarballs (trusted) below {@code target}. */
    static void extract(Path tarball, Path target) throws IOException {
        List<Path> directories = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarball);
                GzipCompressorInputStream gz = new GzipCompressorInputStream(in);
                TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("Entry " + entry.getName() + " of " + tarball + " leaves " + target
                            + "; the harness extracts only its own fixtures");
                }
                if (entry.isDirectory()) {
                    mkdir(path);
                    directories.add(path);
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path);
                    Modes.set(path, (entry.getMode() & 0111) != 0 ? 0755 : 0644);
                    Files.setLastModifiedTime(
                            path, FileTime.from(entry.getModTime().toInstant()));
                } else {
                    throw new IOException(
                            "Entry " + entry.getName() + " of " + tarball + " is neither a file nor a directory");
                }
            }
        }
        for (Path dir : directories) {
            Modes.set(dir, 0755);
        }
    }

    private static Path mkdir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Modes.set(dir, 0755);
        return dir;
    }

    private static void write(Path file, String text, int mode) throws IOException {
        createDirectoriesTraversable(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Modes.set(file, mode);
    }

    /** Creates {@code dir} and any missing parents with mode 0755. */
    public static void createDirectoriesTraversable(Path dir) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            Modes.set(p, 0755);
        }
    }

    private static void requireTraversable(Path home) throws IOException {
        for (Path dir = home.getParent(); dir != null; dir = dir.getParent()) {
            if ((Modes.of(dir.toRealPath()) & 0001) == 0) {
                throw new IOException("The sandbox home " + home + " is not reachable by other users: " + dir
                        + " is not world-traversable (mode " + String.format("%04o", Modes.of(dir.toRealPath()))
                        + "). Make homes for the aegir user under a world-traversable directory"
                        + " such as /tmp/aegir-it.");
            }
        }
    }
}
