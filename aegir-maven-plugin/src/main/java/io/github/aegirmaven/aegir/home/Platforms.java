package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Drupal platforms in the Aegir home, and finding the old hostmaster platform ({@code $OLD_DRUPAL_DIR}): the
 * directory one level under the home that holds {@code sites/<domain>/settings.php}, as Aegir's own upgrade
 * script checks before it starts.
 */
public final class Platforms {

    /** What a complete Drupal 6/7 platform has; a half-built (make failed half-way) one lacks some. */
    private static final List<String> COMPLETE_PARTS = List.of(
            "index.php",
            "includes/bootstrap.inc",
            "includes/common.inc",
            "modules/system/system.module",
            "misc/drupal.js",
            "profiles/",
            "sites/",
            "sites/default/default.settings.php");

    private Platforms() {}

    /** A Drupal 6/7 root: {@code index.php}, {@code includes/bootstrap.inc} and a {@code sites/} directory. */
    public static boolean isDrupalRoot(Path dir) {
        return Files.isDirectory(dir)
                && Files.isRegularFile(dir.resolve("index.php"))
                && Files.isRegularFile(dir.resolve("includes/bootstrap.inc"))
                && Files.isDirectory(dir.resolve("sites"));
    }

    /** Whether the platform {@code dir} holds the site {@code domain}: {@code sites/<domain>/settings.php}. */
    public static boolean holdsSite(Path dir, String domain) {
        return Files.isRegularFile(dir.resolve("sites").resolve(domain).resolve("settings.php"));
    }

    /** The parts of a complete Drupal 6/7 platform that {@code dir} lacks (empty when complete). */
    public static List<String> missingParts(Path dir) {
        List<String> missing = new ArrayList<>();
        for (String part : COMPLETE_PARTS) {
            Path p = dir.resolve(part);
            boolean ok = part.endsWith("/") ? Files.isDirectory(p) : Files.isRegularFile(p);
            if (!ok) {
                missing.add(part);
            }
        }
        return missing;
    }

    /** A Drupal root with every part of a complete platform, as opposed to a half-built one. */
    public static boolean isCompletePlatform(Path dir) {
        return Files.isDirectory(dir) && missingParts(dir).isEmpty();
    }

    /**
     * Directories directly under the home that are Drupal roots or named {@code hostmaster-*}, sorted; hidden
     * directories (staging, state) and backup sets are skipped.
     */
    public static List<Path> candidates(AegirHome home) throws IOException {
        if (!Files.isDirectory(home.root())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(home.root())) {
            return s.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !AegirHome.isBackupSetName(p.getFileName().toString()))
                    .filter(p -> p.getFileName().toString().startsWith("hostmaster-") || isDrupalRoot(p))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The result of looking for the platform that serves the hostmaster site. */
    public record Search(AegirHome home, String domain, List<Path> matches, List<Path> checked) {

        /**
         * The one platform found.
         *
         * @throws UserFixableException when none or several hold the site
         */
        public Path requireOne() throws UserFixableException {
            if (matches.size() == 1) {
                return matches.get(0);
            }
            String where = "sites/" + domain + "/settings.php";
            if (matches.isEmpty()) {
                throw new UserFixableException("Cannot find the old hostmaster platform: no directory under "
                        + home.root()
                        + " has " + where + " (checked: "
                        + (checked.isEmpty() ? "no platform directories at all" : names(checked))
                        + "). Check aegirDomain (" + Setting.DOMAIN.flag() + "=" + domain + ") or set oldHostmasterDir "
                        + "(" + Setting.OLD_HOSTMASTER_DIR.flag() + ") to the hostmaster platform's root.");
            }
            throw new UserFixableException(
                    "Found " + matches.size() + " platforms under " + home.root() + " with " + where
                            + ": " + names(matches)
                            + ". Set " + Setting.OLD_HOSTMASTER_DIR + " to the one the hostmaster "
                            + "site runs on (see 'root' in " + home.hostmasterAlias() + ").");
        }

        private static String names(List<Path> paths) {
            return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
        }
    }

    /**
     * Looks for the platform holding {@code sites/<domain>/settings.php} among {@link #candidates}.
     *
     * @throws UserFixableException when the domain could not be a directory name under {@code sites/}
     */
    public static Search findHostmaster(AegirHome home, String domain) throws UserFixableException, IOException {
        if (domain == null
                || domain.isBlank()
                || domain.contains("/")
                || domain.contains("\\")
                || domain.equals(".")
                || domain.equals("..")
                || domain.contains("\0")) {
            throw new UserFixableException(Setting.DOMAIN + " must be the hostmaster site's domain such as "
                    + "aegir.example.com, but was '" + domain + "'.");
        }
        List<Path> checked = candidates(home);
        List<Path> matches = new ArrayList<>();
        for (Path dir : checked) {
            if (holdsSite(dir, domain)) {
                matches.add(dir);
            }
        }
        return new Search(home, domain, List.copyOf(matches), checked);
    }
}
