package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * A drupal.org project at a release version, e.g. {@code drush 7.x-4.4}. Sorted by project, then version.
 *
 * @param project the project's machine name ({@code [a-z][a-z0-9_]*}), e.g. {@code drush_make}
 * @param version a version {@link DrupalVersion#isValid accepted} by {@link DrupalVersion}
 */
public record Release(String project, String version) implements Comparable<Release> {

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    private static final Comparator<Release> ORDER =
            Comparator.comparing(Release::project).thenComparing(Release::drupalVersion);

    /** @throws IllegalArgumentException naming the bad project name or version and the accepted forms */
    public Release {
        if (project == null || !PROJECT.matcher(project).matches()) {
            throw new IllegalArgumentException("Project name " + (project == null ? "(none)" : "\"" + project + "\"")
                    + " is not a drupal.org project name: expected lower-case letters, digits and underscores,"
                    + " starting with a letter, e.g. drush, provision, drush_make.");
        }
        try {
            DrupalVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Release of project " + project + ": " + e.getMessage(), e);
        }
    }

    /** The version, parsed. */
    public DrupalVersion drupalVersion() {
        return DrupalVersion.parse(version);
    }

    /** The file name drupal.org gives the release tarball: {@code drush-7.x-4.4.tar.gz}. */
    public String archiveFileName() {
        return this + ".tar.gz";
    }

    /** {@code project-version}, e.g. {@code drush-7.x-4.4}, as in drupal.org's file names. */
    @Override
    public String toString() {
        return project + "-" + version;
    }

    /** {@code project version}, e.g. {@code drush 7.x-4.4}, for messages. */
    public String displayName() {
        return project + " " + version;
    }

    /*
     * equals and hashCode written out, as javac would generate them: the generated ones bootstrap through
     * java.lang.runtime.ObjectMethods on first use, about fifty java.lang.invoke classes spun while a goal starts
     * (every goal reads the lock file into a map keyed by Release). See benchmarks/README.md.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Release r && project.equals(r.project) && version.equals(r.version);
    }

    @Override
    public int hashCode() {
        return 31 * project.hashCode() + version.hashCode();
    }

    @Override
    public int compareTo(Release other) {
        return ORDER.compare(this, other);
    }
}
