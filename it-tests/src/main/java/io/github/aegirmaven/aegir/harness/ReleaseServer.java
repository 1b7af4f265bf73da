package io.github.aegirmaven.aegir.harness;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A loopback HTTP server (127.0.0.1, ephemeral port) that serves the release tarballs of a
 * directory under {@value #PREFIX}, like ftp.drupal.org does, and can misbehave per file on
 * request: see {@link Mode}. It counts the requests per path and in total and keeps the headers
 * of the last request per path (to check proxies, credentials or a user agent).
 */
public final class ReleaseServer implements AutoCloseable {

    public static final String PREFIX = "/files/projects/";

    /** How the server answers for one file. */
    public enum Mode {
        /** 200 with the file. */
        NORMAL,
        /** 404, as for a release that does not exist. */
        NOT_FOUND,
        /** 200 with a body of the same length whose middle bytes are inverted. */
        CORRUPT,
        /** 200 announcing the full Content-Length, then half the body, then the connection closes. */
        TRUNCATED,
        /** {@link #TRUNCATED} for the first GET of the file, {@link #NORMAL} after that: a network hiccup. */
        TRUNCATED_ONCE,
        /** 200 with the file sent in small chunks with a pause before each (see {@link #setSlowPace}). */
        SLOW
    }

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> lastHeaders = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger proxied = new AtomicInteger();
    private volatile String requiredAuthorization;
    private volatile String requiredProxyAuthorization;
    private volatile int slowChunkBytes = 512;
    private volatile Duration slowChunkDelay = Duration.ofMillis(100);

    /**
     * Starts serving {@code directory} on 127.0.0.1 at a free port.
     */
    public ReleaseServer(Path directory) throws IOException {
        this.directory = directory.toAbsolutePath();
        if (!Files.isDirectory(this.directory)) {
            throw new IOException("Release directory " + this.directory
                    + " does not exist; build the fixtures first (mvn process-classes in it-tests)");
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "release-server");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        // HttpServer's dispatcher thread inherits the daemon flag of the thread that starts it:
        // start it from a daemon thread so that a server left running never holds a JVM open.
        Thread starter = new Thread(server::start, "release-server-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting the release server", e);
        }
    }

    /** The directory served. */
    public Path directory() {
        return directory;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code http://127.0.0.1:<port>/files/projects/{project}-{version}.tar.gz}: the plugin's downloadUrl. */
    public String urlTemplate() {
        return baseUrl() + PREFIX + "{project}-{version}.tar.gz";
    }

    /** The URL of one file. */
    public String url(String fileName) {
        return baseUrl() + PREFIX + fileName;
    }

    /** Sets how the server answers for {@code fileName} (e.g. {@code provision-6.x-1.0-rc3.tar.gz}). */
    public ReleaseServer setMode(String fileName, Mode mode) {
        modes.put(fileName, mode);
        return this;
    }

    public Mode mode(String fileName) {
        return modes.getOrDefault(fileName, Mode.NORMAL);
    }

    /** Chunk size and pause before each chunk for {@link Mode#SLOW}; 512 bytes and 100 ms unless set. */
    public ReleaseServer setSlowPace(int chunkBytes, Duration delay) {
        if (chunkBytes < 1 || delay.isNegative()) {
            throw new IllegalArgumentException(
                    "chunkBytes must be at least 1 and delay not negative; got " + chunkBytes + " and " + delay);
        }
        this.slowChunkBytes = chunkBytes;
        this.slowChunkDelay = delay;
        return this;
    }

    /**
     * Answers 401 unless a request carries HTTP Basic credentials of {@code user} and {@code password} (as a
     * server of settings.xml named by serverId sends them); null to stop asking.
     */
    public ReleaseServer requireCredentials(String user, String password) {
        this.requiredAuthorization = user == null ? null : basic(user, password);
        return this;
    }

    /**
     * Also serves as an HTTP proxy (requests with an absolute URL), answering 407 to them unless they carry
     * {@code Proxy-Authorization} for {@code user} and {@code password}; null to stop asking.
     */
    public ReleaseServer requireProxyCredentials(String user, String password) {
        this.requiredProxyAuthorization = user == null ? null : basic(user, password);
        return this;
    }

    /** {@code Basic base64(user:password)}. */
    public static String basic(String user, String password) {
        return "Basic "
                + java.util.Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Requests that came as to a proxy (with an absolute URL). */
    public int proxiedRequests() {
        return proxied.get();
    }

    /** Requests received for {@code fileName} under {@value #PREFIX}. */
    public int requestCount(String fileName) {
        return requestCountForPath(PREFIX + fileName);
    }

    /** Requests received for this exact request path. */
    public int requestCountForPath(String path) {
        AtomicInteger count = counts.get(path);
        return count == null ? 0 : count.get();
    }

    /** All requests received, whatever their path. */
    public int totalRequests() {
        return total.get();
    }

    /** Request path to count, sorted by path. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> result = new TreeMap<>();
        counts.forEach((path, count) -> result.put(path, count.get()));
        return result;
    }

    /** The headers of the last request for {@code fileName} (names in lower case), or an empty map. */
    public Map<String, List<String>> lastRequestHeaders(String fileName) {
        return lastHeaders.getOrDefault(PREFIX + fileName, Map.of());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            total.incrementAndGet();
            counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) ->
                            headers.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
            lastHeaders.put(path, headers);

            if (exchange.getRequestURI().isAbsolute()) {
                proxied.incrementAndGet();
                String wanted = requiredProxyAuthorization;
                if (wanted != null
                        && !wanted.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                    exchange.getResponseHeaders().set("Proxy-Authenticate", "Basic realm=\"release proxy\"");
                    exchange.sendResponseHeaders(407, -1);
                    return;
                }
            }
            String wantedAuthorization = requiredAuthorization;
            if (wantedAuthorization != null
                    && !wantedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"releases\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String name = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
            Path file = FILE_NAME.matcher(name).matches() ? directory.resolve(name) : null;
            Mode mode = mode(name);
            if (file == null || !Files.isRegularFile(file) || mode == Mode.NOT_FOUND) {
                byte[] body = ("404 Not Found: " + path + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(404, method.equals("HEAD") ? -1 : body.length);
                if (!method.equals("HEAD")) {
                    exchange.getResponseBody().write(body);
                }
                return;
            }
            byte[] body = Files.readAllBytes(file);
            Headers response = exchange.getResponseHeaders();
            response.set("Content-Type", "application/x-gzip");
            if (method.equals("HEAD")) {
                response.set("Content-Length", Long.toString(body.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            if (mode == Mode.TRUNCATED_ONCE
                    && gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet() > 1) {
                mode = Mode.NORMAL;
            }
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            switch (mode) {
                case CORRUPT -> out.write(corrupted(body));
                case TRUNCATED, TRUNCATED_ONCE -> {
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    // Closing with bytes missing makes the server drop the connection.
                }
                case SLOW -> writeSlowly(out, body);
                default -> out.write(body);
            }
        } catch (IOException | UncheckedIOException e) {
            // The client went away, or a TRUNCATED body was cut short on purpose.
        }
    }

    /** The same bytes with up to 16 in the middle inverted: same length, another SHA-256. */
    static byte[] corrupted(byte[] body) {
        byte[] copy = body.clone();
        int from = copy.length / 2;
        for (int i = from; i < Math.min(copy.length, from + 16); i++) {
            copy[i] = (byte) ~copy[i];
        }
        return copy;
    }

    private void writeSlowly(OutputStream out, byte[] body) throws IOException {
        int chunk = slowChunkBytes;
        long pause = slowChunkDelay.toMillis();
        for (int offset = 0; offset < body.length; offset += chunk) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Release server stopped while sending slowly", e);
            }
            out.write(body, offset, Math.min(chunk, body.length - offset));
            out.flush();
        }
    }
}
