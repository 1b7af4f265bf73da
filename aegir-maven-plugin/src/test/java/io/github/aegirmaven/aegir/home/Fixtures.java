package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.BackupSets;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A small Aegir home on disk, laid out as the manual's rc2 -> rc3 upgrade finds it. Test support. */
public final class Fixtures {

    public static final String DOMAIN = "aegir.example.com";
    /** The old drush's {@code includes/table.inc}: a test stand-in for PEAR's Console_Table. */
    public static final String TABLE_INC =
            "<?php\n// Test stand-in for PEAR Console_Table, fetched by drush 4.\n" + "class Console_Table {}\n";

    private Fixtures() {}

    /**
     * drush 7.x-4.4 (with the {@code includes/table.inc} drush fetched once), provision 6.x-1.0-rc2, drush_make
     * 6.x-2.2, hostmaster-6.x-1.0-rc2 with the site.
     */
    public static AegirHome rc2Home(Path root) throws Exception {
        AegirHome home = AegirHome.at(root);
        write(home.drushPhp(), "<?php\n// stand-in drush 4.4\n");
        // Fetched by drush 4 long ago, as on every real server: no release tarball contains it.
        write(home.drushDir().resolve("includes/table.inc"), TABLE_INC);
        write(
                home.drushInfo(),
                "drush_version=4.4\n\n; Information added by drupal.org packaging script on 2011-03-15\n"
                        + "version = \"7.x-4.4\"\nproject = \"drush\"\ndatestamp = \"1300214165\"\n");
        write(
                home.provisionInfo(),
                "name=Provision\ndescription=\"Aegir backend\"\nversion=0.4\n\n"
                        + "; Information added by drupal.org packaging script on 2011-03-10\nversion ="
                        + " \"6.x-1.0-rc2\"\n"
                        + "core = \"6.x\"\nproject = \"provision\"\n");
        write(home.provisionDir().resolve("provision.drush.inc"), "<?php // provision rc2\n");
        write(
                home.drushMakeDir().resolve("drush_make.drush.inc"),
                "<?php\n/**\n * drush_make's version.\n */\nfunction drush_make_version() {\n  return '2.2';\n}\n");
        write(home.serverMasterAlias(), "<?php\n$aliases['server_master'] = array('context_type' => 'server');\n");
        write(
                home.hostmasterAlias(),
                "<?php\n$aliases['hostmaster'] = array('context_type' => 'site', 'uri' => '" + DOMAIN + "', 'root' => '"
                        + root.resolve("hostmaster-6.x-1.0-rc2") + "');\n");
        drupalRoot(root.resolve("hostmaster-6.x-1.0-rc2"));
        write(
                root.resolve("hostmaster-6.x-1.0-rc2/sites/" + DOMAIN + "/settings.php"),
                "<?php\n$db_url = 'mysqli://aegir:secret@localhost/aegir';\n");
        return home;
    }

    /**
     * On an {@link #rc2Home}: what a backend upgrade followed by the start of hostmaster-migrate leaves: provision
     * 6.x-1.0-rc3 installed, the rc2 one in a new backup set, whose manifest notes the migration from
     * hostmaster-6.x-1.0-rc2 to hostmaster-6.x-1.0-rc3 (the site not moved yet). No crontab is saved in the set.
     */
    public static BackupSet upgradedWithMigrationNoted(AegirHome home, java.time.Clock clock) throws Exception {
        Path staged = SwapTransaction.newStagingDir(home.provisionDir()).resolve("provision");
        write(staged.resolve("provision.info"), "version = \"6.x-1.0-rc3\"\nproject = \"provision\"\n");
        BackupSet set = BackupSets.create(home, clock);
        SwapTransaction.begin(home, set, io.github.aegirmaven.aegir.core.BuildLog.NONE)
                .replace(home.provisionDir(), staged)
                .commit();
        new MigrationNote(
                        DOMAIN,
                        home.root().resolve("hostmaster-6.x-1.0-rc2"),
                        home.root().resolve("hostmaster-6.x-1.0-rc3"))
                .writeTo(set);
        return set;
    }

    /** Points the hostmaster alias at {@code root}, as provision-migrate's provision-save does. */
    public static void pointAlias(AegirHome home, Path root) throws IOException {
        write(
                home.hostmasterAlias(),
                "<?php\n$aliases['hostmaster'] = array('context_type' => 'site', 'uri' => '" + DOMAIN + "', 'root' => '"
                        + root + "', 'site_path' => '" + root.resolve("sites/" + DOMAIN) + "');\n");
    }

    /** A complete Drupal 6 root (only the marker files). */
    public static Path drupalRoot(Path dir) throws IOException {
        for (String f : new String[] {
            "index.php",
            "includes/bootstrap.inc",
            "includes/common.inc",
            "modules/system/system.module",
            "misc/drupal.js",
            "sites/default/default.settings.php",
            "profiles/default/default.profile"
        }) {
            write(dir.resolve(f), "<?php // " + f + "\n");
        }
        Files.createDirectories(dir.resolve("sites/all"));
        return dir;
    }

    public static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** Every file under {@code dir} with its content, by relative path: to compare trees before and after. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String rel = dir.relativize(p).toString();
                if (Files.isRegularFile(p)) {
                    out.put(rel, Files.readString(p, StandardCharsets.ISO_8859_1));
                } else if (Files.isDirectory(p)) {
                    out.put(rel + "/", "");
                }
            }
        }
        return out;
    }
}
