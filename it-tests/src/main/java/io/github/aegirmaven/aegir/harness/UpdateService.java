package io.github.aegirmaven.aegir.harness;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * A TEST DOUBLE of drupal.org's update service (not drupal.org): a loopback HTTP server (127.0.0.1, ephemeral
 * port) serving release-history XML at {@code /release-history/<project>/<core>} and release tarballs at
 * {@code /files/projects/<project>-<version>.tar.gz}, generated from the small description below
 * ({@link #catalogue()}), in drupal.org's documented format (DOMAIN.md sections 5 and 9: {@code title},
 * {@code short_name}, {@code recommended_major}, {@code supported_majors}, {@code project_status}, project terms,
 * releases newest first with {@code version_major}/{@code version_patch}/{@code version_extra}, {@code status},
 * {@code download_link}, {@code mdhash}, {@code filesize} and {@code Release type} terms). An unknown project gets
 * drupal.org's {@code <error>No release history was found for the requested project (x).</error>}.
 *
 * <p>The catalogue has a project in every state: recommended ({@code views}, {@code drupal}), a security update
 * available ({@code ctools}: 1.14 lacks 1.15's fix), unsupported ({@code cck}), revoked ({@code token}: 1.18
 * unpublished; and the project {@code flag}), insecure ({@code webform}), dev only ({@code admin_menu}), a
 * pre-release newest ({@code date}: 2.10-beta1 beats 2.9), plus the backend (drush 7.x, provision and drush_make
 * 6.x), all secure unless {@link #setProjectStatus} says otherwise. Counts requests per path.
 */
public final class UpdateService implements AutoCloseable {

    /** One release of the description: a drush make key ({@code 2.16}, {@code 2.x-dev}) and its state. */
    public record Rel(String key, String status, List<String> types) {
        static Rel of(String key, String... types) {
            return new Rel(key, "published", List.of(types));
        }

        static Rel revoked(String key) {
            return new Rel(key, "unpublished", List.of());
        }
    }

    /** One project of the description; releases newest first, as drupal.org lists them. */
    public record Project(
            String name,
            String core,
            String term,
            String projectStatus,
            String recommended,
            String supported,
            List<Rel> releases) {}

    /** The projects served unless a test adds more. */
    public static List<Project> catalogue() {
        List<Project> p = new ArrayList<>();
        p.add(new Project(
                "drupal",
                "6.x",
                "Drupal core",
                "published",
                "6",
                "6",
                List.of(Rel.of("6.38", "Security update"), Rel.of("6.37"), Rel.of("6.x-dev"))));
        p.add(new Project(
                "views",
                "6.x",
                "Modules",
                "published",
                "2",
                "2,3",
                List.of(Rel.of("3.2"), Rel.of("2.16", "Bug fixes"), Rel.of("2.15"), Rel.of("2.x-dev"))));
        p.add(new Project(
                "ctools",
                "6.x",
                "Modules",
                "published",
                "1",
                "1",
                List.of(Rel.of("1.15", "Security update"), Rel.of("1.14", "Bug fixes"))));
        p.add(new Project("cck", "6.x", "Modules", "unsupported", "2", "2", List.of(Rel.of("2.10"))));
        p.add(new Project(
                "token", "6.x", "Modules", "published", "1", "1", List.of(Rel.revoked("1.18"), Rel.of("1.17"))));
        p.add(new Project("flag", "6.x", "Modules", "unpublished", "2", "2", List.of(Rel.of("2.1"))));
        p.add(new Project("webform", "6.x", "Modules", "insecure", "3", "3", List.of(Rel.of("3.30"))));
        p.add(new Project("admin_menu", "6.x", "Modules", "published", "", "1", List.of(Rel.of("1.x-dev"))));
        p.add(new Project(
                "date",
                "6.x",
                "Modules",
                "published",
                "2",
                "2",
                List.of(Rel.of("2.10-beta1"), Rel.of("2.9"), Rel.of("2.8"))));
        p.add(new Project("zen", "6.x", "Themes", "published", "2", "2", List.of(Rel.of("2.1"))));
        p.add(new Project("drush", "7.x", "Modules", "published", "4", "4", List.of(Rel.of("4.4"), Rel.of("4.2"))));
        p.add(new Project(
                "provision", "6.x", "Modules", "published", "1", "1", List.of(Rel.of("1.0-rc3"), Rel.of("1.0-rc2"))));
        p.add(new Project(
                "drush_make", "6.x", "Modules", "published", "2", "2", List.of(Rel.of("2.2"), Rel.of("2.1"))));
        return p;
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Project> projects = new ConcurrentHashMap<>();
    private final Map<String, byte[]> tarballs = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

    /** Starts serving {@link #catalogue()} on 127.0.0.1 at a free port. */
    public UpdateService() throws IOException {
        this(catalogue());
    }

    public UpdateService(List<Project> description) throws IOException {
        for (Project project : description) {
            add(project);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        executor = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "update-service");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                counts.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
                byte[] body = answer(path);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders()
                        .set(
                                "Content-Type",
                                path.endsWith(".tar.gz") ? "application/x-gzip" : "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException | UncheckedIOException e) {
                // the client went away
            }
        });
        Thread starter = new Thread(server::start, "update-service-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting the update service double", e);
        }
    }

    /** Adds (or replaces) a project, generating its tarballs. */
    public UpdateService add(Project project) throws IOException {
        projects.put(project.name() + "/" + project.core(), project);
        for (Rel rel : project.releases()) {
            tarballs.put(fileName(project, rel), tarball(project, rel));
        }
        return this;
    }

    /** Changes a project's {@code project_status} ({@code insecure}, {@code unsupported}, …). */
    public UpdateService setProjectStatus(String name, String status) {
        projects.replaceAll((key, p) -> p.name().equals(name)
                ? new Project(p.name(), p.core(), p.term(), status, p.recommended(), p.supported(), p.releases())
                : p);
        return this;
    }

    /** {@code http://127.0.0.1:<port>/release-history}: the plugin's updateUrl. */
    public String updateUrl() {
        return baseUrl() + "/release-history";
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requests for one path, e.g. {@code /release-history/views/6.x}. */
    public int requestCount(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** Path to requests, sorted, plus {@code total}. */
    public Map<String, Integer> requestCounts() {
        Map<String, Integer> result = new TreeMap<>();
        counts.forEach((path, n) -> result.put(path, n.get()));
        result.put("total", result.values().stream().mapToInt(Integer::intValue).sum());
        return result;
    }

    /** The tarball served for a release, e.g. {@code views-6.x-2.16.tar.gz}. */
    public byte[] tarball(String fileName) {
        return tarballs.get(fileName);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private byte[] answer(String path) {
        if (path.startsWith("/files/projects/")) {
            return tarballs.get(path.substring("/files/projects/".length()));
        }
        if (!path.startsWith("/release-history/")) {
            return null;
        }
        String key = path.substring("/release-history/".length());
        Project project = projects.get(key);
        if (project == null) {
            String name = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
            return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<error>No release history was found for the requested"
                            + " project (" + name + ").</error>\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        return xml(project).getBytes(StandardCharsets.UTF_8);
    }

    /** drupal.org's full version of a release: {@code 6.x-2.16}; core releases are their key ({@code 6.38}). */
    public static String version(Project project, Rel rel) {
        return project.term().equals("Drupal core") ? rel.key() : project.core() + "-" + rel.key();
    }

    static String fileName(Project project, Rel rel) {
        return project.name() + "-" + version(project, rel) + ".tar.gz";
    }

    /** The release-history XML of a project. */
    public String xml(Project p) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        x.append("<project xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n");
        element(x, "title", p.name() + " (update service double)");
        element(x, "short_name", p.name());
        element(x, "dc:creator", "aegir-maven-plugin tests");
        element(x, "type", p.term().equals("Drupal core") ? "project_core" : "project_module");
        element(x, "api_version", p.core());
        if (!p.recommended().isEmpty()) {
            element(x, "recommended_major", p.recommended());
        }
        element(x, "supported_majors", p.supported());
        element(x, "default_major", p.recommended().isEmpty() ? p.supported() : p.recommended());
        element(x, "project_status", p.projectStatus());
        element(x, "link", baseUrl() + "/project/" + p.name());
        x.append("<terms><term><name>Projects</name><value>").append(p.term()).append("</value></term></terms>\n");
        x.append("<releases>\n");
        for (Rel r : p.releases()) {
            String version = version(p, r);
            String[] majorRest = r.key().split("\\.", 2);
            String rest = majorRest[1];
            String patch = rest.contains("-") ? rest.substring(0, rest.indexOf('-')) : rest;
            String extra = rest.contains("-") ? rest.substring(rest.indexOf('-') + 1) : "";
            byte[] tarball = tarballs.get(fileName(p, r));
            String url = baseUrl() + "/files/projects/" + fileName(p, r);
            x.append("<release>\n");
            element(x, "name", p.name() + " " + version);
            element(x, "version", version);
            element(x, "tag", version);
            element(x, "version_major", majorRest[0]);
            if (!patch.equals("x")) {
                element(x, "version_patch", patch);
            }
            if (!extra.isEmpty()) {
                element(x, "version_extra", extra);
            }
            element(x, "status", r.status());
            element(x, "release_link", baseUrl() + "/project/" + p.name() + "/releases/" + version);
            element(x, "download_link", url);
            element(x, "date", "1700000000");
            element(x, "mdhash", md5(tarball));
            element(x, "filesize", Integer.toString(tarball.length));
            x.append("<files><file><url>").append(url).append("</url><archive_type>tar.gz</archive_type><md5>");
            x.append(md5(tarball)).append("</md5><size>").append(tarball.length).append("</size>");
            x.append("<filedate>1700000000</filedate></file></files>\n");
            x.append("<terms>");
            for (String type : r.types()) {
                x.append("<term><name>Release type</name><value>").append(type).append("</value></term>");
            }
            x.append("</terms>\n</release>\n");
        }
        x.append("</releases>\n</project>\n");
        return x.toString();
    }

    private static void element(StringBuilder x, String name, String value) {
        x.append('<')
                .append(name)
                .append('>')
                .append(value)
                .append("</")
                .append(name)
                .append(">\n");
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small, byte-for-byte reproducible tarball: one top directory named after the project, with an .info. */
    static byte[] tarball(Project p, Rel rel) throws IOException {
        String version = version(p, rel);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                p.name() + "/" + p.name() + ".info",
                ("name = " + p.name() + "\ncore = " + p.core()
                                + "\n\n; Information added by the update service double (tests)\nversion = \"" + version
                                + "\"\nproject = \"" + p.name() + "\"\n")
                        .getBytes(StandardCharsets.UTF_8));
        files.put(
                p.name() + "/README.txt",
                ("Test double release " + p.name() + " " + version + ": not the real project.\n")
                        .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GzipParameters gzip = new GzipParameters();
        gzip.setModificationInstant(Instant.EPOCH);
        gzip.setOS(GzipParameters.OS.UNIX);
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes, gzip);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, StandardCharsets.UTF_8.name())) {
            TarArchiveEntry dir = new TarArchiveEntry(p.name() + "/");
            dir.setMode(0755);
            dir.setModTime(1_700_000_000_000L);
            dir.setIds(0, 0);
            dir.setNames("root", "root");
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setMode(0644);
                entry.setModTime(1_700_000_000_000L);
                entry.setIds(0, 0);
                entry.setNames("root", "root");
                entry.setSize(f.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return bytes.toByteArray();
    }
}
