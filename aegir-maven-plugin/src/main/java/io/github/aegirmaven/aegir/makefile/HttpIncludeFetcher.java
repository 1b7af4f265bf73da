package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.IOException;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Fetches HTTP(S) includes with {@link HttpClient}: through the proxy settings.xml names for the URL (Maven's
 * choice, {@code nonProxyHosts} honoured, as for release downloads), redirects followed, timeouts, a connection
 * failure or a 5xx answer tried again after a pause, and a clear refusal in offline mode. No server credentials
 * are sent: an include may live on any host.
 */
public final class HttpIncludeFetcher implements IncludeFetcher {

    private static final long MAX_BYTES = 16L * 1024 * 1024;
    private static final int ATTEMPTS = 3;

    private final HttpClient client;
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
        this.offline = offline;
        this.timeout = timeout;
        this.retryDelay = retryDelay;
        List<ProxySpec> chosenFrom = List.copyOf(proxies);
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout);
        if (!chosenFrom.isEmpty()) {
            b.proxy(new ProxySelector() {
                @Override
                public List<Proxy> select(URI uri) {
                    return List.of(ProxySpec.choose(chosenFrom, uri)
                            .map(p ->
                                    new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.host(), p.port())))
                            .orElse(Proxy.NO_PROXY));
                }

                @Override
                public void connectFailed(URI uri, SocketAddress address, IOException e) {
                    // reported by the request itself
                }
            });
            b.authenticator(new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    if (getRequestorType() != RequestorType.PROXY) {
                        return null; // never a server password
                    }
                    for (ProxySpec p : chosenFrom) {
                        if (p.host().equalsIgnoreCase(getRequestingHost())
                                && p.port() == getRequestingPort()
                                && p.credentials().isPresent()) {
                            return new PasswordAuthentication(
                                    p.username(), (p.password() == null ? "" : p.password()).toCharArray());
                        }
                    }
                    return null;
                }
            });
        }
        this.client = b.build();
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
        HttpResponse<byte[]> response = null;
        for (int attempt = 1; ; attempt++) {
            try {
                response = send(uri);
                if (response.statusCode() < 500 || attempt == ATTEMPTS) {
                    break;
                }
            } catch (UserFixableException e) {
                if (attempt == ATTEMPTS || e.getCause() instanceof UnknownHostException) {
                    throw e;
                }
            }
            try {
                Thread.sleep(retryDelay.multipliedBy(1L << (attempt - 1)).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while fetching " + uri, e);
            }
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new UserFixableException("cannot fetch " + uri + ": the server answered HTTP " + status
                    + " (expected 200)" + (status >= 500 ? " " + ATTEMPTS + " times" : "") + ". Check the URL.");
        }
        byte[] body = response.body();
        if (body.length > MAX_BYTES) {
            throw new UserFixableException("cannot use " + uri + ": it is " + body.length + " bytes, more than a"
                    + " make file should be (" + MAX_BYTES + "). Check the URL.");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** HttpClient reports a host name that does not resolve as a ConnectException; the cause says which. */
    private static boolean unresolved(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private HttpResponse<byte[]> send(URI uri) throws IOException, UserFixableException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (UnknownHostException e) {
            throw new UserFixableException(
                    "cannot fetch " + uri + ": unknown host " + uri.getHost() + ". Check the URL and your network.", e);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            if (unresolved(e)) {
                throw new UserFixableException(
                        "cannot fetch " + uri + ": unknown host " + uri.getHost() + ". Check the URL and your network.",
                        new UnknownHostException(uri.getHost()));
            }
            throw new UserFixableException(
                    "cannot fetch " + uri + ": cannot connect ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "). Check the URL, your network or proxy settings.",
                    e);
        } catch (HttpTimeoutException e) {
            throw new UserFixableException(
                    "cannot fetch " + uri + ": no answer within " + timeout.toSeconds()
                            + " s. Check the server or download the file next to the make file.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
    }
}
