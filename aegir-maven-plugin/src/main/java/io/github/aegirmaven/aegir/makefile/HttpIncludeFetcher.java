package io.github.aegirmaven.aegir.makefile;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches HTTP(S) includes with {@link HttpClient}: redirects followed, timeouts, and a clear refusal in
 * offline mode.
 */
public final class HttpIncludeFetcher implements IncludeFetcher {

    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final HttpClient client;
    private final boolean offline;
    private final Duration timeout;

    public HttpIncludeFetcher(boolean offline, Duration timeout) {
        this.offline = offline;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
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
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (UnknownHostException e) {
            throw new UserFixableException("cannot fetch " + uri + ": unknown host " + uri.getHost()
                    + ". Check the URL and your network.", e);
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw new UserFixableException("cannot fetch " + uri + ": cannot connect (" + e.getMessage()
                    + "). Check the URL, your network or proxy settings.", e);
        } catch (HttpTimeoutException e) {
            throw new UserFixableException("cannot fetch " + uri + ": no answer within " + timeout.toSeconds()
                    + " s. Check the server or download the file next to the make file.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        int status = response.statusCode();
        if (status != 200) {
            throw new UserFixableException("cannot fetch " + uri + ": the server answered HTTP " + status
                    + " (expected 200). Check the URL.");
        }
        byte[] body = response.body();
        if (body.length > MAX_BYTES) {
            throw new UserFixableException("cannot use " + uri + ": it is " + body.length + " bytes, more than a"
                    + " make file should be (" + MAX_BYTES + "). Check the URL.");
        }
        return new String(body, StandardCharsets.UTF_8);
    }
}
