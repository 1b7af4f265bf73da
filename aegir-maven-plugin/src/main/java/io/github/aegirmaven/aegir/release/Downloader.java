package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.LocalWriteException;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Downloads one URL to a file, as {@link DownloadSettings} say: through the settings.xml proxy chosen for the
 * URL, with the server's credentials, retrying transient failures, logging progress of long downloads.
 *
 * <p>The body goes to a hidden temporary file beside the target and is renamed to the target only when it is
 * complete (as long as the {@code Content-Length} said), so the target never holds half a file. Redirects are
 * followed (at most 5, never from https to http); credentials are sent only to the original host.
 *
 * <p>Attempts that fail with a connection error, a read timeout, a truncated body or an answer of 5xx, 408
 * or 429 are repeated {@code retries} times after a growing delay; other answers are the user's to fix and
 * become {@link UserFixableException}s at once. A refused connection (nothing listens on the server's port, or the
 * proxy's) is not an answer retrying changes: it fails at once with a {@link ServerRefusedException} naming the
 * server, and every later download from the same server fails the same way without trying again. Passwords never
 * appear in a log line or a message.
 *
 * <p>Requests go through {@link Http}, which answers a proxy's Basic challenge for https (CONNECT) as for http.
 */
public final class Downloader {

    private static final int MAX_REDIRECTS = 5;
    private static final int BUFFER = 64 * 1024;
    private static final String USER_AGENT =
            "aegir-maven-plugin (Java " + Runtime.version().feature() + ")";

    private static String checkPins() {
        return "Check the pinned versions (aegirVersion, drushVersion, drushMakeVersion)" + " and "
                + Setting.DOWNLOAD_URL + ".";
    }

    private final DownloadSettings settings;
    private final BuildLog log;
    private final Http http;
    /** Servers (or proxies) that refused a connection in this build: host:port to the refusal's message. */
    private final Map<String, ServerRefusedException> refused = new ConcurrentHashMap<>();

    public Downloader(DownloadSettings settings) {
        this.settings = settings;
        this.log = settings.log();
        this.http = new Http(settings.proxies(), settings.connectTimeout(), settings.readTimeout(), settings.tls());
    }

    public DownloadSettings settings() {
        return settings;
    }

    /**
     * Downloads {@code uri} to {@code target} (replacing it), creating the target's directory.
     *
     * @return the target
     * @throws UserFixableException when the server answers 4xx, a {@code file:} URL names no file, Maven is
     *     offline, or every attempt failed (network, proxy, 5xx, truncated)
     * @throws IOException when the file cannot be written, or the build was interrupted
     */
    public Path download(URI uri, Path target) throws IOException, UserFixableException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            return copyFile(uri, target);
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserFixableException("Cannot download " + display(uri) + ": only http, https and file URLs are"
                    + " supported. Fix " + Setting.DOWNLOAD_URL + ".");
        }
        if (settings.offline()) {
            throw new UserFixableException("Maven is offline (-o), so " + display(uri) + " cannot be downloaded. Run"
                    + " once without -o to fill the cache.");
        }
        String server = connectsTo(uri);
        ServerRefusedException before = refused.get(server);
        if (before != null) {
            throw new ServerRefusedException(before.getMessage(), before);
        }
        int attempts = settings.retries() + 1;
        IOException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return attempt(uri, target);
            } catch (LocalFailure | LocalWriteException e) {
                throw e;
            } catch (ConnectException e) {
                ServerRefusedException refusal =
                        refusal(uri, server, http.proxyFor(uri).isPresent(), e);
                refused.put(server, refusal);
                throw refusal;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                last = e;
            } catch (IOException e) {
                last = e;
            }
            if (attempt < attempts) {
                Duration delay = settings.retryDelay().multipliedBy(1L << Math.min(attempt - 1, 16));
                log.warn("Downloading " + display(uri) + " failed (" + describe(last) + "); retrying in "
                        + seconds(delay) + " (attempt " + (attempt + 1) + " of " + attempts + ").");
                sleep(delay);
            }
        }
        // The network, a proxy or the mirror: the administrator's to fix, and the message says where to look.
        Optional<ProxySpec> proxy = http.proxyFor(uri);
        throw new UserFixableException(
                "Could not download " + display(uri) + " after " + attempts + " attempt"
                        + (attempts == 1 ? "" : "s")
                        + proxy.map(p -> " through " + p.describe()).orElse("") + ": " + describe(last)
                        + ". Check the network connection and the"
                        + proxy.map(p -> " <proxy> entry '"
                                        + Optional.ofNullable(p.id()).orElse(p.address()) + "'")
                                .orElse(" proxies")
                        + " in settings.xml, or point " + Setting.DOWNLOAD_URL + " at a reachable mirror or a"
                        + " file: URL.",
                last);
    }

    /** {@code host:port} of what a connection for {@code uri} goes to: its proxy, if settings.xml chooses one. */
    private String connectsTo(URI uri) {
        Optional<ProxySpec> proxy = http.proxyFor(uri);
        if (proxy.isPresent()) {
            return proxy.get().describe();
        }
        return uri.getHost() + ":" + port(uri);
    }

    private static ServerRefusedException refusal(URI uri, String server, boolean proxy, ConnectException e) {
        // HttpClient says "Connect to http://host:port failed: Connection refused": the server is named already
        String message = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Connect to \\S+ failed: ", "");
        String why = message.isBlank() ? "connection refused" : message.toLowerCase(Locale.ROOT);
        return new ServerRefusedException(
                "Cannot connect to " + server + " (" + why + ") to download "
                        + display(uri) + ": nothing listens there, so no release can be downloaded from it; the other"
                        + " releases were not tried. "
                        + (proxy
                                ? "Check the <proxy> entries (host, port, nonProxyHosts) in settings.xml."
                                : "Check " + Setting.DOWNLOAD_URL + ": host and port, or point it at a reachable mirror"
                                        + " or a file: URL; or, with a proxy, its <proxy> entry in settings.xml."),
                e);
    }

    private Path attempt(URI uri, Path target) throws IOException, UserFixableException {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            Optional<ProxySpec> proxy = http.proxyFor(current);
            if (proxy.isPresent()) {
                log.debug("Using " + proxy.get().describe() + " for " + display(current));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", USER_AGENT);
            headers.put("Accept-Encoding", "identity");
            if (settings.credentials().isPresent() && mayReceiveCredentials(uri, current)) {
                headers.put("Authorization", settings.credentials().get().basicAuthorization());
            }
            try (Http.Answer answer = http.get(current, headers)) {
                int status = answer.status();
                String reason = answer.reason();
                Optional<String> location = answer.header("Location");
                if (status >= 300 && status < 400 && status != 304 && location.isPresent()) {
                    URI next = redirectTarget(uri, current, location.get(), hop);
                    log.debug("Redirected from " + display(current) + " to " + displayRedirect(next));
                    current = next;
                    continue;
                }
                if (status == 200) {
                    return receive(answer, uri, target);
                }
                if (status >= 500 || status == 408 || status == 429) {
                    throw new IOException("the server answered " + status + " " + reason);
                }
                throw refused(uri, current, status, reason, proxy);
            }
        }
    }

    /** Same host, and the same scheme and port or an upgrade from http to https. */
    private static boolean mayReceiveCredentials(URI original, URI current) {
        if (original.getHost() == null || !original.getHost().equalsIgnoreCase(current.getHost())) {
            return false;
        }
        String from = original.getScheme().toLowerCase(Locale.ROOT);
        String to = current.getScheme().toLowerCase(Locale.ROOT);
        if (from.equals(to)) {
            return port(original) == port(current);
        }
        return from.equals("http") && to.equals("https");
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private URI redirectTarget(URI original, URI current, String location, int hop) throws UserFixableException {
        URI next;
        try {
            next = current.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UserFixableException("Downloading " + display(original) + ": the server redirected to a"
                    + " malformed URL. " + checkPins());
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserFixableException("Downloading " + display(original) + ": the server redirected to "
                    + displayRedirect(next) + ", which is not an http or https URL. Point downloadUrl"
                    + " (" + Setting.DOWNLOAD_URL.flag() + ") at the final location.");
        }
        if (current.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
            throw new UserFixableException("Downloading " + display(original) + ": the server redirected from https"
                    + " to plain http (" + displayRedirect(next) + "), which is refused. Point downloadUrl"
                    + " (" + Setting.DOWNLOAD_URL.flag() + ") at an https location.");
        }
        if (hop >= MAX_REDIRECTS) {
            throw new UserFixableException("Downloading " + display(original) + ": more than " + MAX_REDIRECTS
                    + " redirects. Point " + Setting.DOWNLOAD_URL + " at the final location.");
        }
        return next;
    }

    private UserFixableException refused(
            URI original, URI current, int status, String reason, Optional<ProxySpec> proxy) {
        String answer = "the server answered " + status + (reason.isEmpty() ? "" : " " + reason);
        String where = "Downloading " + display(original)
                + (current.equals(original) ? "" : " (redirected to " + displayRedirect(current) + ")") + " failed: ";
        String next;
        if (status == 404 || status == 410) {
            next = "The release is not there. " + checkPins();
        } else if (status == 401) {
            next = settings.credentials().isPresent()
                    ? "The credentials of the server named by serverId were refused; check its <username> and"
                            + " <password> in settings.xml."
                    : "The server wants a user name and password: add a <server> with them to settings.xml and name it"
                            + " with the serverId parameter.";
        } else if (status == 403) {
            next = "Access is denied. " + checkPins() + " If the server needs credentials, check the <server> named"
                    + " by serverId in settings.xml.";
        } else if (status == 407) {
            String name = proxy.map(ProxySpec::describe).orElse("the proxy");
            answer = name + " answered 407 " + reason;
            String entry = proxy.map(p -> p.id() == null ? "its <proxy> entry" : "its <proxy> entry '" + p.id() + "'")
                    .orElse("its <proxy> entry");
            next = proxy.flatMap(ProxySpec::credentials).isPresent()
                    ? "The proxy (not the release server) refused the <username> and <password> of " + entry
                            + " in settings.xml; check them."
                    : "The proxy wants a user name and password: add <username> and <password> to " + entry
                            + " in settings.xml.";
        } else {
            next = "This is not an answer a release download expects. " + checkPins();
        }
        return new UserFixableException(where + answer.trim() + ". " + next);
    }

    private Path receive(Http.Answer answer, URI uri, Path target) throws IOException {
        long expected = answer.contentLength();
        Path temporary;
        try {
            temporary = newTemporary(target);
        } catch (IOException e) {
            throw new LocalWriteException(
                    "Could not create a file for the download of " + display(uri) + " beside " + target + ": "
                            + describe(e) + ". Check the free space and permissions there.",
                    e);
        }
        boolean complete = false;
        long started = System.nanoTime();
        try {
            long total = copyBody(answer.body(), uri, temporary, expected, started);
            if (expected >= 0 && total != expected) {
                throw new IOException("the body was truncated: " + total + " of " + expected + " bytes arrived");
            }
            try {
                move(temporary, target);
            } catch (IOException e) {
                throw new LocalFailure(
                        "Could not rename the download of " + display(uri) + " to " + target + ": " + describe(e) + ".",
                        e);
            }
            complete = true;
            log.info("Downloaded " + display(uri) + " (" + size(total) + " in "
                    + seconds(Duration.ofNanos(System.nanoTime() - started)) + ")");
            return target;
        } finally {
            if (!complete) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Copies the body into {@code temporary}, showing progress; returns the number of bytes that arrived. */
    private long copyBody(InputStream body, URI uri, Path temporary, long expected, long started) throws IOException {
        long total = 0;
        try (InputStream in = body;
                OutputStream out = Files.newOutputStream(temporary)) {
            DownloadProgress progress = new DownloadProgress(uri, expected, started, settings.progressInterval(), log);
            byte[] buffer = new byte[BUFFER];
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new IOException(
                            "no data for " + seconds(settings.readTimeout()) + " after " + total
                                    + " bytes (read timeout)",
                            e);
                }
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new LocalWriteException(
                            "Could not write the download of " + display(uri) + " to " + temporary + ": " + describe(e)
                                    + ". Check the free space and permissions there.",
                            e);
                }
                total += n;
                progress.update(total);
            }
        }
        return total;
    }

    private Path copyFile(URI uri, Path target) throws IOException, UserFixableException {
        Path source;
        try {
            source = Path.of(uri);
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new UserFixableException("Cannot read " + display(uri) + ": it is not a local file URL ("
                    + e.getMessage() + "). Use file:///absolute/path in " + Setting.DOWNLOAD_URL + ".");
        }
        if (!Files.isRegularFile(source)) {
            throw new UserFixableException(
                    "Cannot copy " + display(uri) + ": there is no file " + source + ". " + checkPins());
        }
        Path temporary = newTemporary(target);
        boolean complete = false;
        try {
            Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
            move(temporary, target);
            complete = true;
            log.info("Copied " + source + " (" + size(Files.size(target)) + ")");
            return target;
        } finally {
            if (!complete) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private static Path newTemporary(Path target) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "." + target.getFileName() + ".", ".part");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void sleep(Duration delay) throws InterruptedIOException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to retry a download");
        }
    }

    /** The URL without any user name or password. */
    static String display(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        try {
            return new URI(
                            uri.getScheme(),
                            null,
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            uri.getFragment())
                    .toString();
        } catch (URISyntaxException e) {
            return uri.getScheme() + "://" + uri.getHost() + "/...";
        }
    }

    /** A redirect target may carry tokens in its query: show scheme, host and path only. */
    static String displayRedirect(URI uri) {
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        return uri.getScheme() + "://" + uri.getHost() + port
                + Optional.ofNullable(uri.getRawPath()).orElse("") + (uri.getRawQuery() == null ? "" : "?...");
    }

    private static String describe(IOException e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        String kind = e.getClass() == IOException.class ? "" : e.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return kind.isEmpty() ? "I/O error" : kind;
        }
        return kind.isEmpty() ? message : kind + ": " + message;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** A local write failure: retrying the download would not help. */
    private static final class LocalFailure extends IOException {
        private static final long serialVersionUID = 1L;

        LocalFailure(String message, IOException cause) {
            super(message, cause);
        }
    }
}
