package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.auth.BasicAuthCache;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.auth.BasicScheme;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultManagedHttpClientConnection;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.io.SocketHolder;
import org.apache.hc.core5.http.io.HttpConnectionFactory;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP stack of the plugin: release downloads ({@link Downloader}) and make file includes both GET through
 * it. It goes through the settings.xml proxy Maven would choose for each URL ({@link ProxySpec#choose}, so
 * {@code nonProxyHosts} is honoured), and answers the proxy's Basic challenge itself, for plain http requests and for
 * the CONNECT tunnel of https alike (the JDK's own clients refuse Basic on CONNECT unless a JVM-wide property is
 * changed). Redirects are not followed (callers decide), connections are not reused, and no header or byte is logged,
 * so that a password never reaches a log, not even under {@code mvn -X}.
 *
 * <p>A proxy whose password could not be decrypted is never used: a request it would carry is refused with a
 * {@link UserFixableException} naming the proxy and the settings file.
 */
public final class Http implements Closeable {

    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private final List<ProxySpec> proxies;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLContext tls;
    private CloseableHttpClient client;

    /**
     * @param proxies settings.xml's active proxies, in order
     * @param tls the trust (and client keys) for https; {@code null}: the JVM's default, which honours
     *     {@code javax.net.ssl.trustStore} given to Maven (e.g. in {@code MAVEN_OPTS})
     */
    public Http(List<ProxySpec> proxies, Duration connectTimeout, Duration readTimeout, SSLContext tls) {
        this.proxies = List.copyOf(proxies);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    /**
     * The client, built on the first request: building it reads the JVM's trust store and loads HttpClient's and
     * the JDK's TLS classes, which a build with nothing to download (most no-op runs) never needs.
     */
    private synchronized CloseableHttpClient client() {
        if (client == null) {
            client = build();
        }
        return client;
    }

    /** Whether a client was built: only after a request ({@link #get}). */
    synchronized boolean started() {
        return client != null;
    }

    private CloseableHttpClient build() {
        SSLContext trust;
        try {
            trust = tls != null ? tls : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java has no default TLS context", e);
        }
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        for (ProxySpec proxy : this.proxies) {
            proxy.credentials()
                    .ifPresent(c -> credentials.setCredentials(
                            new AuthScope(proxy.host(), proxy.port()),
                            new UsernamePasswordCredentials(
                                    c.username(), c.password().toCharArray())));
        }
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(trust))
                        .setConnectionFactory(new UnloggedConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout(connectTimeout))
                                .setSocketTimeout(timeout(readTimeout))
                                .build())
                        .build())
                .setRoutePlanner(new DefaultRoutePlanner(null) {
                    @Override
                    protected HttpHost determineProxy(HttpHost target, HttpContext context) {
                        return ProxySpec.choose(Http.this.proxies, toUri(target))
                                .map(p -> new HttpHost("http", p.host(), p.port()))
                                .orElse(null);
                    }
                })
                .setDefaultCredentialsProvider(credentials)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(timeout(readTimeout))
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .build();
    }

    /** The proxy a request for {@code uri} goes through, as Maven chooses it; empty: directly. */
    public Optional<ProxySpec> proxyFor(URI uri) {
        return ProxySpec.choose(proxies, uri);
    }

    /**
     * Sends {@code GET uri} with the headers and returns the answer, whatever its status; the caller reads and
     * closes it. A proxy's 407 (it refused or wanted credentials) is an answer like any other, with {@link
     * Answer#proxy()} saying which proxy it was.
     *
     * @throws UserFixableException when the chosen proxy's password could not be decrypted
     * @throws IOException when no answer came: the connection failed or timed out
     */
    public Answer get(URI uri, Map<String, String> headers) throws IOException, UserFixableException {
        Optional<ProxySpec> proxy = proxyFor(uri);
        if (proxy.isPresent() && proxy.get().passwordProblem() != null) {
            String where = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + Optional.ofNullable(uri.getRawPath()).orElse("");
            throw new UserFixableException("Cannot download " + where + " through "
                    + proxy.get().describe() + ": " + proxy.get().passwordProblem());
        }
        ClassicHttpRequest request = new HttpGet(uri);
        headers.forEach(request::addHeader);
        HttpClientContext context = HttpClientContext.create();
        proxy.flatMap(ProxySpec::credentials).ifPresent(c -> {
            // sent with the first request (or CONNECT), as HttpURLConnection did: no round trip for the challenge
            BasicScheme basic = new BasicScheme();
            basic.initPreemptive(
                    new UsernamePasswordCredentials(c.username(), c.password().toCharArray()));
            BasicAuthCache cache = new BasicAuthCache();
            cache.put(new HttpHost("http", proxy.get().host(), proxy.get().port()), basic);
            context.setAuthCache(cache);
        });
        ClassicHttpResponse response = client().executeOpen(null, request, context);
        return new Answer(response, proxy);
    }

    @Override
    public synchronized void close() throws IOException {
        if (client != null) {
            client.close();
        }
    }

    private static URI toUri(HttpHost target) {
        return URI.create(target.getSchemeName().toLowerCase(Locale.ROOT) + "://" + target.toHostString() + "/");
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
    }

    /** An answer: status, headers and body, open until closed. */
    public static final class Answer implements Closeable {
        private final ClassicHttpResponse response;
        private final Optional<ProxySpec> proxy;

        Answer(ClassicHttpResponse response, Optional<ProxySpec> proxy) {
            this.response = response;
            this.proxy = proxy;
        }

        public int status() {
            return response.getCode();
        }

        /** The reason phrase, or empty. */
        public String reason() {
            return Optional.ofNullable(response.getReasonPhrase()).orElse("");
        }

        /** The first header of that name, if any. */
        public Optional<String> header(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? Optional.empty() : Optional.ofNullable(header.getValue());
        }

        /** The body's length as the answer declares it, or -1. */
        public long contentLength() {
            HttpEntity entity = response.getEntity();
            return entity == null ? -1 : entity.getContentLength();
        }

        /**
         * The body (empty when there is none). A body that ends before its {@code Content-Length} fails the read with
         * an IOException saying how much arrived.
         */
        public InputStream body() throws IOException {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return InputStream.nullInputStream();
            }
            long expected = entity.getContentLength();
            return new FilterInputStream(entity.getContent()) {
                private long received;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    try {
                        int n = super.read(buffer, offset, length);
                        received += Math.max(n, 0);
                        return n;
                    } catch (ConnectionClosedException e) {
                        throw new IOException(
                                "the body was truncated: " + received + " of " + expected + " bytes arrived", e);
                    }
                }
            };
        }

        /** The proxy the request went through, if any. */
        public Optional<ProxySpec> proxy() {
            return proxy;
        }

        @Override
        public void close() throws IOException {
            response.close();
        }
    }

    /**
     * Connections that log neither headers nor bytes: HttpClient logs both at debug level, which {@code mvn -X}
     * turns on, and they carry the proxy's and the server's passwords.
     */
    private static final class UnloggedConnections implements HttpConnectionFactory<ManagedHttpClientConnection> {
        @Override
        public ManagedHttpClientConnection createConnection(Socket socket) throws IOException {
            Unlogged connection = new Unlogged("aegir-" + CONNECTIONS.incrementAndGet());
            if (socket != null) {
                connection.bind(socket);
            }
            return connection;
        }

        @Override
        public ManagedHttpClientConnection createConnection(SSLSocket sslSocket, Socket socket) throws IOException {
            Unlogged connection = new Unlogged("aegir-" + CONNECTIONS.incrementAndGet());
            if (socket != null) {
                connection.bind(sslSocket, socket);
            }
            return connection;
        }
    }

    private static final class Unlogged extends DefaultManagedHttpClientConnection {
        Unlogged(String id) {
            super(id);
        }

        @Override
        public void bind(Socket socket) throws IOException {
            bind(new SocketHolder(socket));
        }

        @Override
        public void bind(SSLSocket sslSocket, Socket socket) throws IOException {
            bind(sslSocket == null ? new SocketHolder(socket) : new SocketHolder(sslSocket, socket));
        }

        @Override
        protected void onRequestSubmitted(ClassicHttpRequest request) {
            // no header log: it would show Authorization and Proxy-Authorization
        }

        @Override
        protected void onResponseReceived(ClassicHttpResponse response) {
            // no header log either
        }
    }
}
