package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.backup.BackupSet;
import io.github.aegirmaven.aegir.home.backup.MigrationNote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Aegir manual's way to move the hostmaster site back to its old platform after a migration (provision-delete,
 * the alias pointed back, provision-deploy of the backup provision made while migrating), as advice for a rollback
 * that refuses to put the old backend under the migrated frontend. The commands are advised only when what they
 * rely on is there: provision's backup tarball of the site in {@code ~/backups} made since the backup set, the
 * hostmaster alias, and the alias of the old platform; otherwise the advice says what is missing. Reads only.
 */
final class FrontendWayBack {

    private static final Pattern ENTRY = Pattern.compile("'([A-Za-z_]+)'\\s*=>\\s*'((?:[^'\\\\]|\\\\.)*)'");
    private static final String ALIAS_SUFFIX = ".alias.drushrc.php";

    private FrontendWayBack() {}

    /** The advice for moving the site of {@code m} back, or why none can be given. */
    static String advice(AegirHome home, BackupSet set, MigrationNote m) throws IOException {
        String drush = "php " + home.drushPhp();
        Path backups = home.root().resolve("backups");
        Optional<Path> backup = provisionBackup(backups, m.domain(), set.created());
        if (backup.isEmpty()) {
            return "The Aegir manual moves the frontend back by deploying the backup provision makes while migrating,"
                    + " but there is none: " + backups + " has no " + m.domain() + "-*.tar.gz newer than " + set.dir()
                    + ". Put the site back on " + m.from() + " from a backup of your own (its files and its database),"
                    + " then run aegir:rollback again.";
        }
        Path alias = home.hostmasterAlias();
        if (!Files.isRegularFile(alias)) {
            return "The Aegir manual's way back relies on the hostmaster alias " + alias + ", which is missing;"
                    + " restore it (it names the site's 'root', 'site_path' and 'platform'), then run"
                    + " aegir:rollback again.";
        }
        List<String> entries = List.of("root", "site_path", "platform");
        Optional<Path> oldPlatformAlias = aliasWithRoot(home, m.from());
        if (oldPlatformAlias.isEmpty()) {
            return "The Aegir manual's way back points 'platform' in " + alias + " back at the old platform's alias,"
                    + " but no platform_*" + ALIAS_SUFFIX + " in " + home.dotDrush() + " has 'root' => '" + m.from()
                    + "'."
                    + " Save the old platform's alias again (provision-save with context_type=platform and root="
                    + m.from() + "), then run aegir:rollback again for the steps.";
        }
        String oldPlatform = "@" + aliasName(oldPlatformAlias.get());
        String now = readEntries(alias, entries);
        return "Move the frontend back first, as the aegir user and with the drush now installed (the Aegir manual's"
                + " way back): `" + drush + " @hostmaster provision-delete`; set 'root' in " + alias + " back to "
                + m.from() + ", 'site_path' back to "
                + m.from().resolve("sites").resolve(m.domain())
                + " and 'platform' back to '" + oldPlatform + "' (the old platform's alias, " + oldPlatformAlias.get()
                + ", whose 'root' is " + m.from() + ")" + (now.isEmpty() ? "" : "; they are now " + now) + "; then `"
                + drush + " @hostmaster"
                + " provision-deploy " + backup.get() + "` (the backup of " + m.domain() + " that provision made"
                + " while migrating). Then run aegir:rollback again: it restores the backend once the site is no longer"
                + " in " + m.to() + ".";
    }

    /** provision's backup of {@code domain} ({@code DOMAIN-YYYYMMDD.HHMMSS.tar.gz}) made since {@code since}. */
    static Optional<Path> provisionBackup(Path backups, String domain, Instant since) throws IOException {
        if (!Files.isDirectory(backups)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(backups)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.startsWith(domain + "-") && n.endsWith(".tar.gz");
                    })
                    .filter(p -> modified(p).compareTo(since.minusSeconds(1)) >= 0)
                    .max(Comparator.comparing(FrontendWayBack::modified));
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    /** The {@code platform_*} alias file whose {@code 'root'} is {@code root}. */
    static Optional<Path> aliasWithRoot(AegirHome home, Path root) throws IOException {
        for (Path p : home.platformAliases()) {
            if (entry(p, "root").map(r -> r.equals(root.toString())).orElse(false)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static String aliasName(Path aliasFile) {
        String n = aliasFile.getFileName().toString();
        return n.substring(0, n.length() - ALIAS_SUFFIX.length());
    }

    private static String readEntries(Path alias, List<String> keys) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            Optional<String> v = entry(alias, k);
            if (v.isPresent()) {
                sb.append(sb.length() == 0 ? "" : ", ")
                        .append("'")
                        .append(k)
                        .append("' => '")
                        .append(v.get())
                        .append("'");
            }
        }
        return sb.toString();
    }

    /** A {@code 'key' => 'value'} entry of a drush alias file. */
    static Optional<String> entry(Path aliasFile, String key) throws IOException {
        if (!Files.isRegularFile(aliasFile)) {
            return Optional.empty();
        }
        Matcher m = ENTRY.matcher(Files.readString(aliasFile, StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return Optional.of(m.group(2).replace("\\'", "'").replace("\\\\", "\\"));
            }
        }
        return Optional.empty();
    }
}
