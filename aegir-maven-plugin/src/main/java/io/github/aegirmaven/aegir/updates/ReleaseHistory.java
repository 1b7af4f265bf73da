package io.github.aegirmaven.aegir.updates;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One project's release history as drupal.org's update service serves it ({@code <url>/<project>/<core>}):
 * the project's terms and status, and its releases in the order the XML lists them (newest first on drupal.org).
 *
 * @param shortName the project's machine name
 * @param title its title (drush make refuses a history without one)
 * @param projectTerms the values of the project's {@code terms/term} (e.g. {@code Modules})
 * @param recommendedMajor {@code recommended_major}, if any
 * @param supportedMajors {@code supported_majors}, empty when the XML has none
 * @param projectStatus {@code project_status} ({@code published}, {@code insecure}, {@code unsupported}, …)
 * @param releases every release, in document order
 */
public record ReleaseHistory(
        String shortName,
        String title,
        List<String> projectTerms,
        Optional<String> recommendedMajor,
        List<String> supportedMajors,
        String projectStatus,
        List<Entry> releases) {

    private static final Map<String, String> TYPES = Map.of(
            "Modules", "module",
            "Themes", "theme",
            "Drupal core", "core",
            "Installation profiles", "profile",
            "Translations", "translation");

    public ReleaseHistory {
        projectTerms = List.copyOf(projectTerms);
        supportedMajors = List.copyOf(supportedMajors);
        releases = List.copyOf(releases);
    }

    /**
     * The project type drush make 6.x-2.2 derives: the first project term that names one ({@code Modules} →
     * {@code module}, {@code Themes}, {@code Drupal core}, {@code Installation profiles}, {@code Translations}).
     */
    public Optional<String> type() {
        for (String term : projectTerms) {
            if (TYPES.containsKey(term)) {
                return Optional.of(TYPES.get(term));
            }
        }
        return Optional.empty();
    }

    /** The release whose {@link Entry#key} or full {@link Entry#version} is {@code version}. */
    public Optional<Entry> release(String version) {
        Entry found = null;
        for (Entry e : releases) {
            if (e.key().equals(version) || e.version().equals(version)) {
                found = e; // drush keys its array by key: a later release of the same key wins
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * One {@code <release>}.
     *
     * @param version the full version ({@code 6.x-2.16}, {@code 6.38})
     * @param major {@code version_major}
     * @param patch {@code version_patch}; empty for a development snapshot
     * @param extra {@code version_extra} ({@code beta1}, {@code dev}); empty when there is none
     * @param status {@code published} or {@code unpublished} (revoked)
     * @param downloadLink {@code download_link}
     * @param mdhash {@code mdhash}: the tarball's MD5, empty when absent
     * @param releaseTypes the values of its {@code Release type} terms ({@code Security update}, {@code Insecure},
     *     {@code Unsupported}, {@code Bug fixes}, …)
     */
    public record Entry(
            String version,
            String major,
            Optional<String> patch,
            Optional<String> extra,
            String status,
            String downloadLink,
            String mdhash,
            List<String> releaseTypes) {

        public Entry {
            releaseTypes = List.copyOf(releaseTypes);
        }

        /**
         * drush make's key: {@code major.patch} (or {@code major.x} for a snapshot), then {@code -extra}:
         * {@code 2.16}, {@code 2.x-dev}, {@code 2.13-beta1}.
         */
        public String key() {
            return major + "." + patch.orElse("x") + extra.map(x -> "-" + x).orElse("");
        }

        public boolean published() {
            return "published".equals(status.toLowerCase(Locale.ROOT));
        }

        public boolean hasType(String type) {
            return releaseTypes.stream().anyMatch(t -> t.equalsIgnoreCase(type));
        }

        public boolean isSnapshot() {
            return patch.isEmpty();
        }
    }
}
