package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The backend releases a project pins: drush, provision (at {@code aegirVersion}) and, with drush 4 only,
 * drush_make. Drush 5 and later bundle make, so a drush_make pin is then ignored with a warning.
 */
public final class BackendPins {

    private final Map<Component, Release> releases;

    private BackendPins(Map<Component, Release> releases) {
        this.releases = releases;
    }

    /**
     * Reads the pins from the goal's parameters, reporting every bad one together.
     *
     * @param drushMakeVersion may be null or blank
     */
    public static BackendPins of(String drushVersion, String aegirVersion, String drushMakeVersion, BuildLog log)
            throws UserFixableException {
        List<String> problems = new ArrayList<>();
        Release drush = release("drush", drushVersion, "drushVersion (-Daegir.drushVersion)", "7.x-4.4", problems);
        Release provision =
                release("provision", aegirVersion, "aegirVersion (-Daegir.version)", "6.x-1.0-rc3", problems);
        Release drushMake = null;
        boolean makeSet = drushMakeVersion != null && !drushMakeVersion.isBlank();
        if (drush != null && provision != null && drushMajor(drush.drupalVersion()) < 5
                && !provisionBuildsWithMake(provision)) {
            // provision before 6.x-0.4 does not build platforms with drush make: nothing to install
            if (makeSet) {
                log.warn("drushMakeVersion " + drushMakeVersion + " is ignored: provision " + aegirVersion + " (before"
                        + " 6.x-0.4) does not use drush make. Remove <drushMakeVersion> from the pom to silence this"
                        + " warning.");
            }
        } else if (drush != null) {
            int major = drushMajor(drush.drupalVersion());
            if (major < 5 && !makeSet) {
                problems.add("drushMakeVersion (-Daegir.drushMakeVersion) is not set, but drush " + drushVersion
                        + " (drush " + major + ") does not bundle drush make, which provision needs to build the"
                        + " hostmaster platform. Set it, e.g. <drushMakeVersion>6.x-2.2</drushMakeVersion>.");
            } else if (major >= 5 && makeSet) {
                log.warn("drushMakeVersion " + drushMakeVersion + " is ignored: drush " + drushVersion
                        + " bundles drush make. Remove <drushMakeVersion> from the pom to silence this warning.");
            } else if (makeSet) {
                drushMake = release("drush_make", drushMakeVersion.trim(), "drushMakeVersion (-Daegir.drushMakeVersion)",
                        "6.x-2.2", problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new UserFixableException("The pinned versions are not usable:\n  - " + String.join("\n  - ", problems));
        }
        Map<Component, Release> map = new EnumMap<>(Component.class);
        map.put(Component.DRUSH, drush);
        map.put(Component.PROVISION, provision);
        if (drushMake != null) {
            map.put(Component.DRUSH_MAKE, drushMake);
        }
        return new BackendPins(map);
    }

    /** provision 6.x-0.4 and later build the hostmaster platform with drush make (DOMAIN.md, section 2). */
    static boolean provisionBuildsWithMake(Release provision) {
        DrupalVersion v = provision.drupalVersion();
        return v.major() > 0 || v.minor().orElse(0) >= 4;
    }

    private static Release release(String project, String version, String parameter, String example,
            List<String> problems) {
        if (version == null || version.isBlank()) {
            problems.add(parameter + " is not set. Set it to the drupal.org release to install, e.g. " + example + ".");
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

    /** drupal.org calls drush 4.4 {@code 7.x-4.4}: the major is the part after the core prefix. */
    private static int drushMajor(DrupalVersion v) {
        return v.major();
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
