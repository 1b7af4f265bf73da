package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the release drush make 6.x-2.2 would pick from a history ({@code drush_make_update_xml_download} and
 * {@code _drush_make_update_xml_best_version}, DOMAIN.md section 9): no version asked → the best release of
 * {@code recommended_major} (for core without one: the major of {@code core}); one number → the best of that
 * major; anything else must be a release key exactly. "Best" is the highest key by PHP's {@code version_compare}:
 * a snapshot ({@code 2.x-dev}) loses to every numbered release, a pre-release ({@code 2.13-beta1}) beats
 * {@code 2.12}. Like drush make it ignores release status and security terms: {@link SecurityCheck} reports those.
 */
public final class ReleaseChoice {

    private ReleaseChoice() {}

    /**
     * @param version what the make file asks for: empty for none, {@code 2}, or a key such as {@code 2.16}
     * @param core the make file's core, {@code 6.x}
     * @param type the project's type ({@code core} matters)
     * @throws UserFixableException with drush's "Invalid version" when no release matches
     */
    public static ReleaseHistory.Entry choose(
            String project, Optional<String> version, String core, String type, ReleaseHistory history)
            throws UserFixableException {
        Map<String, ReleaseHistory.Entry> byKey = new LinkedHashMap<>();
        for (ReleaseHistory.Entry e : history.releases()) {
            byKey.put(e.key(), e);
        }
        String wanted;
        if (version.isEmpty() || version.get().isBlank()) {
            String major = history.recommendedMajor().orElse("");
            if (major.isEmpty() && "core".equals(type)) {
                major = core.split("\\.", 2)[0];
            }
            wanted = best(major, byKey);
        } else if (!version.get().contains(".")) {
            wanted = best(version.get().trim(), byKey);
        } else {
            wanted = version.get().trim();
        }
        ReleaseHistory.Entry chosen = wanted == null ? null : byKey.get(wanted);
        if (chosen == null) {
            throw new UserFixableException("Invalid version " + (wanted == null ? "" : wanted) + " for " + project
                    + " (drush make's words): the make file asks for "
                    + version.map(v -> "version " + v).orElse("the recommended release")
                    + ", but its release history has " + (byKey.isEmpty() ? "no releases" : "only " + byKey.keySet())
                    + ". Set projects[" + project + "][version] to one of those.");
        }
        return chosen;
    }

    private static String best(String major, Map<String, ReleaseHistory.Entry> byKey) {
        String best = null;
        for (Map.Entry<String, ReleaseHistory.Entry> e : byKey.entrySet()) {
            if (e.getValue().major().equals(major) && (best == null || PhpVersions.compare(best, e.getKey()) < 0)) {
                best = e.getKey();
            }
        }
        return best;
    }
}
