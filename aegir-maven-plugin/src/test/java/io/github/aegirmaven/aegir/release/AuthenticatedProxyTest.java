package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsServer;
import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.makefile.HttpIncludeFetcher;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads through a settings.xml proxy that wants a user name and password: https (a CONNECT tunnel, where the JDK
 * refuses Basic by default) and plain http, for releases and make file includes alike; both servers in-process on
 * 127.0.0.1, the https one with a certificate made for the test and trusted through the injected TLS context.
 */
class AuthenticatedProxyTest {

    private static final String USER = "proxyuser";
    private static final String PASSWORD = "pr0xy-s3cret";
    private static final String RIGHT = new Credentials(USER, PASSWORD).basicAuthorization();

    @TempDir
    static Path keys;

    /** One certificate for the class: keytool takes seconds on a busy machine. */
    private static SelfSignedTls tls;

    @TempDir
    Path dir;

    private HttpsServer https;
    private final List<String> httpsAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final byte[] body = new byte[70_000];

    @BeforeAll
    static void certificate() throws Exception {
        tls = SelfSignedTls.create(keys);
    }

    @BeforeEach
    void start() throws Exception {
        new Random(7).nextBytes(body);
        https = tls.server();
        https.createContext("/", exchange -> {
            String seen = exchange.getRequestHeaders().getFirst("Proxy-Authorization");
            httpsAuthorizations.add(String.valueOf(seen));
            byte[] answer = exchange.getRequestURI().getPath().endsWith(".make")
                    ? "projects[views][version] = 3.20\n".getBytes(StandardCharsets.UTF_8)
                    : body;
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        https.start();
    }

    @AfterEach
    void stop() {
        https.stop(0);
    }

    private URI httpsUri(String path) {
        return URI.create("https://127.0.0.1:" + https.getAddress().getPort() + path);
    }

    private static ProxySpec proxy(LoopbackProxy proxy, String password, String nonProxyHosts) {
        return new ProxySpec("http", "127.0.0.1", proxy.port(), USER, password, nonProxyHosts, "corp", null);
    }

    private Downloader downloader(ProxySpec proxy) {
        return new Downloader(DownloadSettings.builder()
                .proxy(proxy)
                .tls(tls.trust())
                .retries(1)
                .retryDelay(Duration.ofMillis(10))
                .log(BuildLog.collecting(log))
                .build());
    }

    @Test
    void httpsThroughAProxyWithTheRightPasswordDownloads() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            Path target = dir.resolve("x.tar.gz");
            downloader(proxy(proxy, PASSWORD, null)).download(httpsUri("/files/x.tar.gz"), target);
            assertThat(target).hasBinaryContent(body);
            assertThat(proxy.seen)
                    .extracting(LoopbackProxy.Seen::method, LoopbackProxy.Seen::target)
                    .contains(org.assertj.core.groups.Tuple.tuple(
                            "CONNECT", "127.0.0.1:" + https.getAddress().getPort()));
            assertThat(proxy.seen).anyMatch(s -> RIGHT.equals(s.proxyAuthorization()));
            // the proxy's password went to the proxy only, never through the tunnel to the server
            assertThat(httpsAuthorizations).containsExactly("null");
            assertThat(String.join("\n", log)).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aWrongPasswordNamesTheProxyNotTheReleaseServer() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            URI uri = httpsUri("/files/x.tar.gz");
            assertThatThrownBy(() -> downloader(proxy(proxy, "wrong", null)).download(uri, dir.resolve("x.tar.gz")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("proxy 'corp' (127.0.0.1:" + proxy.port() + ") answered 407")
                    .hasMessageContaining("The proxy (not the release server) refused the <username> and <password>")
                    .hasMessageContaining("<proxy> entry 'corp' in settings.xml")
                    .hasMessageNotContaining("serverId")
                    .hasMessageNotContaining("wrong");
            assertThat(httpsAuthorizations).isEmpty();
            assertThat(dir.resolve("x.tar.gz")).doesNotExist();
        }
    }

    @Test
    void aHostInNonProxyHostsIsReachedDirectly() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            Path target = dir.resolve("x.tar.gz");
            downloader(proxy(proxy, PASSWORD, "localhost|127.0.0.*")).download(httpsUri("/x.tar.gz"), target);
            assertThat(target).hasBinaryContent(body);
            assertThat(proxy.seen).isEmpty();
            assertThat(httpsAuthorizations).hasSize(1);
        }
    }

    @Test
    void plainHttpGoesThroughTheProxyWithItsPassword() throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            server.on("/", LoopbackServer.bytes(body));
            Path target = dir.resolve("x.tar.gz");
            downloader(proxy(proxy, PASSWORD, null)).download(server.uri("/x.tar.gz"), target);
            assertThat(target).hasBinaryContent(body);
            assertThat(proxy.seen)
                    .extracting(LoopbackProxy.Seen::target)
                    .contains(server.uri("/x.tar.gz").toString());
            assertThat(proxy.seen).anyMatch(s -> RIGHT.equals(s.proxyAuthorization()));
            assertThat(server.requests.get(0).header("Proxy-Authorization")).isNull();
        }
    }

    @Test
    void makeFileIncludesUseTheSameProxyAndPassword() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            HttpIncludeFetcher right = new HttpIncludeFetcher(
                    false, Duration.ofSeconds(10), List.of(proxy(proxy, PASSWORD, null)), Duration.ZERO, tls.trust());
            assertThat(right.fetch(httpsUri("/contrib.make"))).isEqualTo("projects[views][version] = 3.20\n");
            assertThat(proxy.seen).anyMatch(s -> s.method().equals("CONNECT") && RIGHT.equals(s.proxyAuthorization()));

            HttpIncludeFetcher wrong = new HttpIncludeFetcher(
                    false, Duration.ofSeconds(10), List.of(proxy(proxy, "wrong", null)), Duration.ZERO, tls.trust());
            assertThatThrownBy(() -> wrong.fetch(httpsUri("/contrib.make")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("proxy 'corp' (127.0.0.1:" + proxy.port() + ") answered 407")
                    .hasMessageContaining("<proxy> entry 'corp' in settings.xml")
                    .hasMessageNotContaining("wrong");
        }
    }

    @Test
    void aProxyPasswordThatCouldNotBeDecryptedIsNeverSent() throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy(RIGHT)) {
            ProxySpec undecrypted = new ProxySpec(
                    "http",
                    "127.0.0.1",
                    proxy.port(),
                    USER,
                    "{COQLCE6DU6GtcS5P=}",
                    null,
                    "corp",
                    "the password of <proxy> 'corp' in /home/u/.m2/settings.xml could not be decrypted");
            assertThatThrownBy(() -> downloader(undecrypted).download(httpsUri("/x.tar.gz"), dir.resolve("x")))
                    .isInstanceOf(UserFixableException.class)
                    .hasMessageContaining("through proxy 'corp' (127.0.0.1:" + proxy.port() + ")")
                    .hasMessageContaining("could not be decrypted")
                    .hasMessageNotContaining("COQLCE6DU6GtcS5P");
            assertThat(proxy.seen).isEmpty();
        }
    }
}
