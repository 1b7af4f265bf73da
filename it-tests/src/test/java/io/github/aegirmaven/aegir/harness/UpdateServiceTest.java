package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.updates.ReleaseChoice;
import io.github.aegirmaven.aegir.updates.ReleaseHistory;
import io.github.aegirmaven.aegir.updates.ReleaseHistoryParser;
import io.github.aegirmaven.aegir.updates.SecurityCheck;
import io.github.aegirmaven.aegir.updates.SecurityCheck.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The update service double serves every state in a form the plugin reads as drupal.org's. */
class UpdateServiceTest {

    private static UpdateService service;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        service = new UpdateService();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    private static byte[] get(String path) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(service.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    private static ReleaseHistory history(String project, String core) throws Exception {
        return ReleaseHistoryParser.parse(get("/release-history/" + project + "/" + core), project, "double");
    }

    private static State state(String project, String version) throws Exception {
        return SecurityCheck.check(project, version, history(project, "6.x")).state();
    }

    @Test
    void everyStateIsServed() throws Exception {
        assertThat(state("views", "2.16")).isEqualTo(State.SECURE);
        assertThat(state("ctools", "1.14")).isEqualTo(State.SECURITY_UPDATE_AVAILABLE);
        assertThat(state("cck", "2.10")).isEqualTo(State.UNSUPPORTED);
        assertThat(state("token", "1.18")).isEqualTo(State.REVOKED);
        assertThat(state("flag", "2.1")).isEqualTo(State.REVOKED);
        assertThat(state("webform", "3.30")).isEqualTo(State.INSECURE);
        assertThat(state("provision", "6.x-1.0-rc3")).isEqualTo(State.SECURE);
        assertThat(SecurityCheck.check("drush", "7.x-4.4", history("drush", "7.x"))
                        .state())
                .isEqualTo(State.SECURE);
    }

    @Test
    void drushMakesChoiceOverTheDouble() throws Exception {
        assertThat(choose("views", null)).isEqualTo("2.16");
        assertThat(choose("views", "3")).isEqualTo("3.2");
        assertThat(choose("date", null)).isEqualTo("2.10-beta1");
        assertThat(choose("admin_menu", "1")).isEqualTo("1.x-dev");
        assertThat(choose("drupal", null)).isEqualTo("6.38");
        assertThat(history("drupal", "6.x").type()).contains("core");
        assertThat(history("zen", "6.x").type()).contains("theme");
    }

    private static String choose(String project, String version) throws Exception {
        ReleaseHistory h = history(project, "6.x");
        return ReleaseChoice.choose(
                        project, Optional.ofNullable(version), "6.x", h.type().orElseThrow(), h)
                .key();
    }

    @Test
    void tarballsMatchTheirMd5AndAreReproducible() throws Exception {
        ReleaseHistory views = history("views", "6.x");
        ReleaseHistory.Entry release = views.release("2.16").orElseThrow();
        byte[] tarball = get(URI.create(release.downloadLink()).getPath());
        assertThat(UpdateService.md5(tarball)).isEqualTo(release.mdhash());
        UpdateService.Project project = UpdateService.catalogue().get(1);
        assertThat(UpdateService.tarball(project, project.releases().get(1))).isEqualTo(tarball);
    }

    @Test
    void anUnknownProjectGetsDrupalOrgsError() throws Exception {
        assertThat(new String(get("/release-history/nosuch/6.x"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("<error>No release history was found for the requested project (nosuch).</error>");
        assertThat(service.requestCount("/release-history/nosuch/6.x")).isEqualTo(1);
    }
}
