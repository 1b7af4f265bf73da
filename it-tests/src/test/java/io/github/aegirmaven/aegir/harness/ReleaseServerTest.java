package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReleaseServerTest {

    private static final String PROVISION = ReleaseCatalog.PROVISION_NEW.fileName();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ReleaseServer server;
    private byte[] provision;

    @BeforeEach
    void start() throws IOException {
        server = new ReleaseServer(TestReleases.dir());
        provision = Files.readAllBytes(TestReleases.dir().resolve(PROVISION));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("X-Harness-Test", "yes")
                        .timeout(Duration.ofSeconds(20))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheTarballsUnderTheUrlTemplate() throws Exception {
        assertThat(server.urlTemplate())
                .isEqualTo("http://127.0.0.1:" + server.port() + "/files/projects/{project}-{version}.tar.gz");
        String url = server.urlTemplate().replace("{project}", "provision").replace("{version}", "6.x-1.0-rc3");

        HttpResponse<byte[]> response = get(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(provision);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(provision.length);
        assertThat(server.requestCount(PROVISION)).isEqualTo(1);
        assertThat(server.lastRequestHeaders(PROVISION)).containsEntry("x-harness-test", java.util.List.of("yes"));
    }

    @Test
    void answers404ForUnknownFilesOddPathsAndNotFoundMode() throws Exception {
        assertThat(get(server.url("drush-7.x-9.9.tar.gz")).statusCode()).isEqualTo(404);
        assertThat(get(server.baseUrl() + "/files/projects/..%2fSHA256SUMS").statusCode())
                .isEqualTo(404);
        assertThat(get(server.baseUrl() + "/elsewhere/" + PROVISION).statusCode())
                .isEqualTo(404);
        assertThat(get(server.url(PROVISION)).statusCode()).isEqualTo(200);

        server.setMode(PROVISION, ReleaseServer.Mode.NOT_FOUND);

        assertThat(get(server.url(PROVISION)).statusCode()).isEqualTo(404);
        assertThat(server.requestCount(PROVISION)).isEqualTo(2);
    }

    @Test
    void corruptModeSendsTheSameLengthWithOtherBytes() throws Exception {
        server.setMode(PROVISION, ReleaseServer.Mode.CORRUPT);

        HttpResponse<byte[]> response = get(server.url(PROVISION));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSameSizeAs(provision);
        assertThat(Sha256.of(response.body())).isNotEqualTo(Sha256.of(provision));
        assertThat(response.body()[0]).isEqualTo(provision[0]);
    }

    @Test
    void truncatedModeAnnouncesTheFullLengthAndHangsUpHalfWay() throws Exception {
        server.setMode(PROVISION, ReleaseServer.Mode.TRUNCATED);

        HttpResponse<java.io.InputStream> response = client.send(
                HttpRequest.newBuilder(URI.create(server.url(PROVISION))).build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(provision.length);
        java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        assertThatThrownBy(() -> response.body().transferTo(received)).isInstanceOf(IOException.class);
        assertThat(received.size()).isLessThanOrEqualTo(provision.length / 2);
        assertThatThrownBy(() -> get(server.url(PROVISION))).isInstanceOf(IOException.class);
    }

    @Test
    void truncatedOnceModeHangsUpOnTheFirstGetOnly() throws Exception {
        server.setMode(PROVISION, ReleaseServer.Mode.TRUNCATED_ONCE);

        assertThatThrownBy(() -> get(server.url(PROVISION))).isInstanceOf(IOException.class);
        assertThat(get(server.url(PROVISION)).body()).isEqualTo(provision);
        assertThat(get(server.url(PROVISION)).body()).isEqualTo(provision);
        assertThat(server.requestCount(PROVISION)).isEqualTo(3);
    }

    @Test
    void slowModeTricklesTheWholeFile() throws Exception {
        server.setMode(PROVISION, ReleaseServer.Mode.SLOW).setSlowPace(1024, Duration.ofMillis(60));
        int chunks = (provision.length + 1023) / 1024;

        long start = System.nanoTime();
        HttpResponse<byte[]> response = get(server.url(PROVISION));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.body()).isEqualTo(provision);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(60L * chunks));
    }

    @Test
    void countsRequestsPerPathAndInTotal() throws Exception {
        get(server.url(PROVISION));
        get(server.url(PROVISION));
        get(server.url(ReleaseCatalog.DRUSH_NEW.fileName()));
        get(server.baseUrl() + "/nothing");
        client.send(
                HttpRequest.newBuilder(URI.create(server.url(PROVISION)))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());

        assertThat(server.requestCount(PROVISION)).isEqualTo(3);
        assertThat(server.requestCount(ReleaseCatalog.DRUSH_NEW.fileName())).isEqualTo(1);
        assertThat(server.requestCountForPath("/nothing")).isEqualTo(1);
        assertThat(server.totalRequests()).isEqualTo(5);
        assertThat(server.requestCounts())
                .containsOnlyKeys(
                        "/files/projects/" + PROVISION,
                        "/files/projects/" + ReleaseCatalog.DRUSH_NEW.fileName(),
                        "/nothing");
    }

    @Test
    void refusesADirectoryThatDoesNotExist(@org.junit.jupiter.api.io.TempDir Path temp) {
        assertThatThrownBy(() -> new ReleaseServer(temp.resolve("missing")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("does not exist");
    }
}
