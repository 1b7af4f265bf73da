package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Release histories from the update service ({@code <updateUrl>/<project>/<core>}), through the plugin's
 * {@link Downloader} (proxies, retries, offline flag), kept in a cache with the time each was fetched.
 *
 * <p>Online, each history is fetched once per instance (concurrent callers share one request) and the cached copy
 * is replaced; offline ({@code -o}), the cached copy is used and its age is known ({@link Fetched#fetchedAt}).
 * Cache layout: {@code <directory>/<host>_<port>/<project>/<core>.xml}, its modification time the fetch time.
 */
public final class HistoryService {

    /** drupal.org's service. */
    public static final String DEFAULT_URL = "https://updates.drupal.org/release-history";

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    private static final Pattern CORE = Pattern.compile("[0-9]{1,3}\\.x|all|current");

    /**
     * A history and where it came from.
     *
     * @param fetchedAt when it was fetched from the service
     * @param fromCache whether it was read from the cache (offline) rather than fetched by this build
     * @param url where it is fetched from
     */
    public record Fetched(ReleaseHistory history, Instant fetchedAt, boolean fromCache, String url) {
        /** {@code fetched 3 days ago (2026-12-01T10:00:00Z)} or {@code fetched now}. */
        public String age(Clock clock) {
            Duration age = Duration.between(fetchedAt, clock.instant());
            if (!fromCache) {
                return "fetched now";
            }
            String ago = age.toDays() > 0
                    ? age.toDays() + " day" + (age.toDays() == 1 ? "" : "s")
                    : age.toHours() > 0 ? age.toHours() + " h" : Math.max(0, age.toMinutes()) + " min";
            return "cached, fetched " + ago + " ago (" + fetchedAt + ")";
        }
    }

    private final URI base;
    private final Path directory;
    private final Downloader downloader;
    private final Clock clock;
    private final Map<String, CompletableFuture<Fetched>> fetched = new ConcurrentHashMap<>();

    public HistoryService(String updateUrl, Path cacheDirectory, Downloader downloader, Clock clock)
            throws UserFixableException {
        String url = updateUrl == null || updateUrl.isBlank() ? DEFAULT_URL : updateUrl.trim();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        try {
            this.base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserFixableException(Setting.UPDATE_URL + " is \"" + url + "\", which is not a URL."
                    + " Expected the release-history service, e.g. " + DEFAULT_URL + ".");
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
            throw new UserFixableException(Setting.UPDATE_URL + " is \"" + url + "\", but only http, https"
                    + " and file URLs are supported. Expected the release-history service, e.g. " + DEFAULT_URL + ".");
        }
        String host =
                base.getHost() == null ? "local" : base.getHost() + (base.getPort() < 0 ? "" : "_" + base.getPort());
        this.directory = cacheDirectory.resolve(host.replaceAll("[^A-Za-z0-9._-]", "_"));
        this.downloader = downloader;
        this.clock = clock;
    }

    /** The same cache, downloader and clock for another service (a project's own {@code [location]}). */
    public HistoryService at(String location) {
        try {
            return new HistoryService(location, directory.getParent(), downloader, clock);
        } catch (UserFixableException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public String baseUrl() {
        return base.toString();
    }

    public Clock clock() {
        return clock;
    }

    /** The history URL of a project. */
    public String url(String project, String core) {
        return base + "/" + project + "/" + core;
    }

    /**
     * The project's history for {@code core} ({@code 6.x}): fetched (once per instance), or offline from the cache.
     *
     * @throws UserFixableException when the service cannot be reached or refuses, offline without a cached copy, or
     *     when what it sends is not a release history
     */
    public Fetched fetch(String project, String core) throws UserFixableException, IOException {
        if (!PROJECT.matcher(project).matches() || !CORE.matcher(core).matches()) {
            throw new UserFixableException("Cannot look up the release history of \"" + project + "\" for core \""
                    + core + "\": expected a drupal.org project name (lower-case letters, digits, underscores) and a"
                    + " core such as 6.x. Fix the make file.");
        }
        CompletableFuture<Fetched> mine = new CompletableFuture<>();
        CompletableFuture<Fetched> theirs = fetched.putIfAbsent(project + "/" + core, mine);
        if (theirs != null) {
            return join(theirs);
        }
        try {
            mine.complete(load(project, core));
        } catch (UserFixableException | IOException | RuntimeException e) {
            mine.completeExceptionally(e);
        }
        return join(mine);
    }

    private static Fetched join(CompletableFuture<Fetched> future) throws UserFixableException, IOException {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UserFixableException u) {
                throw u;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private Fetched load(String project, String core) throws UserFixableException, IOException {
        String url = url(project, core);
        Path cached = directory.resolve(project).resolve(core + ".xml");
        boolean local = "file".equalsIgnoreCase(base.getScheme());
        if (downloader.settings().offline() && !local) {
            if (!Files.isRegularFile(cached, LinkOption.NOFOLLOW_LINKS)) {
                throw new UserFixableException("Maven is offline (-o), and the release history of " + project
                        + " (" + url + ") is not in the cache (expected " + cached + "). Run once without -o to"
                        + " fetch it; after that -o works from the cached copy.");
            }
            Instant at = Files.getLastModifiedTime(cached).toInstant();
            return new Fetched(
                    ReleaseHistoryParser.parse(Files.readAllBytes(cached), project, cached.toString()), at, true, url);
        }
        Files.createDirectories(cached.getParent());
        Path pending = Files.createTempFile(cached.getParent(), "." + core + ".", ".part");
        try {
            try {
                downloader.download(URI.create(url), pending);
            } catch (UserFixableException e) {
                throw new UserFixableException(
                        "Could not fetch the release history of " + project + " from " + url
                                + ": " + e.getMessage() + " (This is the update service: check updateUrl"
                                + " (" + Setting.UPDATE_URL.flag() + "), now " + base + ".)",
                        e);
            }
            ReleaseHistory history = ReleaseHistoryParser.parse(Files.readAllBytes(pending), project, url);
            Instant now = clock.instant();
            Files.setLastModifiedTime(pending, FileTime.from(now));
            Files.move(pending, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Fetched(history, now, false, url);
        } finally {
            Files.deleteIfExists(pending);
        }
    }
}
