package io.github.aegirmaven.aegir.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ItSupportTest {

    @TempDir
    Path temp;

    private File basedir;
    private String buildDir;
    private Path home;

    @BeforeEach
    void layout() throws IOException {
        Path target = temp.resolve("target");
        Path releases = target.resolve("releases");
        Files.createDirectories(releases);
        for (String name : ReleaseCatalog.outputFileNames()) {
            Files.copy(TestReleases.dir().resolve(name), releases.resolve(name));
        }
        buildDir = target.toString();
        basedir = temp.resolve(
                        "it/unit-itsupport-" + UUID.randomUUID().toString().substring(0, 8))
                .toFile();
        Files.createDirectories(basedir.toPath());
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (ItSupport.server(basedir) != null) {
            ItSupport.finish(basedir);
        }
        if (home != null && home.startsWith(ItSupport.ROOT_HOMES)) {
            Sandbox.delete(home);
            Host.removeCrontab(Host.AEGIR_USER);
        }
    }

    @Test
    void prepareGivesTheItItsHomeServerCacheAndLockThroughMavenConfig() throws Exception {
        Map<String, Object> it = ItSupport.prepare(
                basedir, buildDir, Map.of("failAt", "migrate", "properties", Map.of("aegir.yes", "true")));
        home = ((File) it.get("home")).toPath();

        List<String> config = Files.readAllLines(basedir.toPath().resolve(".mvn/maven.config"));
        assertThat(config)
                .containsExactly(
                        "-Daegir.home=" + home,
                        "-Daegir.downloadUrl=" + it.get("url"),
                        "-Daegir.cacheDirectory="
                                + basedir.toPath().toAbsolutePath().resolve("aegir-cache"),
                        "-Daegir.lockFile=" + basedir.toPath().toAbsolutePath().resolve("aegir.lock"),
                        "-Daegir.updateUrl=" + ItSupport.updateService(basedir).updateUrl(),
                        "-Daegir.yes=true");
        assertThat(home.resolve(".drush/standin-fail-at")).hasContent("migrate");
        if (TestHomes.asAegir()) {
            assertThat(home).isEqualTo(Path.of(ItSupport.ROOT_HOMES, basedir.getName()));
            assertThat(Host.readCrontab(Host.AEGIR_USER)).contains(home + "/drush/drush.php");
        }
        assertThat(Files.readString(basedir.toPath().resolve("aegir.lock")))
                .isEqualTo(Files.readString(Path.of(buildDir, "releases", ReleaseCatalog.LOCK_FILE)));
        assertThat(ItSupport.sandbox(basedir).home()).isEqualTo(home);

        ReleaseServer server = ItSupport.server(basedir);
        HttpClient client = HttpClient.newHttpClient();
        String url = it.get("url").toString().replace("{project}", "drush").replace("{version}", "7.x-4.4");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray())
                        .body())
                .isEqualTo(Files.readAllBytes(TestReleases.tarball(ReleaseCatalog.DRUSH_NEW)));

        Map<String, Integer> counts = ItSupport.finish(basedir);

        assertThat(counts).containsEntry("total", 1).containsEntry("/files/projects/drush-7.x-4.4.tar.gz", 1);
        assertThat(ItSupport.server(basedir)).isNull();
        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(URI.create(server.url("x"))).build(),
                        HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void hostileTarballsAreServedAndLockedUnderTheirOwnSum() throws Exception {
        String provision = ReleaseCatalog.PROVISION_NEW.fileName();
        Map<String, Object> it = ItSupport.prepare(
                basedir,
                buildDir,
                Map.of(
                        "hostile", Map.of(provision, "dot_dot"),
                        "modes", Map.of(ReleaseCatalog.DRUSH_NEW.fileName(), "not_found")));
        home = ((File) it.get("home")).toPath();

        Path served = ((File) it.get("releases")).toPath().resolve(provision);
        assertThat(served).isNotEqualTo(TestReleases.tarball(ReleaseCatalog.PROVISION_NEW));
        assertThat(Files.readString(basedir.toPath().resolve("aegir.lock")))
                .contains("provision 6.x-1.0-rc3 sha256:" + Sha256.of(served) + " size:" + Files.size(served));
        assertThat(TarballBuilderTest.entries(served)).anyMatch(e -> e.name().contains(".."));
        assertThat(Sandbox.snapshot(home).entries()).containsKey(".drush/provision/provision.info");

        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> hostile = client.send(
                HttpRequest.newBuilder(URI.create(ItSupport.server(basedir).url(provision)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hostile.body()).isEqualTo(Files.readAllBytes(served));
        assertThat(client.send(
                                HttpRequest.newBuilder(URI.create(
                                                ItSupport.server(basedir).url(ReleaseCatalog.DRUSH_NEW.fileName())))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anItThatShipsItsOwnLockFileKeepsIt() throws Exception {
        Path lock = basedir.toPath().resolve("aegir.lock");
        Files.writeString(lock, "0000  drush-7.x-4.4.tar.gz\n");

        home = ((File) ItSupport.prepare(basedir, buildDir).get("home")).toPath();

        assertThat(lock).hasContent("0000  drush-7.x-4.4.tar.gz");
    }

    @Test
    void finishWithoutPrepareSaysWhatIsMissing() {
        assertThatThrownBy(() -> ItSupport.finish(basedir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ItSupport.prepare");
    }

    @Test
    void savedSnapshotsAndTheAgentSeeTheHomeAsItWasBeforeEachRun() throws Exception {
        Map<String, Object> it = ItSupport.prepare(basedir, buildDir, Map.of());
        home = ((File) it.get("home")).toPath();
        Snapshot setup = ItSupport.saveSnapshot(basedir, "setup");
        assertThat(ItSupport.savedSnapshot(basedir, "setup")).isEqualTo(setup);
        assertThat(ItSupport.diffSince(basedir, "setup")).isEmpty();

        ItSupport.snapshotBeforeEachRun(basedir);
        String option =
                Files.readString(basedir.toPath().resolve(".mvn/jvm.config")).strip();
        assertThat(option)
                .startsWith("-javaagent:")
                .endsWith("=" + basedir.toPath().toAbsolutePath().normalize());
        runJvm(option); // as Maven would start, reading .mvn/jvm.config
        Files.writeString(home.resolve("drush/drush.info"), "changed by run 1\n");
        runJvm(option);

        assertThat(ItSupport.snapshotBeforeRun(basedir, 1)).isEqualTo(setup);
        Snapshot beforeRun2 = ItSupport.snapshotBeforeRun(basedir, 2);
        assertThat(Snapshot.diff(setup, beforeRun2)).singleElement().asString().startsWith("changed drush/drush.info");
        assertThat(ItSupport.diffSince(basedir, "setup")).hasSize(1);
    }

    private static void runJvm(String option) throws Exception {
        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), option, "-version")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }
}
