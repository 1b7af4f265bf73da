package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.Http;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Fetches HTTP(S) includes with {@link Http}, the plugin's one HTTP stack: through the proxy settings.xml names for
 * the URL (Maven's choice, {@code nonProxyHosts} honoured, the proxy's Basic challenge answered for https too, as for
 * release downloads), redirects followed (at most 5, never from https to http), timeouts, a connection failure or a
 * 5xx answer tried again after a pause, and a clear refusal in offline mode. No server credentials are sent: an
 * include may live on any host.
 */
public final class HttpIncludeFetcher implements IncludeFetcher {

    private static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final int ATTEMPTS = 3;
    private static final int MAX_REDIRECTS = 5;

    private final Http http;
    private final boolean offline;
    private final Duration timeout;
    private final Duration retryDelay;

    public HttpIncludeFetcher(boolean offline, Duration timeout) {
        this(offline, timeout, List.of(), Duration.ofSeconds(1));
    }

    /**
     * @param proxies settings.xml's active proxies
     * @param retryDelay the pause before the second attempt (doubled before the third)
     */
    public HttpIncludeFetcher(boolean offline, Duration timeout, List<ProxySpec> proxies, Duration retryDelay) {
        this(offline, timeout, proxies, retryDelay, null);
    }

    /** @param tls the trust for https; {@code null}: the JVM's default */
    public HttpIncludeFetcher(
            boolean offline, Duration timeout, List<ProxySpec> proxies, Duration retryDelay, SSLContext tls) {
        this.offline = offline;
        this.timeout = timeout;
        this.retryDelay = retryDelay;
        this.http = new Http(proxies, timeout, timeout, tls);
    }

    @Override
    public String fetch(URI uri) throws IOException, UserFixableException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserFixableException("cannot fetch " + uri + ": only http and https includes can be"
                    + " fetched. Download it next to the make file and include it by relative path.");
        }
        if (offline) {
            throw new UserFixableException("cannot fetch " + uri + ": Maven runs offline (-o). Run without -o,"
                    + " or download it next to the make file and include it by relative path.");
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return send(uri);
            } catch (Retry e) {
                if (attempt == ATTEMPTS) {
                    throw e.failure;
                }
            }
            try {
                Thread.sleep(retryDelay.multipliedBy(1L << (attempt - 1)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
        }
    }

    /** The body at {@code uri}, redirects followed; a failure worth another attempt is a {@link Retry}. */
    private String send(URI uri) throws IOException, UserFixableException, Retry {
        URI current = uri;
        for (int hop = 0; ; hop++) {
            try (Http.Answer answer = http.get(current, Map.of("Accept-Encoding", "identity"))) {
                int status = answer.status();
                Optional<String> location = answer.header("Location");
                if (status >= 300 && status < 400 && location.isPresent()) {
                    current = redirect(uri, current, location.get(), hop);
                    continue;
                }
                if (status == 407) {
                    throw proxyRefused(uri, answer.proxy());
                }
                if (status >= 500) {
                    throw new Retry(new UserFixableException("cannot fetch " + uri + ": the server answered HTTP "
                            + status + " (expected 200) " + ATTEMPTS + " times. Check the URL."));
                }
                if (status != 200) {
                    throw new UserFixableException("cannot fetch " + uri + ": the server answered HTTP " + status
                            + " (expected 200). Check the URL.");
                }
                return read(uri, answer);
            } catch (UnknownHostException e) {
                throw new UserFixableException(
                        "cannot fetch " + uri + ": unknown host " + current.getHost()
                                + ". Check the URL and your network.",
                        e);
            } catch (SSLException e) {
                throw new UserFixableException(
                        "cannot fetch " + uri + ": the TLS connection failed (" + e.getMessage() + "). If the server's"
                                + " certificate is signed by your own authority, give Maven a trust store with it"
                                + " (MAVEN_OPTS=-Djavax.net.ssl.trustStore=...).",
                        e);
            } catch (ConnectException e) {
                throw new Retry(new UserFixableException(
                        "cannot fetch " + uri + ": cannot connect" + through(http.proxyFor(current)) + " ("
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                                + "). Check the URL, your network or proxy settings.",
                        e));
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw new Retry(new UserFixableException(
                        "cannot fetch " + uri + ": no answer within " + timeout.toSeconds()
                                + " s. Check the server or download the file next to the make file.",
                        e));
            }
        }
    }

    private static String through(Optional<ProxySpec> proxy) {
        return proxy.map(p -> " through " + p.describe()).orElse("");
    }

    private static UserFixableException proxyRefused(URI uri, Optional<ProxySpec> proxy) {
        String name = proxy.map(ProxySpec::describe).orElse("the proxy");
        String entry = proxy.map(p -> p.id() == null ? "its <proxy> entry" : "its <proxy> entry '" + p.id() + "'")
                .orElse("its <proxy> entry");
        return new UserFixableException("cannot fetch " + uri + ": " + name + " answered 407 (proxy authentication"
                + " required). "
                + (proxy.flatMap(ProxySpec::credentials).isPresent()
                        ? "The proxy refused the <username> and <password> of " + entry
                                + " in settings.xml; check them."
                        : "Add <username> and <password> to " + entry + " in settings.xml."));
    }

    private static URI redirect(URI original, URI current, String location, int hop) throws UserFixableException {
        URI next;
        try {
            next = current.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UserFixableException(
                    "cannot fetch " + original + ": the server redirected to a malformed URL. Check the URL.");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https")
                && !(scheme.equals("http") && current.getScheme().equalsIgnoreCase("http"))) {
            throw new UserFixableException("cannot fetch " + original + ": the server redirected from "
                    + current.getScheme() + " to " + next.getScheme() + ", which is refused. Use the final URL.");
        }
        if (hop >= MAX_REDIRECTS) {
            throw new UserFixableException(
                    "cannot fetch " + original + ": more than " + MAX_REDIRECTS + " redirects. Use the final URL.");
        }
        return next;
    }

    private static String read(URI uri, Http.Answer answer) throws IOException, UserFixableException {
        byte[] body;
        try (InputStream in = answer.body()) {
            body = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            throw new UserFixableException("cannot use " + uri + ": it is more than " + MAX_BYTES + " bytes, more"
                    + " than a make file should be. Check the URL.");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** A failure another attempt may not repeat: a connection failure, a timeout, a 5xx answer. */
    private static final class Retry extends Exception {
        private static final long serialVersionUID = 1L;
        private final UserFixableException failure;

        Retry(UserFixableException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }
}
