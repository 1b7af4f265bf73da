package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The drush, provision and drush_make series this plugin installs together: the one table of them in the code
 * (README, "Supported combinations", shows the same). Any other combination is refused before anything is
 * downloaded.
 *
 * <p>Only drush 4 is installable: the plugin installs drush as the drupal.org {@code drush/} tarball
 * ({@code drush-7.x-4.4.tar.gz}), runs {@code php drush/drush.php}, and knows hostmaster-migrate as provision
 * 6.x-1.x does it (DOMAIN.md 1.2, 2.1). drush 5 and later carry {@code make} themselves and Aegir's own
 * upgrade scripts take them elsewhere (drush 5.10.0 from GitHub for provision 6.x-2.x; a PHAR of drush 6 to 8
 * for 7.x-3.x, DOMAIN.md 2.2), whose migration stops the queue and keeps the crontab differently (1.3, 1.4).
 */
public final class SupportedCombinations {

    /** A release series: the drupal.org core prefix and the major, e.g. {@code 7.x-4.x}. */
    public record Series(int core, int major) {

        /** Whether a version belongs to this series ({@code 7.x-4.4} to {@code 7.x-4.x}; {@code 4.4.0} does not). */
        public boolean contains(DrupalVersion version) {
            return version.coreMajor().equals(OptionalInt.of(core)) && version.major() == major;
        }

        @Override
        public String toString() {
            return core + ".x-" + major + ".x";
        }
    }

    /**
     * One supported combination.
     *
     * @param drushMake the drush_make series to install with it; empty where drush carries make itself
     * @param example the parameters of one release set of it, for messages
     */
    public record Combination(Series drush, Series provision, Optional<Series> drushMake, String example) {

        /** "drush 7.x-4.x with provision 6.x-1.x and drush_make 6.x-2.x". */
        public String describe() {
            return "drush " + drush + " with provision " + provision
                    + drushMake.map(m -> " and drush_make " + m).orElse(" (drush carries make: no drush_make)");
        }
    }

    /** The table: drush 4 with provision 6.x-1.x needs drush_make 6.x-2.x (Aegir 6.x-1.x's upgrade.sh.txt). */
    public static final SupportedCombinations SUPPORTED = new SupportedCombinations(List.of(new Combination(
            new Series(7, 4),
            new Series(6, 1),
            Optional.of(new Series(6, 2)),
            "drushVersion 7.x-4.4, aegirVersion 6.x-1.0-rc3, drushMakeVersion 6.x-2.2")));

    private final List<Combination> combinations;

    SupportedCombinations(List<Combination> combinations) {
        this.combinations = List.copyOf(combinations);
    }

    public List<Combination> combinations() {
        return combinations;
    }

    /** The combination a drush and a provision version belong to, if it is supported. */
    public Optional<Combination> find(DrupalVersion drush, DrupalVersion provision) {
        return combinations.stream()
                .filter(c -> c.drush().contains(drush) && c.provision().contains(provision))
                .findFirst();
    }

    /** Every supported combination, for messages: "drush 7.x-4.x with provision 6.x-1.x and drush_make 6.x-2.x". */
    public String list() {
        return combinations.stream().map(Combination::describe).collect(Collectors.joining("; "));
    }

    /**
     * Why a drush and provision pair is refused, and what to set instead; one message naming both parameters.
     */
    String refusal(
            String drushVersion,
            DrupalVersion drush,
            String aegirVersion,
            DrupalVersion provision,
            boolean drushMakeSet) {
        StringBuilder b = new StringBuilder(Setting.DRUSH_VERSION + " " + drushVersion
                + " with " + Setting.VERSION + " " + aegirVersion + " (provision) is not a combination this"
                + " plugin supports. Supported: " + list() + ".");
        if (drush.major() >= 5) {
            b.append(" drush ")
                    .append(drush.major())
                    .append(" carries make itself")
                    .append(drushMakeSet ? " (so drushMakeVersion is not needed with it)" : "")
                    .append(", but this plugin installs drush only as drupal.org's drush/ tarball of drush 4 and runs"
                            + " provision 6.x-1.x's hostmaster-migrate; Aegir pairs drush 5 with provision 6.x-2.x"
                            + " and drush 6 to 8 with provision 7.x-3.x and upgrades those with its own"
                            + " upgrade.sh.txt.");
        } else if (drush.coreMajor().isEmpty() && drush.major() == 4) {
            b.append(" drupal.org names drush ")
                    .append(drushVersion)
                    .append(" 7.x-")
                    .append(drush.major())
                    .append('.')
                    .append(drush.minor().orElse(0))
                    .append('.');
        }
        return b.append(" Set the versions to one of these, e.g. ")
                .append(combinations.get(0).example())
                .append('.')
                .toString();
    }
}
