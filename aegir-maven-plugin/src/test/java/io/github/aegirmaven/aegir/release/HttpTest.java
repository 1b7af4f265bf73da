package io.github.aegirmaven.aegir.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The HTTP client is built on the first request only: building it reads the JVM's trust store and loads the TLS
 * classes, which a goal with nothing to download never needs.
 */
class HttpTest {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void noClientIsBuiltUntilTheFirstRequest() throws Exception {
        Http http = new Http(List.of(ProxySpec.of("http", "proxy.example.com", 3128)), SECOND, SECOND, null);

        assertThat(http.proxyFor(URI.create("https://ftp.drupal.org/files/projects/x.tar.gz")))
                .map(ProxySpec::host)
                .contains("proxy.example.com");
        assertThat(http.started()).isFalse();
        http.close();
        assertThat(http.started()).isFalse();
    }

    @Test
    void theFirstRequestBuildsTheClient() throws Exception {
        try (LoopbackServer server = new LoopbackServer();
                Http http = new Http(List.of(), SECOND, SECOND, null)) {
            server.on("/", LoopbackServer.bytes("hello".getBytes(StandardCharsets.UTF_8)));
            for (int i = 0; i < 2; i++) {
                try (Http.Answer answer = http.get(server.uri("/a"), Map.of())) {
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.body().readAllBytes())
                            .asString(StandardCharsets.UTF_8)
                            .isEqualTo("hello");
                }
                assertThat(http.started()).isTrue();
            }
            assertThat(server.count()).isEqualTo(2);
        }
    }
}
