package io.github.aegirmaven.aegir.makefile;

import static io.github.aegirmaven.aegir.makefile.MakefileFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** includes[] by URL, fetched from a real HTTP server on the loopback interface. */
class HttpIncludeTest {

    @TempDir
    Path dir;

    HttpServer server;
    String base;
    MakefileFixture fx;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/contrib.make", exchange -> {
            byte[] body = "projects[views][version] = 3.20\nprojects[] = token\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        fx = new MakefileFixture(dir);
        fx.options = fx.options
                .withHostmasterPlatform(false)
                .withFetcher(new HttpIncludeFetcher(false, Duration.ofSeconds(10)));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void fetchesAndMergesAnHttpInclude() throws Exception {
        for (MakeEngine engine : MakeEngine.values()) {
            fx.engine(engine)
                    .write(
                            "site.make",
                            "core = 7.x",
                            "api = 2",
                            "includes[] = " + base + "/contrib.make",
                            "projects[drupal][version] = 7.61");
            ValidationResult r = fx.validate("site.make");
            assertThat(r.files()).as(engine.name()).containsExactly("site.make", base + "/contrib.make");
            assertThat(r.merged().array("projects").array("views").origin("version"))
                    .isEqualTo(new Origin(base + "/contrib.make", 1));
            assertThat(lines(r, Rule.UNPINNED_PROJECT))
                    .singleElement()
                    .asString()
                    .startsWith(base + "/contrib.make:2: warning: project token has no version");
        }
    }

    @Test
    void reportsAnHttpErrorAtTheIncludeLine() throws Exception {
        fx.engine(MakeEngine.DRUSH_MAKE_2)
                .write("site.make", "core = 7.x", "api = 2", "includes[] = " + base + "/gone.make");
        assertThat(lines(fx.validate("site.make"), Rule.INCLUDE_MISSING))
                .singleElement()
                .asString()
                .startsWith(
                        "site.make:3: error: Include file missing: " + base + "/gone.make (looked for: cannot fetch "
                                + base + "/gone.make: the server answered HTTP 404 (expected 200). Check the URL.");
    }

    @Test
    void refusesToFetchOffline() throws Exception {
        fx.options = fx.options.withFetcher(new HttpIncludeFetcher(true, Duration.ofSeconds(10)));
        fx.write("site.make", "core = 7.x", "api = 2", "includes[] = " + base + "/contrib.make");
        assertThat(lines(fx.validate("site.make"), Rule.INCLUDE_MISSING))
                .singleElement()
                .asString()
                .contains("cannot fetch " + base + "/contrib.make: Maven runs offline (-o). Run without -o, or download"
                        + " it next to the make file and include it by relative path.");
    }

    @Test
    void goesThroughTheSettingsProxyUnlessNonProxyHostsSaysNot() throws Exception {
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.createContext("/via-proxy.make", exchange -> {
            seen.add(exchange.getRequestURI().toString());
            byte[] body = "projects[views][version] = 3.20\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        int port = server.getAddress().getPort();
        // a host that does not resolve: only the proxy (this server) can answer for it
        String remote = "http://includes.example.invalid/via-proxy.make";
        fx.options = fx.options.withFetcher(new HttpIncludeFetcher(
                false,
                Duration.ofSeconds(10),
                java.util.List.of(io.github.aegirmaven.aegir.release.ProxySpec.of("http", "127.0.0.1", port)),
                Duration.ofMillis(10)));
        fx.write("site.make", "core = 7.x", "api = 2", "includes[] = " + remote);
        ValidationResult r = fx.validate("site.make");
        assertThat(r.files()).containsExactly("site.make", remote);
        assertThat(seen).containsExactly(remote); // the proxy got the absolute URL

        fx.options = fx.options.withFetcher(new HttpIncludeFetcher(
                false,
                Duration.ofSeconds(10),
                java.util.List.of(new io.github.aegirmaven.aegir.release.ProxySpec(
                        "http", "127.0.0.1", port, null, null, "*.example.invalid")),
                Duration.ofMillis(10)));
        assertThat(lines(fx.validate("site.make"), Rule.INCLUDE_MISSING))
                .singleElement()
                .asString()
                .contains("cannot fetch " + remote + ": unknown host includes.example.invalid");
        assertThat(seen).as("not through the proxy").hasSize(1);
    }

    @Test
    void aServerErrorIsTriedAgain() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/flaky.make", exchange -> {
            if (calls.incrementAndGet() == 1) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = "projects[views][version] = 3.20\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fx.options = fx.options.withFetcher(
                new HttpIncludeFetcher(false, Duration.ofSeconds(10), java.util.List.of(), Duration.ofMillis(10)));
        fx.write("site.make", "core = 7.x", "api = 2", "includes[] = " + base + "/flaky.make");
        assertThat(fx.validate("site.make").files()).containsExactly("site.make", base + "/flaky.make");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void resolvesRelativeIncludesOfADownloadedFileOnlyInTheWorkingDirectory() throws Exception {
        server.createContext("/nested.make", exchange -> {
            byte[] body = "includes[] = local.make\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        fx.engine(MakeEngine.DRUSH_MAKE_2)
                .write("site.make", "core = 7.x", "api = 2", "includes[] = " + base + "/nested.make");
        fx.write("local.make", "projects[a][version] = 1.0");
        assertThat(lines(fx.validate("site.make"), Rule.INCLUDE_MISSING))
                .singleElement()
                .asString()
                .startsWith(base + "/nested.make:1: error: Include file missing: local.make")
                .contains("drush does not resolve relative includes of a downloaded make file");
        assertThat(lines(fx.engine(MakeEngine.DRUSH_5).validate("site.make"), Rule.INCLUDE_MISSING))
                .isEmpty();
    }
}
