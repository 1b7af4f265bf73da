package io.github.aegirmaven.aegir.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fixtures for {@code platform-build}: small release tarballs of a platform (a stand-in Drupal core, the hostmaster
 * profile and a module; TEST DOUBLES, laid out like drupal.org's tarballs but not Drupal), served by a
 * {@link ReleaseServer}, and a locked make file in the format {@code makefile-lock} writes, pinning them by SHA-256.
 */
public final class PlatformFixtures {

    /** The platform's releases: project name to tarball file name. */
    public static final Map<String, String> FILES = Map.of(
            "drupal", "drupal-6.38.tar.gz",
            "hostmaster", "hostmaster-6.x-1.0-rc3.tar.gz",
            "views", "views-6.x-2.16.tar.gz");

    /** Packaging time of the fixtures (Unix seconds). */
    static final long TIME = 1_456_340_400L;

    private PlatformFixtures() {}

    /** Writes the three tarballs into {@code dir}. */
    public static void writeTarballs(Path dir) throws IOException {
        Files.createDirectories(dir);
        project(
                dir.resolve(FILES.get("drupal")),
                "drupal-6.38",
                Map.of(
                        "index.php", "<?php\n// TEST DOUBLE: stand-in Drupal core front controller\n",
                        "includes/bootstrap.inc", "<?php\n// TEST DOUBLE\n",
                        "includes/common.inc", "<?php\n// TEST DOUBLE\n",
                        "modules/system/system.module", "<?php\n// TEST DOUBLE\n",
                        "misc/drupal.js", "// TEST DOUBLE\n",
                        "profiles/default/default.profile", "<?php\n// TEST DOUBLE\n",
                        "sites/all/README.txt", "Contributed modules and themes go here.\n",
                        "sites/default/default.settings.php", "<?php\n// TEST DOUBLE\n",
                        "scripts/drupal.sh", "#!/bin/sh\necho TEST DOUBLE\n"));
        project(
                dir.resolve(FILES.get("hostmaster")),
                "hostmaster",
                Map.of(
                        "hostmaster.profile", "<?php\n// TEST DOUBLE: stand-in hostmaster profile\n",
                        "modules/hosting/hosting.info", "name = Hosting (TEST DOUBLE)\ncore = 6.x\n"));
        project(
                dir.resolve(FILES.get("views")),
                "views",
                Map.of("views.info", "name = Views (TEST DOUBLE)\ncore = 6.x\n", "views.module", "<?php\n"));
    }

    private static void project(Path file, String top, Map<String, String> files) throws IOException {
        List<TarballBuilder.Item> items = new ArrayList<>();
        items.add(TarballBuilder.Item.dir(top + "/", TarballBuilder.TOP_DIR_MODE));
        for (String name : files.keySet().stream().sorted().toList()) {
            String path = top + "/" + name;
            for (int slash = path.indexOf('/', top.length() + 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String dir = path.substring(0, slash + 1);
                if (items.stream().noneMatch(item -> item.name().equals(dir))) {
                    items.add(TarballBuilder.Item.dir(dir, TarballBuilder.DIR_MODE));
                }
            }
            int mode = name.endsWith(".sh") ? TarballBuilder.EXECUTABLE_MODE : TarballBuilder.FILE_MODE;
            items.add(TarballBuilder.Item.file(path, mode, files.get(name).getBytes(StandardCharsets.UTF_8)));
        }
        TarballBuilder.write(items, TIME, 9, file);
    }

    /**
     * A locked make file for the tarballs in {@code dir}, downloaded from {@code baseUrl} (ending in /).
     *
     * @param unlocked projects written without their {@code sha256} (not locked)
     */
    public static String lockedMakefile(Path dir, String baseUrl, List<String> unlocked) throws IOException {
        StringBuilder make = new StringBuilder(
                "; Locked by aegir-maven-plugin makefile-lock from hostmaster.make. Do not edit by hand:\n"
                        + "; run mvn aegir:makefile-lock again.\ncore = 6.x\napi = 2\n");
        for (String project : List.of("drupal", "hostmaster", "views")) {
            String type = project.equals("drupal") ? "core" : project.equals("hostmaster") ? "profile" : "module";
            String p = "projects[" + project + "]";
            String file = FILES.get(project);
            make.append('\n').append(p).append("[type] = ").append(type).append('\n');
            if (project.equals("views")) {
                make.append(p).append("[subdir] = contrib\n");
            }
            make.append(p).append("[version] = ").append(file.substring(project.length() + 1, file.length() - 7));
            make.append('\n').append(p).append("[download][type] = get\n");
            make.append(p)
                    .append("[download][url] = ")
                    .append(baseUrl)
                    .append(file)
                    .append('\n');
            if (!unlocked.contains(project)) {
                make.append(p)
                        .append("[download][sha256] = ")
                        .append(Sha256.of(dir.resolve(file)))
                        .append('\n');
            }
        }
        return make.toString();
    }

    /**
     * For the sample project's sandbox: the tarballs of the hostmaster platform (stand-in core and hostmaster
     * profile) in {@code releases}, and {@code lockFile}, a locked make file of them with {@code file:} URLs.
     */
    public static void writeSandboxPlatform(Path releases, Path lockFile) throws IOException {
        writeTarballs(releases);
        String make = lockedMakefile(releases, releases.toUri().toString(), List.of());
        int views = make.indexOf("\nprojects[views]");
        ReleaseCatalog.writeAtomically(lockFile, make.substring(0, views + 1));
    }

    /**
     * Prepares a platform-build IT: the tarballs (in {@code <basedir>/platform-releases}), a release server over
     * them, {@code <basedir>/platform.lock.make}, and {@code .mvn/maven.config} with {@code aegir.lockedMakefile},
     * {@code aegir.platformDir} (as root {@code /tmp/aegir-it/<IT>/platforms/hostmaster}, else under the IT's
     * target; the platforms directory is created, empty, owned by the aegir user as root, as a home's is),
     * {@code aegir.cacheDirectory} ({@code <basedir>/aegir-cache}) and {@code aegir.user} (as root the aegir user,
     * else the current user).
     *
     * <p>Options: {@code hostile}: project to {@link Hostility} name (the lock pins the hostile tarball);
     * {@code modes}: file name to {@link ReleaseServer.Mode} name; {@code unlocked}: projects without sha256;
     * {@code properties}: more {@code -D} properties (a null value leaves that property out).
     *
     * @return {@code server}, {@code platformDir}, {@code cache}, {@code releases}
     */
    public static Map<String, Object> prepare(File basedir, Map<String, ?> options) throws IOException {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path releases = base.resolve("platform-releases");
        Sandbox.delete(releases);
        Sandbox.createDirectoriesTraversable(releases);
        writeTarballs(releases);
        Map<?, ?> hostile = options.get("hostile") == null ? Map.of() : (Map<?, ?>) options.get("hostile");
        for (Map.Entry<?, ?> entry : hostile.entrySet()) {
            Path file = releases.resolve(FILES.get(entry.getKey().toString()));
            Hostility kind = Hostility.valueOf(entry.getValue().toString().toUpperCase(Locale.ROOT));
            Path good = releases.resolve("good-" + file.getFileName());
            Files.move(file, good);
            TarballBuilder.hostile(good, kind, file);
            Files.delete(good);
        }
        ReleaseServer server = new ReleaseServer(releases);
        Map<?, ?> modes = options.get("modes") == null ? Map.of() : (Map<?, ?>) options.get("modes");
        modes.forEach((file, mode) -> server.setMode(
                file.toString(), ReleaseServer.Mode.valueOf(mode.toString().toUpperCase(Locale.ROOT))));
        ItSupport.register(basedir, server);
        List<String> unlocked = options.get("unlocked") == null
                ? List.of()
                : ((List<?>) options.get("unlocked"))
                        .stream().map(Object::toString).toList();
        Path lock = base.resolve("platform.lock.make");
        Files.writeString(lock, lockedMakefile(releases, server.baseUrl() + ReleaseServer.PREFIX, unlocked));

        String name = base.getFileName().toString();
        boolean asAegir = Host.isRoot() && Host.userExists(Host.AEGIR_USER);
        Path platforms = Host.isRoot() ? Path.of(ItSupport.ROOT_HOMES, name, "platforms") : base.resolve("platforms");
        Sandbox.delete(platforms.getParent().resolve(platforms.getFileName()));
        // The platforms directory is there, as a home's platforms directory is: platform-build creates only the
        // platform itself (a missing parent is refused).
        Sandbox.createDirectoriesTraversable(platforms);
        if (asAegir) {
            Processes.check(
                    List.of("chown", Host.AEGIR_USER + ":" + Host.primaryGroup(Host.AEGIR_USER), platforms.toString()));
        }
        Path cache = base.resolve("aegir-cache");
        Sandbox.delete(cache);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("aegir.lockedMakefile", lock.toString());
        config.put("aegir.platformDir", platforms.resolve("hostmaster").toString());
        config.put("it.platforms", platforms.toString());
        config.put("aegir.cacheDirectory", cache.toString());
        config.put("aegir.user", asAegir ? Host.AEGIR_USER : System.getProperty("user.name"));
        Map<?, ?> extra = options.get("properties") == null ? Map.of() : (Map<?, ?>) options.get("properties");
        extra.forEach((key, value) -> {
            if (value == null) {
                config.remove(key.toString()); // the IT's pom sets it: a -D would only disagree with it
            } else {
                config.put(key.toString(), value.toString());
            }
        });
        StringBuilder mavenConfig = new StringBuilder();
        config.forEach((key, value) ->
                mavenConfig.append("-D").append(key).append('=').append(value).append('\n'));
        Files.createDirectories(base.resolve(".mvn"));
        Files.writeString(base.resolve(".mvn/maven.config"), mavenConfig.toString(), StandardCharsets.UTF_8);

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("server", server);
        result.put("platforms", platforms.toFile());
        result.put("platformDir", platforms.resolve("hostmaster").toFile());
        result.put("cache", cache.toFile());
        result.put("releases", releases.toFile());
        result.put("owner", asAegir ? Host.AEGIR_USER : System.getProperty("user.name"));
        System.out.println("[it-harness] " + name + ": platform releases " + server.baseUrl() + ReleaseServer.PREFIX
                + ", platformDir " + platforms.resolve("hostmaster"));
        return result;
    }
}
