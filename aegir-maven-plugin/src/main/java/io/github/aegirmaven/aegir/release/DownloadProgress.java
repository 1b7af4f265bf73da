package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.BuildLog;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Logs progress of downloads that run longer than the interval: at most once per interval or quarter. */
final class DownloadProgress {
    private final BuildLog log;
    private final String name;
    private final long expected;
    private final long started;
    private final long interval;
    private long lastReport;
    private int lastQuarter;

    DownloadProgress(URI uri, long expected, long started, Duration interval, BuildLog log) {
        this.log = log;
        String path = Optional.ofNullable(uri.getPath()).orElse("");
        this.name = path.substring(path.lastIndexOf('/') + 1);
        this.expected = expected;
        this.started = started;
        this.interval = interval.toNanos();
        this.lastReport = started;
    }

    void update(long total) {
        long now = System.nanoTime();
        if (now - started < interval) {
            return;
        }
        int quarter = expected > 0 ? (int) Math.min(4, total * 4 / expected) : 0;
        if (now - lastReport < interval && quarter <= lastQuarter) {
            return;
        }
        lastReport = now;
        lastQuarter = quarter;
        double elapsed = (now - started) / 1e9;
        String rate = Downloader.size((long) (total / elapsed)) + "/s";
        if (expected > 0) {
            log.info("  " + name + ": " + Downloader.size(total) + " of " + Downloader.size(expected) + " ("
                    + (total * 100 / expected) + "%), " + rate);
        } else {
            log.info("  " + name + ": " + Downloader.size(total) + " so far, " + rate);
        }
    }
}
