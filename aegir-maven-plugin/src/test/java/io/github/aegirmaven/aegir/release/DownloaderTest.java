package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.LocalWriteException;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String PROXY_PASSWORD = "pr0xy-Pa55";

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final LoopbackServer server = newServer();
    private final byte[] body = randomBytes(200_000, 1);

    private static LoopbackServer newServer() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void noSecretsLeakAndNoPartialFiles() throws IOException {
        server.close();
        List<String> everything = new ArrayList<>(log);
        everything.addAll(messages);
        assertThat(everything).noneMatch(line -> line.contains(PASSWORD) || line.contains(PROXY_PASSWORD));
        try (var files = Files.walk(dir)) {
            assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
        }
    }

    private DownloadSettings.Builder settings() {
        return DownloadSettings.builder().retryDelay(Duration.ofMillis(10)).log(BuildLog.collecting(log));
    }

    private Path download(DownloadSettings settings, URI uri) throws Exception {
        try {
            return new Downloader(settings).download(uri, dir.resolve("out/file.tar.gz"));
        } catch (UserFixableException | IOException e) {
            messages.add(e.getMessage());
            throw e;
        }
    }

    @Test
    void downloadsABody() throws Exception {
        server.on("/files/", LoopbackServer.bytes(body));
        Path file = download(settings().build(), server.uri("/files/drush-7.x-4.4.tar.gz"));
        assertThat(file).hasBinaryContent(body);
        assertThat(server.count()).isEqualTo(1);
        assertThat(server.requests.get(0).header("Authorization")).isNull();
    }

    @Test
    void notFoundIsTheUsersToFixAndNotRetried() {
        server.on("/", LoopbackServer.status(404));
        URI uri = server.uri("/files/drush-7.x-9.9.tar.gz");
        assertThatThrownBy(() -> download(settings().build(), uri))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining(uri.toString())
                .hasMessageContaining("404")
                .hasMessageContaining("aegirVersion")
                .hasMessageContaining("drushVersion")
                .hasMessageContaining("downloadUrl");
        assertThat(server.count()).isEqualTo(1);
        assertThat(dir.resolve("out/file.tar.gz")).doesNotExist();
    }

    @Test
    void aLocalWriteFailureIsTypedAsOneThatAdvisesOnSpaceAndIsNotRetried() throws Exception {
        server.on("/", LoopbackServer.bytes(body));
        Files.writeString(dir.resolve("out"), "a file where the download's directory should be");
        assertThatThrownBy(() -> download(settings().build(), server.uri("/x.tar.gz")))
                .isInstanceOf(LocalWriteException.class)
                .hasMessageContaining("Could not create a file for the download of")
                .hasMessageContaining("Check the free space and permissions there.");
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void forbiddenIsNotRetriedEither() {
        server.on("/", LoopbackServer.status(403));
        assertThatThrownBy(() -> download(settings().build(), server.uri("/x.tar.gz")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("403");
        assertThat(server.count()).isEqualTo(1);
    }

    @Test
    void serverErrorIsRetried() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        server.on("/", exchange -> {
            if (calls.incrementAndGet() == 1) {
                LoopbackServer.send(exchange, 500, "boom".getBytes());
            } else {
                LoopbackServer.send(exchange, 200, body);
            }
        });
        assertThat(download(settings().build(), server.uri("/x.tar.gz"))).hasBinaryContent(body);
        assertThat(server.count()).isEqualTo(2);
        assertThat(log).anyMatch(l -> l.startsWith("WARN") && l.contains("500") && l.contains("attempt 2 of 4"));
    }

    @Test
    void persistentServerErrorGivesUpAfterTheRetries() {
        server.on("/", LoopbackServer.status(503));
        assertThatThrownBy(() -> download(settings().retries(2).build(), server.uri("/x.tar.gz")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("503")
                .hasMessageContaining("proxies in settings.xml");
        assertThat(server.count()).isEqualTo(3);
    }

    @Test
    void truncatedBodyIsRetriedAndNeverLandsInTheTarget() throws Exception {
        try (RawServer raw = new RawServer((n, socket) -> {
            if (n == 1) {
                respondTruncated(socket);
            } else {
                respond(socket, body);
            }
        })) {
            assertThat(download(settings().build(), raw.uri("/x.tar.gz"))).hasBinaryContent(body);
            assertThat(raw.connections.get()).isEqualTo(2);
            assertThat(log).anyMatch(l -> l.startsWith("WARN") && l.contains("truncated: 40000 of 100000 bytes"));
        }
    }

    @Test
    void alwaysTruncatedBodyFails() throws Exception {
        try (RawServer raw = new RawServer((n, socket) -> respondTruncated(socket))) {
            assertThatThrownBy(() -> download(settings().retries(1).build(), raw.uri("/x.tar.gz")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("after 2 attempts");
            assertThat(raw.connections.get()).isEqualTo(2);
            assertThat(dir.resolve("out/file.tar.gz")).doesNotExist();
        }
    }

    /** Promises 100,000 bytes, sends 40,000 and closes the connection. */
    private static void respondTruncated(Socket socket) throws IOException {
        readRequestHead(socket);
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[40_000]);
        out.flush();
    }

    private static void respond(Socket socket, byte[] bytes) throws IOException {
        readRequestHead(socket);
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String readRequestHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    /** A bare socket server for answers HttpServer cannot give (a connection closed mid-body). */
    private static final class RawServer implements AutoCloseable {
        interface Handler {
            void handle(int connection, Socket socket) throws IOException;
        }

        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket socket;
        private final Thread thread;

        RawServer(Handler handler) throws IOException {
            socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
            thread = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (Socket client = socket.accept()) {
                                handler.handle(connections.incrementAndGet(), client);
                            } catch (IOException e) {
                                // closed, or the client went away
                            }
                        }
                    },
                    "raw-http");
            thread.setDaemon(true);
            thread.start();
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void slowBodyShowsProgress() throws Exception {
        server.on("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int chunk = body.length / 5;
                for (int i = 0; i < 5; i++) {
                    out.write(body, i * chunk, i == 4 ? body.length - 4 * chunk : chunk);
                    out.flush();
                    sleep(120);
                }
            }
        });
        Path file = download(settings().progressInterval(Duration.ofMillis(100)).build(), server.uri("/slow.tar.gz"));
        assertThat(file).hasBinaryContent(body);
        List<String> progress =
                log.stream().filter(l -> l.startsWith("INFO   slow.tar.gz: ")).toList();
        assertThat(progress).isNotEmpty().allMatch(l -> l.contains(" of 195.3 KB (") && l.contains("%), "));
        assertThat(progress.size()).isLessThanOrEqualTo(6);
    }

    @Test
    void stalledBodyTimesOut() {
        server.on("/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, 1000);
            out.flush();
            sleep(1500);
        });
        assertThatThrownBy(() -> download(
                        settings()
                                .retries(0)
                                .readTimeout(Duration.ofMillis(300))
                                .build(),
                        server.uri("/stall.tar.gz")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("read timeout")
                .hasMessageContaining("after 1 attempt");
    }

    @Test
    void offlineMakesNoRequest() {
        server.on("/", LoopbackServer.bytes(body));
        assertThatThrownBy(() -> download(settings().offline(true).build(), server.uri("/x.tar.gz")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("offline (-o)");
        assertThat(server.count()).isZero();
    }

    @Test
    void fileUrlsAreCopiedEvenOffline() throws Exception {
        Path source = Files.write(dir.resolve("mirror.tar.gz"), body);
        assertThat(download(settings().offline(true).build(), source.toUri())).hasBinaryContent(body);
        assertThatThrownBy(() -> download(
                        settings().build(), dir.resolve("missing.tar.gz").toUri()))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("there is no file " + dir.resolve("missing.tar.gz"))
                .hasMessageContaining("downloadUrl");
    }

    @Test
    void basicCredentialsGoToTheServer() throws Exception {
        String expected = "Basic "
                + java.util.Base64.getEncoder().encodeToString(("deploy:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        server.on("/", exchange -> {
            if (expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                LoopbackServer.send(exchange, 200, body);
            } else {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"mirror\"");
                LoopbackServer.send(exchange, 401, new byte[0]);
            }
        });
        URI uri = server.uri("/private/x.tar.gz");
        assertThat(download(
                        settings()
                                .credentials(new Credentials("deploy", PASSWORD))
                                .build(),
                        uri))
                .hasBinaryContent(body);

        assertThatThrownBy(() -> download(settings().build(), uri))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("401")
                .hasMessageContaining("serverId");
        assertThatThrownBy(() -> download(
                        settings()
                                .credentials(new Credentials("deploy", "wrong"))
                                .build(),
                        uri))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("were refused");
        assertThat(server.count()).isEqualTo(3);
        assertThat(new Credentials("deploy", PASSWORD).toString()).doesNotContain(PASSWORD);
    }

    @Test
    void credentialsAreNotForwardedToAnotherHostOnRedirect() throws Exception {
        try (LoopbackServer other = new LoopbackServer()) {
            other.on("/", LoopbackServer.bytes(body));
            // "localhost" is another host name than 127.0.0.1, as far as credentials are concerned
            URI elsewhere = URI.create("http://localhost:" + other.port() + "/cdn/x.tar.gz");
            server.on("/", exchange -> {
                exchange.getResponseHeaders().add("Location", elsewhere.toString());
                LoopbackServer.send(exchange, 302, new byte[0]);
            });
            Path file = download(
                    settings().credentials(new Credentials("deploy", PASSWORD)).build(), server.uri("/x.tar.gz"));
            assertThat(file).hasBinaryContent(body);
            assertThat(server.requests.get(0).header("Authorization")).isNotNull();
            assertThat(other.count()).isEqualTo(1);
            assertThat(other.requests.get(0).header("Authorization")).isNull();
        }
    }

    @Test
    void redirectLoopsEnd() {
        server.on("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "/again");
            LoopbackServer.send(exchange, 302, new byte[0]);
        });
        assertThatThrownBy(() -> download(settings().build(), server.uri("/x.tar.gz")))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("more than 5 redirects");
        assertThat(server.count()).isEqualTo(6);
    }

    @Test
    void downloadsThroughAnAuthenticatingProxy() throws Exception {
        String expected = new Credentials("proxyuser", PROXY_PASSWORD).basicAuthorization();
        try (LoopbackServer proxy = new LoopbackServer()) {
            proxy.on("/", LoopbackServer.forwardProxy(expected));
            server.on("/", LoopbackServer.bytes(body));
            DownloadSettings settings = settings()
                    .proxy(new ProxySpec("http", "127.0.0.1", proxy.port(), "proxyuser", PROXY_PASSWORD, "*.internal"))
                    .build();
            assertThat(download(settings, server.uri("/files/x.tar.gz"))).hasBinaryContent(body);
            assertThat(proxy.count()).isEqualTo(1);
            assertThat(proxy.requests.get(0).uri()).isEqualTo(server.uri("/files/x.tar.gz"));
            assertThat(proxy.requests.get(0).header("Proxy-Authorization")).isEqualTo(expected);
            assertThat(server.count()).isEqualTo(1);
            assertThat(server.requests.get(0).header("Proxy-Authorization")).isNull();
            assertThat(settings.toString()).doesNotContain(PROXY_PASSWORD);
        }
    }

    @Test
    void proxyWithoutCredentialsAnswering407IsExplained() throws Exception {
        try (LoopbackServer proxy = new LoopbackServer()) {
            proxy.on("/", LoopbackServer.forwardProxy("Basic something"));
            DownloadSettings settings = settings()
                    .proxy(ProxySpec.of("http", "127.0.0.1", proxy.port()))
                    .build();
            assertThatThrownBy(() -> download(settings, server.uri("/x.tar.gz")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("proxy 127.0.0.1:" + proxy.port() + " answered 407")
                    .hasMessageContaining("<proxy> entry in settings.xml");
            assertThat(server.count()).isZero();
        }
    }

    @Test
    void nonProxyHostsAreReachedDirectly() throws Exception {
        try (LoopbackServer proxy = new LoopbackServer()) {
            proxy.on("/", LoopbackServer.forwardProxy(null));
            server.on("/", LoopbackServer.bytes(body));
            DownloadSettings settings = settings()
                    .proxy(new ProxySpec("http", "127.0.0.1", proxy.port(), null, null, "localhost|127.0.*"))
                    .build();
            assertThat(download(settings, server.uri("/x.tar.gz"))).hasBinaryContent(body);
            assertThat(proxy.count()).isZero();
            assertThat(server.count()).isEqualTo(1);
        }
    }

    @Test
    void httpsUrlsTunnelThroughTheHttpProxy() throws Exception {
        try (ServerSocket fakeProxy = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try (Socket socket = fakeProxy.accept()) {
                    InputStream in = socket.getInputStream();
                    StringBuilder line = new StringBuilder();
                    int c;
                    while ((c = in.read()) >= 0 && c != '\r' && c != '\n') {
                        line.append((char) c);
                    }
                    socket.getOutputStream()
                            .write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"
                                    .getBytes(StandardCharsets.US_ASCII));
                    return line.toString();
                } catch (IOException e) {
                    return "failed: " + e;
                }
            });
            DownloadSettings settings = settings()
                    .retries(0)
                    .proxy(ProxySpec.of("http", "127.0.0.1", fakeProxy.getLocalPort()))
                    .build();
            assertThatThrownBy(() -> download(settings, URI.create("https://releases.example.org/x.tar.gz")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("after 1 attempt");
            assertThat(firstLine.get(5, TimeUnit.SECONDS)).isEqualTo("CONNECT releases.example.org:443 HTTP/1.1");
        }
    }

    @Test
    void proxyChoiceFollowsMaven() {
        ProxySpec http = new ProxySpec("http", "p1", 3128, null, null, "*.example.com|intranet");
        ProxySpec https = new ProxySpec("HTTPS", "p2", 3129, null, null, null);
        assertThat(ProxySpec.choose(List.of(http, https), URI.create("https://ftp.drupal.org/x")))
                .contains(https);
        assertThat(ProxySpec.choose(List.of(http), URI.create("https://ftp.drupal.org/x")))
                .contains(http);
        assertThat(ProxySpec.choose(List.of(https), URI.create("http://ftp.drupal.org/x")))
                .isEmpty();
        assertThat(ProxySpec.choose(List.of(http), URI.create("http://mirror.EXAMPLE.com/x")))
                .isEmpty();
        assertThat(ProxySpec.choose(List.of(http), URI.create("http://intranet/x")))
                .isEmpty();
        assertThat(ProxySpec.choose(List.of(http), URI.create("http://intranet2/x")))
                .contains(http);
        assertThat(ProxySpec.choose(List.of(http), URI.create("file:///srv/x"))).isEmpty();
        assertThat(new ProxySpec(null, "p", 1, null, null, "a.b | c.d").bypasses("c.d"))
                .isTrue();
        // Maven's resolver splits at "|" only: "a.b,c.d" is one pattern that names neither host
        assertThat(new ProxySpec(null, "p", 1, null, null, "a.b,c.d").bypasses("c.d"))
                .isFalse();
        assertThat(new ProxySpec(null, "p", 1, null, null, "127.0.0.*").bypasses("127.0.0.1"))
                .isTrue();
        assertThat(new ProxySpec(null, "p", 1, null, null, "127.0.0.*").bypasses("127.0.0x1"))
                .isFalse();
    }

    @Test
    void aRefusedConnectionFailsAtOnceAndTheSameServerIsNotTriedAgain() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        // a retry would wait ten minutes first: the test would time out
        Downloader downloader = new Downloader(DownloadSettings.builder()
                .retryDelay(Duration.ofMinutes(10))
                .log(BuildLog.collecting(log))
                .build());
        URI first = URI.create("http://127.0.0.1:" + port + "/files/projects/drush-7.x-4.4.tar.gz");
        assertTimeoutPreemptively(
                Duration.ofSeconds(60),
                () -> assertThatThrownBy(() -> downloader.download(first, dir.resolve("drush.tar.gz")))
                        .isInstanceOf(ServerRefusedException.class)
                        .hasMessageContaining(
                                "Cannot connect to 127.0.0.1:" + port + " (connection refused) to download " + first));
        // the next release from the same server: the same refusal, without a new attempt or a wait
        long started = System.nanoTime();
        URI second = URI.create("http://127.0.0.1:" + port + "/files/projects/provision-6.x-1.0-rc3.tar.gz");
        assertThatThrownBy(() -> downloader.download(second, dir.resolve("provision.tar.gz")))
                .isInstanceOf(ServerRefusedException.class)
                .hasMessageContaining("Cannot connect to 127.0.0.1:" + port);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(150));
        assertThat(dir.resolve("drush.tar.gz")).doesNotExist();
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void sizesAreHumanReadable() {
        assertThat(Arrays.asList(Downloader.size(10), Downloader.size(2048), Downloader.size(3 * 1024 * 1024)))
                .containsExactly("10 B", "2.0 KB", "3.0 MB");
    }
}
