package io.github.aegirmaven.aegir.release;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP proxy on 127.0.0.1, in-process, for tests: {@code CONNECT host:port} tunnels (https) and absolute-URL
 * requests (plain http), both only with the expected {@code Proxy-Authorization} (else 407 with a Basic challenge).
 * Every request it sees is recorded; every connection is closed after one exchange.
 */
final class LoopbackProxy implements AutoCloseable {

    /** A request as the proxy saw it: method, target, and its Proxy-Authorization header (or null). */
    record Seen(String method, String target, String proxyAuthorization) {}

    private final ServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String expectedAuthorization;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** @param expectedAuthorization the Proxy-Authorization value required, or null for an open proxy */
    LoopbackProxy(String expectedAuthorization) throws IOException {
        this.expectedAuthorization = expectedAuthorization;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                executor.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String requestLine = line(in);
            List<String> headers = new ArrayList<>();
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                headers.add(h);
            }
            String[] parts = requestLine.split(" ");
            String authorization = header(headers, "Proxy-Authorization");
            seen.add(new Seen(parts[0], parts[1], authorization));
            if (expectedAuthorization != null && !expectedAuthorization.equals(authorization)) {
                write(
                        out,
                        "HTTP/1.1 407 Proxy Authentication Required\r\n"
                                + "Proxy-Authenticate: Basic realm=\"loopback proxy\"\r\n"
                                + "Content-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            if (parts[0].equals("CONNECT")) {
                String[] hostPort = parts[1].split(":");
                try (Socket origin = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
                    pump(in, origin.getOutputStream(), origin);
                    origin.getInputStream().transferTo(out);
                }
                return;
            }
            URI target = URI.create(parts[1]);
            if (target.getHost() == null) {
                write(out, "HTTP/1.1 400 Not a proxy request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }
            try (Socket origin = new Socket(target.getHost(), target.getPort() < 0 ? 80 : target.getPort())) {
                StringBuilder request = new StringBuilder(parts[0] + " " + target.getRawPath() + " HTTP/1.1\r\n");
                for (String h : headers) {
                    String name = h.substring(0, h.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                    if (!name.startsWith("proxy-") && !name.equals("connection")) {
                        request.append(h).append("\r\n");
                    }
                }
                request.append("Connection: close\r\n\r\n");
                write(origin.getOutputStream(), request.toString());
                origin.getInputStream().transferTo(out);
            }
        } catch (IOException e) {
            // the client went away: nothing to record
        }
    }

    /** Copies the client's bytes to the origin in the background until either side closes. */
    private void pump(InputStream from, OutputStream to, Socket origin) {
        executor.execute(() -> {
            try {
                from.transferTo(to);
                origin.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        });
    }

    private static String header(List<String> headers, String name) {
        for (String h : headers) {
            int colon = h.indexOf(':');
            if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return h.substring(colon + 1).trim();
            }
        }
        return null;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                bytes.write(c);
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        executor.shutdownNow();
    }
}
