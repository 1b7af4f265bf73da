package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.PhpIncludePath;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.Sha256;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * drush 4 and PEAR's Console_Table (DOMAIN.md section 8): on every command, {@code --version} included, drush 4 looks
 * for {@code Console/Table.php} on PHP's include_path, then for a non-empty {@code drush/includes/table.inc}; when
 * both are missing it tries to download the file from a host that no longer answers, and fails
 * ({@code DRUSH_TABLES_INC}). Release tarballs never contain {@code table.inc}: a server has it because drush
 * fetched it once. Replacing {@code drush/} would drop that copy.
 *
 * <p>So, before anything changes, {@link #decide} settles how the new drush will find Console_Table: the old drush's
 * {@code includes/table.inc}, when it has one, is carried into the staged new drush (so it moves in with the
 * journaled swap and goes away with a rollback); otherwise Console_Table must be on the include_path of the PHP
 * that runs drush; otherwise the upgrade is refused, saying how to fix it. Carrying even when PEAR's copy is
 * installed keeps the new drush as self-sufficient as the old one, whichever PHP runs it later (cron runs
 * {@code drush.php} through its shebang). After the swap, {@link #checkNoDownload} makes sure the new drush did
 * not fetch the file itself while it was checked.
 */
public final class ConsoleTable {

    /** Where drush 4 keeps its own copy, relative to the drush directory. */
    public static final String TABLE_INC = "includes/table.inc";
    /** What drush 4 looks for on PHP's include_path first (Debian: {@code php-console-table}). */
    public static final String PEAR_FILE = "Console/Table.php";

    /** How the new drush finds Console_Table. */
    public enum Source {
        /** The new drush does not need it (not a drush 4 release, or drush is not replaced). */
        NOT_NEEDED,
        /** The old drush's {@code includes/table.inc} is copied into the new drush. */
        CARRIED,
        /** PEAR's {@code Console/Table.php} is on the include_path of the PHP that runs drush. */
        INCLUDE_PATH
    }

    private final Source source;
    private final Optional<Path> oldTableInc;
    private final Optional<String> sha256;
    private final Optional<String> includePathFile;

    private ConsoleTable(
            Source source, Optional<Path> oldTableInc, Optional<String> sha256, Optional<String> includePathFile) {
        this.source = source;
        this.oldTableInc = oldTableInc;
        this.sha256 = sha256;
        this.includePathFile = includePathFile;
    }

    /** Nothing to do: the new drush does not need Console_Table, or drush is not replaced. */
    public static ConsoleTable notNeeded() {
        return new ConsoleTable(Source.NOT_NEEDED, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether this drush release looks for Console_Table on every command: drush 4 (DOMAIN.md section 8). */
    public static boolean needs(Release drush) {
        return DrupalVersion.isValid(drush.version())
                && DrupalVersion.parse(drush.version()).major() == 4;
    }

    /**
     * Decides, reading only, how {@code newDrush} (about to replace the home's drush) will find Console_Table.
     *
     * @param newDrush the drush release being installed, or empty when drush is not replaced
     * @param probe    asks the configured PHP, as the aegir user, where {@value #PEAR_FILE} is on its include_path;
     *                 asked only when the old drush has no {@value #TABLE_INC}
     * @throws UserFixableException when neither place has it, saying how to fix it; nothing was changed
     */
    public static ConsoleTable decide(
            AegirHome home, Optional<Release> newDrush, PhpIncludePath.Probe probe, String php, String aegirUser)
            throws IOException, UserFixableException {
        if (newDrush.isEmpty() || !needs(newDrush.get())) {
            return notNeeded();
        }
        Path old = home.drushDir().resolve(TABLE_INC);
        if (usable(old)) {
            return new ConsoleTable(Source.CARRIED, Optional.of(old), Optional.of(Sha256.of(old)), Optional.empty());
        }
        PhpIncludePath.Lookup lookup = probe.find(php, aegirUser, PEAR_FILE);
        if (lookup.resolved().isPresent()) {
            return new ConsoleTable(Source.INCLUDE_PATH, Optional.empty(), Optional.empty(), lookup.resolved());
        }
        throw new UserFixableException("drush " + newDrush.get().version() + " (drushVersion, "
                + Setting.DRUSH_VERSION.flag() + ")"
                + " needs PEAR's Console_Table on every command, --version included, and finds it nowhere here: "
                + PEAR_FILE + " is not on the include_path of the PHP that runs drush (php: " + php + ", run as "
                + aegirUser + "; its include_path is '" + lookup.includePath() + "'), and the old drush has no "
                + TABLE_INC + " to carry over (" + old
                + (Files.exists(old, LinkOption.NOFOLLOW_LINKS)
                        ? " is empty or not a" + " readable file"
                        : " does not exist")
                + "). Release tarballs never contain table.inc, and the new"
                + " drush would try to download it from a host that no longer answers, and fail. Nothing was changed."
                + " Fix one of them, then run again: install Debian's php-console-table package (apt-get install"
                + " php-console-table, which puts " + PEAR_FILE + " on PHP's default include_path), or put a copy of"
                + " Console_Table's Table.php at " + old + ", owned by " + aegirUser + ".");
    }

    /** A non-empty regular file (drush 4 downloads again over an empty one); a link counts when its target does. */
    private static boolean usable(Path tableInc) throws IOException {
        return Files.isRegularFile(tableInc) && Files.isReadable(tableInc) && Files.size(tableInc) > 0;
    }

    public Source source() {
        return source;
    }

    /** The SHA-256 of the carried {@value #TABLE_INC}, when it is carried. */
    public Optional<String> sha256() {
        return sha256;
    }

    /** What the install record notes for drush: the carried file and its SHA-256; empty when nothing is carried. */
    public Map<String, String> carried() {
        return sha256.map(s -> Map.of(TABLE_INC, s)).orElse(Map.of());
    }

    /** One line for the log and the dry run. */
    public String describe() {
        return switch (source) {
            case NOT_NEEDED -> "Console_Table: not needed by the new drush.";
            case CARRIED ->
                "Console_Table: the old drush's " + oldTableInc.orElseThrow() + " (sha256 " + sha256.orElseThrow()
                        + ") is carried into the new drush (release tarballs never contain it).";
            case INCLUDE_PATH ->
                "Console_Table: found on the include_path of the PHP that runs drush, at "
                        + includePathFile.orElseThrow() + "; nothing to carry.";
        };
    }

    /**
     * Copies the old {@value #TABLE_INC} into a staged drush tree (before it is swapped in), mode 0644; a symbolic
     * link is copied as the link itself, never followed. Does nothing unless {@link Source#CARRIED}.
     */
    public void carryInto(Path stagedDrush) throws IOException, UserFixableException {
        if (source != Source.CARRIED) {
            return;
        }
        Path from = oldTableInc.orElseThrow();
        Path to = stagedDrush.resolve(TABLE_INC);
        Files.createDirectories(to.getParent());
        Files.copy(from, to, LinkOption.NOFOLLOW_LINKS, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isSymbolicLink(to)) {
            Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
        }
        String copied = Sha256.of(to);
        if (!copied.equals(sha256.orElseThrow())) {
            throw new UserFixableException(from + " changed while it was carried into the new drush (sha256 "
                    + sha256.orElseThrow() + " when planned, " + copied + " copied). Nothing was changed; run again"
                    + " when nothing else writes to the drush directory.");
        }
    }

    /**
     * After the new drush ran: its {@value #TABLE_INC} must be exactly what was carried, or absent when nothing was,
     * else drush fetched Console_Table itself (a download, from outside the verified releases).
     *
     * @throws UserFixableException when it is not
     */
    public void checkNoDownload(Path drushDir) throws IOException, UserFixableException {
        if (source == Source.NOT_NEEDED) {
            return;
        }
        Path file = drushDir.resolve(TABLE_INC);
        boolean exists = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
        Optional<String> now = exists && Files.isRegularFile(file) ? Optional.of(Sha256.of(file)) : Optional.empty();
        if (source == Source.CARRIED ? now.equals(sha256) : !exists) {
            return;
        }
        throw new UserFixableException("The new drush changed its own " + file + " while it was checked ("
                + (source == Source.CARRIED
                        ? "carried with sha256 " + sha256.orElseThrow() + ", now " + now.orElse("gone")
                        : "it did not exist, and Console_Table is on PHP's include_path")
                + "): drush"
                + " tried to download Console_Table, which is not part of the verified releases. Check the include_path"
                + " of " + Setting.PHP + " and " + TABLE_INC + " of the old drush, then run again.");
    }
}
