package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.ProxySpec;
import io.github.aegirmaven.aegir.release.Release;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The security flags of {@code status} and {@code makefile-validate}: every pinned release (drush, provision,
 * drush_make, and every project of the locked make file) judged against its release history
 * ({@link SecurityCheck}); offline from the cached history, saying how old it is.
 */
public final class SecurityFlags {

    private SecurityFlags() {}

    /**
     * How a goal checks: where the history comes from and is cached, the locked make file whose projects are
     * checked too (if it exists; may be null), and whether a flagged release fails the build.
     */
    public record Settings(
            Path lockedMakefile,
            String updateUrl,
            Path cacheDirectory,
            boolean offline,
            List<ProxySpec> proxies,
            boolean failOnInsecure) {

        /** {@link SecurityFlags#run} of these pins with these settings. */
        public Report run(List<Pin> pins, BuildLog log) throws IOException, UserFixableException {
            return SecurityFlags.run(
                    pins, lockedMakefile, updateUrl, cacheDirectory, offline, proxies, failOnInsecure, log);
        }
    }

    /**
     * A pinned release.
     *
     * @param version a full version ({@code 7.x-4.4}) or a make file key ({@code 2.16})
     * @param core the history to read ({@code 6.x})
     * @param pinnedBy where the pin is, for messages ({@code drushVersion}, {@code platform.lock.make})
     */
    public record Pin(String project, String version, String core, String pinnedBy) {}

    /**
     * What was found.
     *
     * @param entries one line per pin, for the log, each saying whether it warns (flagged or not checked)
     * @param flagged the releases with a security problem
     * @param unchecked pins whose history could not be read, with why
     */
    public record Report(List<Line> entries, List<SecurityCheck.Verdict> flagged, List<String> unchecked) {

        /** The lines alone, in order. */
        public List<String> lines() {
            return entries.stream().map(Line::text).toList();
        }
    }

    /** One pin's line; {@code warning} for a flagged release or one that could not be checked. */
    public record Line(String text, boolean warning) {}

    /**
     * The whole check, for a goal: reads every pin's history from {@code updateUrl} (offline: the cache), logs a line
     * per pin and fails as {@link #apply} says.
     *
     * @param lockedMakefile the locked make file whose projects are checked too, if it exists (may be null)
     */
    public static Report run(
            List<Pin> pins,
            Path lockedMakefile,
            String updateUrl,
            Path cacheDirectory,
            boolean offline,
            List<ProxySpec> proxies,
            boolean failOnInsecure,
            BuildLog log)
            throws IOException, UserFixableException {
        List<Pin> all = new ArrayList<>(pins);
        if (lockedMakefile != null) {
            all.addAll(lockedMakefile(lockedMakefile));
        }
        if (all.isEmpty()) {
            return new Report(List.of(), List.of(), List.of());
        }
        Downloader downloader = new Downloader(DownloadSettings.builder()
                .offline(offline)
                .proxies(proxies)
                .retries(1)
                .log(log)
                .build());
        HistoryService service =
                new HistoryService(updateUrl, cacheDirectory.resolve("release-history"), downloader, Clock.systemUTC());
        Report report = check(all, service);
        apply(report, failOnInsecure, log);
        return report;
    }

    /** The pins of the backend ({@code drush 7.x-4.4} is read from {@code drush/7.x}). */
    public static List<Pin> backend(List<Release> releases) {
        List<Pin> pins = new ArrayList<>();
        for (Release r : releases) {
            String version = r.version();
            int dash = version.indexOf(".x-");
            String core = dash > 0 ? version.substring(0, dash + 2) : version.split("\\.", 2)[0] + ".x";
            pins.add(new Pin(r.project(), version, core, r.project() + " pin"));
        }
        return pins;
    }

    /** Every project of a locked make file with a version; empty when there is no such file. */
    public static List<Pin> lockedMakefile(Path locked) throws IOException {
        Optional<MakeSource> source = MakeSource.readIfPresent(locked);
        List<Pin> pins = new ArrayList<>();
        if (source.isPresent()) {
            source.get().projects().forEach((name, attrs) -> {
                if (attrs.get("version") instanceof String v && !v.isBlank()) {
                    pins.add(new Pin(
                            name,
                            v.trim(),
                            source.get().core(),
                            locked.getFileName().toString()));
                }
            });
        }
        return pins;
    }

    /** Judges every pin; a history that cannot be read is reported as unchecked, not thrown. */
    public static Report check(List<Pin> pins, HistoryService service) throws IOException {
        List<Line> lines = new ArrayList<>();
        List<SecurityCheck.Verdict> flagged = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        for (Pin pin : pins) {
            HistoryService.Fetched fetched;
            try {
                fetched = service.fetch(pin.project(), pin.core());
            } catch (UserFixableException e) {
                String why = pin.project() + " " + pin.version() + " (" + pin.pinnedBy() + "): not checked: "
                        + e.getMessage();
                unchecked.add(why);
                lines.add(new Line("security: " + why, true));
                continue;
            }
            SecurityCheck.Verdict v = SecurityCheck.check(pin.project(), pin.version(), fetched.history());
            if (v.flagged()) {
                flagged.add(v);
            }
            lines.add(new Line(
                    "security: " + (v.flagged() ? "INSECURE " : "") + v.describe() + " (" + pin.pinnedBy()
                            + "; release history " + fetched.url() + ", " + fetched.age(service.clock()) + ")",
                    v.flagged()));
        }
        return new Report(lines, flagged, unchecked);
    }

    /**
     * Logs the report (flagged and unchecked pins as warnings) and, with {@code failOnInsecure}, fails on a flagged
     * release or on one that could not be checked.
     */
    public static void apply(Report report, boolean failOnInsecure, BuildLog log) throws UserFixableException {
        for (Line line : report.entries()) {
            if (line.warning()) {
                log.warn(line.text());
            } else {
                log.info(line.text());
            }
        }
        if (!failOnInsecure || (report.flagged().isEmpty() && report.unchecked().isEmpty())) {
            return;
        }
        List<String> problems = new ArrayList<>();
        report.flagged().forEach(v -> problems.add(v.describe()));
        problems.addAll(report.unchecked());
        String head = problems.size() + " pinned release" + (problems.size() == 1 ? "" : "s")
                + " failed the security check, and " + Setting.FAIL_ON_INSECURE.flag()
                + "=true is set: move each to the release named"
                + " (the pins in the pom, or `mvn aegir:makefile-lock " + Setting.UPDATE.flag()
                + "=PROJECT` for the make file),"
                + " or make"
                + " its release history readable (" + Setting.UPDATE_URL.parameter() + ", " + Setting.UPDATE_URL.flag()
                + "; offline it must be cached).";
        throw new UserFixableException(MakefileLocker.listed(head, problems), problems);
    }
}
