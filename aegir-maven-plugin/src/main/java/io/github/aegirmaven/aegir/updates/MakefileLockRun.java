package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.MakeEngine;
import io.github.aegirmaven.aegir.release.DownloadSettings;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.ProxySpec;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The {@code makefile-lock} goal without Maven: read the make file, lock it, say what happened. */
public final class MakefileLockRun {

    private MakefileLockRun() {}

    /**
     * @param update {@code " + Setting.UPDATE.flag() + "}: project names separated by commas, or blank
     */
    public static MakefileLocker.Result run(
            Path makefile,
            Path lockedFile,
            String update,
            boolean allowNotLocked,
            String updateUrl,
            Path cacheDirectory,
            boolean offline,
            List<ProxySpec> proxies,
            BuildLog log)
            throws IOException, UserFixableException {
        if (makefile == null) {
            throw new UserFixableException(Setting.MAKEFILE + " is not set, so there is nothing to lock. Set"
                    + " it to the platform's make file, e.g. " + Setting.MAKEFILE.flag() + "=platform.make.");
        }
        Set<String> projects = new LinkedHashSet<>();
        if (update != null && !update.isBlank()) {
            Arrays.stream(update.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .forEach(projects::add);
        }
        Path base = makefile.toAbsolutePath().getParent();
        MakeSource source = MakeSource.read(makefile, MakeEngine.DRUSH_MAKE_2, base);
        Downloader downloader = new Downloader(DownloadSettings.builder()
                .offline(offline)
                .proxies(proxies)
                .log(log)
                .build());
        HistoryService histories =
                new HistoryService(updateUrl, cacheDirectory.resolve("release-history"), downloader, Clock.systemUTC());
        log.info("Locking " + makefile + " (" + source.projects().size() + " projects, "
                + source.libraries().size() + " libraries) against " + histories.baseUrl());
        MakefileLocker.Result result = new MakefileLocker(histories, downloader, new ReleaseCache(cacheDirectory), log)
                .lock(source, makefile.getFileName().toString(), lockedFile, projects, allowNotLocked);
        result.resolved().forEach((name, version) -> log.info("Locked " + name + " at " + version));
        if (!result.kept().isEmpty()) {
            log.info("Kept the locked release of " + result.kept().size() + " project"
                    + (result.kept().size() == 1 ? "" : "s") + " (name them in " + Setting.UPDATE.flag()
                    + " to move them)");
        }
        result.notLocked().forEach((what, why) -> log.warn(what.replace(':', ' ') + " is NOT locked: " + why));
        log.info(
                result.written()
                        ? "Wrote " + lockedFile
                        : lockedFile + " is up to date: nothing changed, nothing written.");
        return result;
    }
}
