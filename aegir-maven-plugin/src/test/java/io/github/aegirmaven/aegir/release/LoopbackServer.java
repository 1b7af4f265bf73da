package io.github.aegirmaven.aegir.release;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on 127.0.0.1 and a free port, recording every request; for tests. */
final class LoopbackServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, URI uri, Map<String, List<String>> headers) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    /** Serves {@code path} (and everything below it) with the handler, recording each request first. */
    LoopbackServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.add(new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI(), Map.copyOf(exchange.getRequestHeaders())));
            try {
                handler.handle(exchange);
            } finally {
                exchange.close();
            }
        });
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    int count() {
        return requests.size();
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static HttpHandler bytes(byte[] body) {
        return exchange -> send(exchange, 200, body);
    }

    static HttpHandler status(int status) {
        return exchange -> send(exchange, status, ("status " + status).getBytes());
    }

    /**
     * A plain-http forward proxy: relays {@code GET http://host:port/path} to the origin, after checking the
     * {@code Proxy-Authorization} header when {@code expectedAuthorization} is not null.
     */
    static HttpHandler forwardProxy(String expectedAuthorization) {
        return exchange -> {
            if (expectedAuthorization != null
                    && !expectedAuthorization.equals(
                            exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"loopback proxy\"");
                send(exchange, 407, new byte[0]);
                return;
            }
            URI target = exchange.getRequestURI();
            if (target.getHost() == null) {
                send(exchange, 400, "not a proxy request".getBytes());
                return;
            }
            HttpURLConnection origin = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Proxy-Authorization")
                        && !name.equalsIgnoreCase("Host")
                        && !name.equalsIgnoreCase("Proxy-Connection")
                        && !name.equalsIgnoreCase("Connection")) {
                    values.forEach(v -> origin.addRequestProperty(name, v));
                }
            });
            int status = origin.getResponseCode();
            InputStream body = status >= 400 ? origin.getErrorStream() : origin.getInputStream();
            byte[] bytes = body == null ? new byte[0] : body.readAllBytes();
            send(exchange, status, bytes);
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
