package io.github.aegirmaven.aegir.harness;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One release fixture: a drupal.org project at a version, packaged at a fixed time.
 *
 * @param project   drupal.org short name, also the single top-level directory of the tarball
 * @param version   drupal.org version string, e.g. {@code 6.x-1.0-rc3} or {@code 7.x-4.4}
 * @param datestamp packaging time (Unix seconds): the {@code datestamp} of the .info block and the
 *                  mtime of every tar entry
 * @param upgrade   {@code true} for the releases the sample upgrade installs, {@code false} for
 *                  the ones a sandbox starts with
 */
public record Release(String project, String version, long datestamp, boolean upgrade) {

    /** {@code <project>-<version>.tar.gz}, as on ftp.drupal.org. */
    public String fileName() {
        return project + "-" + version + ".tar.gz";
    }

    /** {@code <project>-<version>}: the directory of its sources under {@code src/releases}. */
    public String id() {
        return project + "-" + version;
    }

    /** The core compatibility the packager writes, e.g. {@code 6.x} for {@code 6.x-1.0-rc3}. */
    public String core() {
        int dash = version.indexOf('-');
        return dash < 0 ? version : version.substring(0, dash);
    }

    /** The packaging day in UTC, as the packaging script writes it ({@code YYYY-MM-DD}). */
    public String packagingDay() {
        return DateTimeFormatter.ISO_LOCAL_DATE.format(
                Instant.ofEpochSecond(datestamp).atOffset(ZoneOffset.UTC));
    }
}
