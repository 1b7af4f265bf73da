package io.github.aegirmaven.aegir.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * For the proxy ITs, on 127.0.0.1: an https front for a {@link ReleaseServer} (TLS with a certificate made for the
 * test by the JDK's keytool, then the bytes relayed to the release server), the trust store a Maven run needs to
 * trust it ({@code -Djavax.net.ssl.trustStore} in MAVEN_OPTS), and an HTTP proxy that tunnels {@code CONNECT} only
 * with the expected Basic {@code Proxy-Authorization} (407 otherwise), recording every request line it gets.
 */
public final class HttpsAndProxy implements AutoCloseable {

    /** What the proxy saw: the request line and the Proxy-Authorization header (or null). */
    public record Seen(String requestLine, String proxyAuthorization) {}

    private static final String PASSWORD = "it-only";

    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "https-and-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final SSLServerSocket https;
    private final ServerSocket proxy;
    private final Path trustStore;
    private final int releasePort;
    private final String expectedAuthorization;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * @param directory where the key and trust stores are written
     * @param releaseServer the plain-http server behind the https front
     * @param user the proxy's user name
     * @param password the proxy's password
     */
    public HttpsAndProxy(Path directory, ReleaseServer releaseServer, String user, String password)
            throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(directory);
        Path keys = directory.resolve("it-server.p12");
        Files.deleteIfExists(keys);
        keytool(keys);
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("it-server", keyStore.getCertificate("server"));
        trustStore = directory.resolve("it-truststore.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        https = (SSLServerSocket)
                tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        proxy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        releasePort = releaseServer.port();
        expectedAuthorization = ReleaseServer.basic(user, password);
        executor.execute(() -> accept(https, this::front));
        executor.execute(() -> accept(proxy, this::tunnel));
    }

    /** The downloadUrl template of the release server, through the https front. */
    public String httpsUrlTemplate() {
        return "https://127.0.0.1:" + https.getLocalPort() + ReleaseServer.PREFIX + "{project}-{version}.tar.gz";
    }

    public int proxyPort() {
        return proxy.getLocalPort();
    }

    /** MAVEN_OPTS that trust the https front (and keep the harness's fast JVM options). */
    public String mavenOpts() {
        return MavenRun.FAST_JVM_OPTIONS + " -Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12";
    }

    /** Every request the proxy got, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private static void keytool(Path keys) throws IOException, InterruptedException {
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(List.of(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "san=ip:127.0.0.1,dns:localhost",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keys.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    private interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private void accept(ServerSocket server, Handler handler) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                executor.execute(() -> {
                    try (socket) {
                        handler.handle(socket);
                    } catch (IOException e) {
                        // the client went away
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** TLS in, plain http out to the release server. */
    private void front(Socket client) throws IOException {
        try (Socket origin = new Socket(InetAddress.getLoopbackAddress(), releasePort)) {
            relay(client, origin);
        }
    }

    private void tunnel(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        OutputStream out = client.getOutputStream();
        String requestLine = line(in);
        String authorization = null;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("Proxy-Authorization")) {
                authorization = header.substring(colon + 1).trim();
            }
        }
        seen.add(new Seen(requestLine, authorization));
        String[] parts = requestLine.split(" ");
        if (!expectedAuthorization.equals(authorization)) {
            write(
                    out,
                    "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"it proxy\"\r\n"
                            + "Content-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        if (parts.length < 2 || !parts[0].equals("CONNECT")) {
            write(out, "HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            return;
        }
        int colon = parts[1].lastIndexOf(':');
        try (Socket origin =
                new Socket(parts[1].substring(0, colon), Integer.parseInt(parts[1].substring(colon + 1)))) {
            write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
            relay(client, origin);
        }
    }

    /** Copies both ways until the client is done, then the origin's rest. */
    private void relay(Socket client, Socket origin) throws IOException {
        executor.execute(() -> {
            try {
                client.getInputStream().transferTo(origin.getOutputStream());
                origin.shutdownOutput();
            } catch (IOException e) {
                // closed
            }
        });
        origin.getInputStream().transferTo(client.getOutputStream());
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
        https.close();
        proxy.close();
        executor.shutdownNow();
    }
}
