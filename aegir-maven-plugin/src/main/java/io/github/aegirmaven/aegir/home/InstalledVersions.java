package io.github.aegirmaven.aegir.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is installed in an Aegir home, read from the files themselves (not from this plugin's record):
 * <ul>
 *   <li>drush: {@code drush/drush.info}, key {@code drush_version} (drupal.org's release {@code 7.x-4.4} says
 *       {@code drush_version=4.4}); {@code version} when there is no {@code drush_version};</li>
 *   <li>provision: {@code .drush/provision/provision.info}, the last {@code version} line (the packaging
 *       script's {@code version = "6.x-1.0-rc3"} after git's {@code version=0.4});</li>
 *   <li>drush_make: a {@code drush_make.info} {@code version} when there is one, else the value returned by
 *       {@code drush_make_version()} in {@code drush_make.drush.inc} (6.x-2.2 says {@code '2.2'}).</li>
 * </ul>
 * Versions are returned raw; compare them to a pin with {@link #sameRelease}.
 */
public final class InstalledVersions {

    private static final Pattern DRUSH_MAKE_VERSION = Pattern.compile(
            "function\\s+drush_make_version\\s*\\(\\s*\\)\\s*\\{\\s*return\\s*(['\"])([^'\"]+)\\1\\s*;");
    private static final Pattern CORE_PREFIX = Pattern.compile("^\\d+\\.x-");

    private InstalledVersions() {}

    /** The three backend components the upgrade replaces. */
    public enum Component {
        DRUSH("drush"),
        PROVISION("provision"),
        DRUSH_MAKE("drush_make");

        private final String project;

        Component(String project) {
            this.project = project;
        }

        /** The drupal.org project name, which is also the tarball's top directory. */
        public String project() {
            return project;
        }

        /** Where the component lives in the home. */
        public Path dir(AegirHome home) {
            return switch (this) {
                case DRUSH -> home.drushDir();
                case PROVISION -> home.provisionDir();
                case DRUSH_MAKE -> home.drushMakeDir();
            };
        }
    }

    /** Raw installed versions; empty when the component is missing or says nothing. */
    public record Installed(Optional<String> drush, Optional<String> provision, Optional<String> drushMake) {

        public Optional<String> of(Component c) {
            return switch (c) {
                case DRUSH -> drush;
                case PROVISION -> provision;
                case DRUSH_MAKE -> drushMake;
            };
        }

        /** Whether the installed component is the pinned release (see {@link InstalledVersions#sameRelease}). */
        public boolean matches(Component c, String pin) {
            return of(c).map(v -> sameRelease(v, pin)).orElse(false);
        }
    }

    public static Installed read(AegirHome home) throws IOException {
        return new Installed(
                declaredVersion(Component.DRUSH, home.drushDir()),
                declaredVersion(Component.PROVISION, home.provisionDir()),
                declaredVersion(Component.DRUSH_MAKE, home.drushMakeDir()));
    }

    /**
     * The version a tree of the component declares in its own files, wherever the tree is (installed, or staged
     * before the swap): drush.info's {@code drush_version}, provision.info's last {@code version}, drush_make's
     * hard-coded {@code drush_make_version()}.
     */
    public static Optional<String> declaredVersion(Component component, Path tree) throws IOException {
        switch (component) {
            case DRUSH: {
                Path info = tree.resolve("drush.info");
                Optional<String> drush = InfoFile.value(info, "drush_version");
                return drush.isPresent() ? drush : InfoFile.version(info);
            }
            case PROVISION:
                return InfoFile.version(tree.resolve("provision.info"));
            default:
                return drushMakeVersion(tree);
        }
    }

    /** drush_make's version: its .info file if it has one, else {@code drush_make_version()}'s return value. */
    public static Optional<String> drushMakeVersion(Path drushMakeDir) throws IOException {
        Optional<String> info = InfoFile.version(drushMakeDir.resolve("drush_make.info"));
        if (info.isPresent()) {
            return info;
        }
        Path inc = drushMakeDir.resolve("drush_make.drush.inc");
        if (!Files.isRegularFile(inc)) {
            return Optional.empty();
        }
        Matcher m = DRUSH_MAKE_VERSION.matcher(Files.readString(inc, StandardCharsets.ISO_8859_1));
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /**
     * Whether an installed version string names the pinned release. Equal strings match; when only one of
     * the two carries a drupal.org core prefix ({@code 7.x-}), it is ignored, so drush's {@code 4.4} is the
     * release {@code 7.x-4.4} and drush_make's {@code 2.2} is {@code 6.x-2.2}; missing trailing numeric parts
     * count as zero ({@code 4.4} is git's {@code 4.4.0}). Extras ({@code -rc3}) must be equal.
     */
    public static boolean sameRelease(String installed, String pin) {
        String a = installed.strip();
        String b = pin.strip();
        if (a.equals(b)) {
            return true;
        }
        boolean pa = CORE_PREFIX.matcher(a).find();
        boolean pb = CORE_PREFIX.matcher(b).find();
        if (pa != pb) {
            a = CORE_PREFIX.matcher(a).replaceFirst("");
            b = CORE_PREFIX.matcher(b).replaceFirst("");
        } else if (pa) {
            String ca = a.substring(0, a.indexOf('-'));
            String cb = b.substring(0, b.indexOf('-'));
            if (!ca.equals(cb)) {
                return false;
            }
            a = a.substring(ca.length() + 1);
            b = b.substring(cb.length() + 1);
        }
        String extraA = a.contains("-") ? a.substring(a.indexOf('-')) : "";
        String extraB = b.contains("-") ? b.substring(b.indexOf('-')) : "";
        if (!extraA.equals(extraB)) {
            return false;
        }
        String[] na = a.substring(0, a.length() - extraA.length()).split("\\.", -1);
        String[] nb = b.substring(0, b.length() - extraB.length()).split("\\.", -1);
        int n = Math.max(na.length, nb.length);
        for (int i = 0; i < n; i++) {
            String x = i < na.length ? na[i] : "0";
            String y = i < nb.length ? nb[i] : "0";
            if (x.equals(y)) {
                continue;
            }
            if (x.chars().allMatch(Character::isDigit)
                    && y.chars().allMatch(Character::isDigit)
                    && !x.isEmpty()
                    && !y.isEmpty()
                    && Long.parseLong(x) == Long.parseLong(y)) {
                continue;
            }
            return false;
        }
        return !Arrays.asList(na).contains("") && !Arrays.asList(nb).contains("");
    }
}
