package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.backend.SupportedCombinations.Combination;
import io.github.aegirmaven.aegir.backend.SupportedCombinations.Series;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.release.Release;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend releases a project pins: drush, provision (at {@code aegirVersion}) and, where drush does not carry
 * make itself, drush_make; only in a combination of {@link SupportedCombinations}.
 */
public final class BackendPins {

    private final Map<Component, Release> releases;

    private BackendPins(Map<Component, Release> releases) {
        this.releases = releases;
    }

    /**
     * Reads the pins from the goal's parameters, reporting every bad one together; refuses a combination that is
     * not {@linkplain SupportedCombinations#SUPPORTED supported}, before anything is downloaded.
     *
     * @param drushMakeVersion may be null or blank
     */
    public static BackendPins of(String drushVersion, String aegirVersion, String drushMakeVersion, BuildLog log)
            throws UserFixableException {
        return of(drushVersion, aegirVersion, drushMakeVersion, log, SupportedCombinations.SUPPORTED);
    }

    static BackendPins of(
            String drushVersion,
            String aegirVersion,
            String drushMakeVersion,
            BuildLog log,
            SupportedCombinations supported)
            throws UserFixableException {
        List<String> problems = new ArrayList<>();
        Release drush = release("drush", drushVersion, Setting.DRUSH_VERSION.toString(), "7.x-4.4", problems);
        Release provision = release("provision", aegirVersion, Setting.VERSION.toString(), "6.x-1.0-rc3", problems);
        Release drushMake = null;
        boolean makeSet = drushMakeVersion != null && !drushMakeVersion.isBlank();
        Optional<Combination> combination = Optional.empty();
        if (drush != null && provision != null) {
            combination = supported.find(drush.drupalVersion(), provision.drupalVersion());
            if (combination.isEmpty()) {
                problems.add(supported.refusal(
                        drushVersion, drush.drupalVersion(), aegirVersion, provision.drupalVersion(), makeSet));
            }
        }
        // drush_make where drush lacks make: as the combination says, or (provision unknown) below drush 5
        boolean needsMake = combination
                .map(c -> c.drushMake().isPresent())
                .orElse(drush != null
                        && provision == null
                        && drush.drupalVersion().major() < 5);
        if (needsMake && !makeSet) {
            problems.add(Setting.DRUSH_MAKE_VERSION + " is not set, but drush " + drushVersion
                    + " does not carry drush make, which provision needs to build the hostmaster platform. Set it to"
                    + " the drush_make release to install, e.g. <drushMakeVersion>6.x-2.2</drushMakeVersion>.");
        } else if (needsMake) {
            drushMake = release(
                    "drush_make", drushMakeVersion.trim(), Setting.DRUSH_MAKE_VERSION.toString(), "6.x-2.2", problems);
            Optional<Series> series = combination.flatMap(Combination::drushMake);
            if (drushMake != null && series.isPresent() && !series.get().contains(drushMake.drupalVersion())) {
                Combination c = combination.get();
                problems.add(Setting.DRUSH_MAKE_VERSION + " is " + drushMakeVersion + ", but drush "
                        + c.drush() + " with provision " + c.provision() + " needs drush_make " + series.get()
                        + ". Supported: " + supported.list() + ". Set it to a drush_make " + series.get()
                        + " release, e.g. " + c.example() + ".");
            }
        } else if (combination.isPresent() && makeSet) {
            log.warn("drushMakeVersion " + drushMakeVersion + " is ignored: drush " + drushVersion
                    + " carries drush make itself. Remove <drushMakeVersion> from the pom to silence this warning.");
        }
        if (!problems.isEmpty()) {
            throw new UserFixableException(
                    "The pinned versions are not usable:\n  - " + String.join("\n  - ", problems));
        }
        Map<Component, Release> map = new EnumMap<>(Component.class);
        map.put(Component.DRUSH, drush);
        map.put(Component.PROVISION, provision);
        if (drushMake != null) {
            map.put(Component.DRUSH_MAKE, drushMake);
        }
        return new BackendPins(map);
    }

    private static Release release(
            String project, String version, String parameter, String example, List<String> problems) {
        if (version == null || version.isBlank()) {
            problems.add(
                    parameter + " is not set. Set it to the pinned drupal.org release (the one to install, or to check"
                            + " the server against), e.g. " + example + ".");
            return null;
        }
        try {
            return new Release(project, version.trim());
        } catch (IllegalArgumentException e) {
            problems.add(parameter + " is '" + version + "', which is not a drupal.org release version ("
                    + e.getMessage() + "). Expected a form like " + example + ".");
            return null;
        }
    }

    /** The pinned release of a component, if it is pinned. */
    public Optional<Release> release(Component component) {
        return Optional.ofNullable(releases.get(component));
    }

    /** The pinned components, in the order of the manual page: drush, provision, drush_make. */
    public List<Component> components() {
        return List.copyOf(releases.keySet());
    }

    /** Every pinned release, in the order of the manual page. */
    public List<Release> releases() {
        return List.copyOf(releases.values());
    }

    public Release drush() {
        return releases.get(Component.DRUSH);
    }

    public Release provision() {
        return releases.get(Component.PROVISION);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (Release r : releases.values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(r.displayName());
        }
        return b.toString();
    }
}
