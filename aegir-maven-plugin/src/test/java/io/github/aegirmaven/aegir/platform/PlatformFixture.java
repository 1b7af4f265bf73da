package io.github.aegirmaven.aegir.platform;

import io.github.aegirmaven.aegir.release.Sha256;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/** Small release tarballs and locked make files for platform tests (our own fixtures, not drupal.org's). */
final class PlatformFixture {

    private PlatformFixture() {}

    /** One tar entry: a directory (content null, name ending in /), a file, or a link (linkTarget set). */
    record Item(String name, String content, int mode, String linkTarget) {
        static Item dir(String name) {
            return new Item(name.endsWith("/") ? name : name + "/", null, 0775, null);
        }

        static Item file(String name, String content) {
            return new Item(name, content, 0664, null);
        }

        static Item exec(String name, String content) {
            return new Item(name, content, 0775, null);
        }

        static Item link(String name, String target) {
            return new Item(name, null, 0777, target);
        }
    }

    /** Writes a .tar.gz of the items, every entry dated {@code time}. */
    static Path tarball(Path file, Instant time, List<Item> items) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry;
                byte[] bytes = null;
                if (item.linkTarget() != null) {
                    entry = new TarArchiveEntry(item.name(), TarConstants.LF_SYMLINK, true);
                    entry.setLinkName(item.linkTarget());
                } else if (item.content() == null) {
                    entry = new TarArchiveEntry(item.name(), true);
                    entry.setMode(040000 | item.mode());
                } else {
                    entry = new TarArchiveEntry(item.name(), true);
                    bytes = item.content().getBytes(StandardCharsets.UTF_8);
                    entry.setSize(bytes.length);
                    entry.setMode(0100000 | item.mode());
                }
                entry.setModTime(FileTime.from(time));
                tar.putArchiveEntry(entry);
                if (bytes != null) {
                    tar.write(bytes);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    /** A project tarball: {@code top/} with the files (name relative to top, content). */
    static Path project(Path file, String top, Instant time, Map<String, String> files) throws IOException {
        List<Item> items = new ArrayList<>();
        items.add(Item.dir(top));
        for (Map.Entry<String, String> e : files.entrySet()) {
            String name = top + "/" + e.getKey();
            int slash = name.lastIndexOf('/');
            String parent = name.substring(0, slash + 1);
            if (items.stream().noneMatch(i -> i.name().equals(parent))) {
                items.add(Item.dir(parent));
            }
            items.add(e.getKey().endsWith(".sh") ? Item.exec(name, e.getValue()) : Item.file(name, e.getValue()));
        }
        return tarball(file, time, items);
    }

    static final Instant TIME = Instant.parse("2016-02-24T19:00:00Z");

    /** The releases of a small platform, in {@code dir}: name to tarball. */
    static Map<String, Path> releases(Path dir, Instant time) throws IOException {
        Map<String, Path> tarballs = new LinkedHashMap<>();
        tarballs.put(
                "drupal",
                project(
                        dir.resolve("drupal-6.38.tar.gz"),
                        "drupal-6.38",
                        time,
                        Map.of(
                                "index.php", "<?php // front controller\n",
                                "sites/all/README.txt", "contrib goes here\n",
                                "sites/default/default.settings.php", "<?php\n",
                                "scripts/run-tests.sh", "#!/bin/sh\n",
                                "profiles/default/default.profile", "<?php\n")));
        tarballs.put(
                "views",
                project(
                        dir.resolve("views-6.x-2.16.tar.gz"),
                        "views",
                        time,
                        Map.of("views.info", "name = Views\n", "views.module", "<?php\n")));
        tarballs.put(
                "zen", project(dir.resolve("zen-6.x-2.1.tar.gz"), "zen", time, Map.of("zen.info", "name = Zen\n")));
        tarballs.put(
                "hostmaster",
                project(
                        dir.resolve("hostmaster-6.x-1.0-rc3.tar.gz"),
                        "hostmaster",
                        time,
                        Map.of("hostmaster.profile", "<?php\n")));
        tarballs.put(
                "jquery_ui",
                project(
                        dir.resolve("jquery.ui-1.7.3.tar.gz"),
                        "jquery.ui-1.7.3",
                        time,
                        Map.of("ui/ui.core.js", "/* ui */\n")));
        return tarballs;
    }

    /** A locked make file for {@link #releases}, pointing at their {@code file:} URLs. */
    static String lockedMakefile(Map<String, Path> tarballs) throws IOException {
        StringBuilder make = new StringBuilder();
        make.append("; Locked by aegir-maven-plugin makefile-lock from test.make. Do not edit by hand:\n");
        make.append("; run mvn aegir:makefile-lock again.\ncore = 6.x\napi = 2\n");
        project(make, "drupal", "core", null, tarballs.get("drupal"));
        project(make, "hostmaster", "profile", null, tarballs.get("hostmaster"));
        project(make, "views", "module", "projects[views][subdir] = contrib\n", tarballs.get("views"));
        project(make, "zen", "theme", "projects[zen][directory_name] = zenith\n", tarballs.get("zen"));
        make.append("\nlibraries[jquery_ui][download][type] = get\n");
        make.append("libraries[jquery_ui][download][url] = ")
                .append(tarballs.get("jquery_ui").toUri())
                .append('\n');
        make.append("libraries[jquery_ui][download][sha256] = ")
                .append(Sha256.of(tarballs.get("jquery_ui")))
                .append('\n');
        return make.toString();
    }

    private static void project(StringBuilder make, String name, String type, String extra, Path tarball)
            throws IOException {
        String p = "projects[" + name + "]";
        make.append('\n').append(p).append("[type] = ").append(type).append('\n');
        if (extra != null) {
            make.append(extra);
        }
        make.append(p).append("[download][type] = get\n");
        make.append(p).append("[download][url] = ").append(tarball.toUri()).append('\n');
        make.append(p)
                .append("[download][sha256] = ")
                .append(Sha256.of(tarball))
                .append('\n');
    }
}
