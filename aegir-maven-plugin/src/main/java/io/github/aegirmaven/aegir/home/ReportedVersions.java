package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What each real release reports as its own version, exactly, so that the checks after install accept that and
 * nothing looser (DOMAIN.md section 8, "Versions each real release reports"):
 * <ul>
 *   <li>drush: {@code drush.info} says {@code drush_version=4.4} for the drupal.org release {@code 7.x-4.4}, and
 *       {@code drush --version} prints exactly {@code drush version 4.4};</li>
 *   <li>provision: the packaging script's {@code version = "6.x-1.0-rc3"}, the last of the {@code version} lines
 *       of {@code provision.info} (an earlier {@code version = 0.4} from git does not count);</li>
 *   <li>drush_make: {@code drush_make_version()} returns the release without its core prefix ({@code '2.2'} for
 *       6.x-2.2), except where the release says otherwise: 6.x-2.1 returns {@code '2.0-dev'}.</li>
 * </ul>
 */
public final class ReportedVersions {

    /** Releases that report something other than the general rule: "project version" to what they report. */
    private static final Map<String, String> EXCEPTIONS =
            Map.of("drush_make 6.x-2.1", "2.0-dev"); // drush_make@6.x-2.1:drush_make.drush.inc drush_make_version()

    private static final Pattern CORE_PREFIX = Pattern.compile("^\\d+\\.x-");

    private ReportedVersions() {}

    /**
     * The version the pinned release declares in its own files, as {@link InstalledVersions#declaredVersion} reads
     * it: {@code 4.4} for drush 7.x-4.4, {@code 6.x-1.0-rc3} for provision 6.x-1.0-rc3, {@code 2.0-dev} for
     * drush_make 6.x-2.1.
     */
    public static String declared(Component component, String pin) {
        String exception = EXCEPTIONS.get(component.project() + " " + pin);
        if (exception != null) {
            return exception;
        }
        return switch (component) {
            case PROVISION -> pin;
            case DRUSH, DRUSH_MAKE -> CORE_PREFIX.matcher(pin).replaceFirst("");
        };
    }

    /**
     * The release of {@code component} known to report {@code reported} although the general rule would name
     * another ({@code 6.x-2.1} for drush_make's {@code 2.0-dev}); empty for every other version.
     */
    public static java.util.Optional<String> releaseReporting(Component component, String reported) {
        return EXCEPTIONS.entrySet().stream()
                .filter(e -> e.getKey().startsWith(component.project() + " ")
                        && e.getValue().equals(reported.strip()))
                .map(e -> e.getKey().substring(component.project().length() + 1))
                .findFirst();
    }

    /** Whether {@code declared}, read from a tree's files, is exactly what the pinned release declares. */
    public static boolean declares(Component component, String pin, String declared) {
        return declared.equals(declared(component, pin));
    }

    /**
     * Whether a line printed by {@code drush --version} is exactly what the pinned drush release prints: {@code drush
     * version 4.4} for drush 4 (and 5); drush 6 and later print a table row, {@code Drush Version   :  8.4.12}.
     */
    public static boolean isDrushVersionLine(String drushPin, String line) {
        String version = declared(Component.DRUSH, drushPin);
        if (line.equals(drushVersionLine(drushPin))) {
            return true;
        }
        return majorOf(drushPin) >= 6 && line.matches("\\s*Drush Version\\s+:\\s+" + Pattern.quote(version) + "\\s*");
    }

    /** What drush 4 prints for {@code drush --version}: {@code drush version 4.4}. */
    public static String drushVersionLine(String drushPin) {
        return "drush version " + declared(Component.DRUSH, drushPin);
    }

    private static int majorOf(String pin) {
        return DrupalVersion.isValid(pin) ? DrupalVersion.parse(pin).major() : 0;
    }
}
