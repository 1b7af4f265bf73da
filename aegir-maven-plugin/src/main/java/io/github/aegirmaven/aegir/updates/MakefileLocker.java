package io.github.aegirmaven.aegir.updates;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.home.AtomicFiles;
import io.github.aegirmaven.aegir.release.Downloader;
import io.github.aegirmaven.aegir.release.Release;
import io.github.aegirmaven.aegir.release.ReleaseCache;
import io.github.aegirmaven.aegir.release.Sha256;
import io.github.aegirmaven.aegir.version.DrupalVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * {@code makefile-lock}: resolves every project of a make file to the exact release drush make 6.x-2.2 would pick
 * ({@link ReleaseChoice}), downloads each chosen tarball once (into the release cache) for its SHA-256, and writes
 * a locked make file ({@link LockedMakefile}) in which every project has a {@code type}, its {@code version} and a
 * {@code get} download with URL, the history's {@code md5} and the {@code sha256}: drush make then reads no history
 * and verifies every download. Git downloads are kept when pinned to a {@code revision}; what cannot be locked is
 * reported and refused unless allowed.
 *
 * <p>A project already in the locked file keeps its locked release while the make file still allows it, unless it
 * is named in {@code update}; so a second run changes nothing, and writes nothing. Histories are fetched in
 * parallel by a small pool, each once.
 */
public final class MakefileLocker {

    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{40}");
    private static final int THREADS = 8;

    /**
     * What a run did.
     *
     * @param written whether the locked file was (re)written
     * @param resolved project to the version chosen from its history in this run
     * @param kept projects whose earlier locked release was kept
     * @param notLocked {@code kind:name} to why it could not be locked
     */
    public record Result(
            Path lockedFile,
            boolean written,
            Map<String, String> resolved,
            List<String> kept,
            Map<String, String> notLocked,
            String text) {}

    private final HistoryService histories;
    private final Downloader downloader;
    private final ReleaseCache cache;
    private final BuildLog log;
    private final Map<String, HistoryService> otherLocations = new ConcurrentHashMap<>();

    public MakefileLocker(HistoryService histories, Downloader downloader, ReleaseCache cache, BuildLog log) {
        this.histories = histories;
        this.downloader = downloader;
        this.cache = cache;
        this.log = log;
    }

    /**
     * @param update projects to resolve again even though the locked file has them
     * @param allowNotLocked write the file even when something cannot be locked (it is carried over as it is)
     * @throws UserFixableException when a project cannot be resolved, a download fails or mismatches its md5, a
     *     project named in {@code update} is not in the make file, or something cannot be locked and that is not
     *     allowed; nothing is written then
     */
    public Result lock(
            MakeSource source, String sourceName, Path lockedFile, Set<String> update, boolean allowNotLocked)
            throws IOException, UserFixableException {
        checkUpdateNames(source, sourceName, update);
        Map<String, Map<String, Object>> before =
                MakeSource.readIfPresent(lockedFile).map(MakeSource::projects).orElse(Map.of());
        Map<String, String> notLocked = new ConcurrentHashMap<>();
        Map<String, String> resolved = new ConcurrentHashMap<>();
        List<String> kept = new ArrayList<>();
        Map<String, Future<Map<String, Object>>> pending = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "makefile-lock");
            t.setDaemon(true);
            return t;
        });
        Map<String, Map<String, Object>> projects = new TreeMap<>();
        Map<String, Map<String, Object>> libraries = new TreeMap<>();
        try {
            for (Map.Entry<String, Map<String, Object>> p : source.projects().entrySet()) {
                String name = p.getKey();
                Map<String, Object> attrs = p.getValue();
                Optional<Map<String, Object>> earlier = reusable(attrs, before.get(name));
                if (earlier.isPresent() && !update.contains(name)) {
                    projects.put(name, earlier.get());
                    kept.add(name);
                    continue;
                }
                pending.put(
                        "projects:" + name,
                        pool.submit(() -> project(name, attrs, source.core(), notLocked, resolved)));
            }
            for (Map.Entry<String, Map<String, Object>> l : source.libraries().entrySet()) {
                String name = l.getKey();
                pending.put("libraries:" + name, pool.submit(() -> library(name, l.getValue(), notLocked)));
            }
            collect(pending, projects, libraries, sourceName, lockedFile);
        } finally {
            pool.shutdownNow();
        }
        checkNotLocked(notLocked, allowNotLocked, sourceName, lockedFile);
        String text = LockedMakefile.render(sourceName, source.core(), projects, libraries, notLocked);
        boolean same = writeIfChanged(lockedFile, text);
        return new Result(lockedFile, !same, new TreeMap<>(resolved), kept, new TreeMap<>(notLocked), text);
    }

    private static void checkUpdateNames(MakeSource source, String sourceName, Set<String> update)
            throws UserFixableException {
        for (String name : update) {
            if (!source.projects().containsKey(name)) {
                throw new UserFixableException(Setting.UPDATE + " names " + name + ", but the make file "
                        + sourceName + " has no such project (it has "
                        + source.projects().keySet() + "). Name a"
                        + " project of the make file, or several separated by commas.");
            }
        }
    }

    /** Waits for the pending locks in order, filing each under projects or libraries. */
    private static void collect(
            Map<String, Future<Map<String, Object>>> pending,
            Map<String, Map<String, Object>> projects,
            Map<String, Map<String, Object>> libraries,
            String sourceName,
            Path lockedFile)
            throws IOException, UserFixableException {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Future<Map<String, Object>>> f : pending.entrySet()) {
            String[] kindName = f.getKey().split(":", 2);
            try {
                Map<String, Object> locked = f.getValue().get();
                (kindName[0].equals("projects") ? projects : libraries).put(kindName[1], locked);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof UserFixableException u) {
                    failures.add(u.getMessage());
                } else if (cause instanceof IOException io) {
                    throw io;
                } else if (cause instanceof RuntimeException r) {
                    throw r;
                } else {
                    throw new IOException(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("makefile-lock was interrupted", e);
            }
        }
        if (!failures.isEmpty()) {
            throw new UserFixableException(
                    listed(sourceName + " could not be locked; " + lockedFile + " was not changed.", failures),
                    failures);
        }
    }

    private static void checkNotLocked(
            Map<String, String> notLocked, boolean allowNotLocked, String sourceName, Path lockedFile)
            throws UserFixableException {
        if (!notLocked.isEmpty() && !allowNotLocked) {
            List<String> reasons = new ArrayList<>();
            new TreeMap<>(notLocked)
                    .forEach((k, why) -> reasons.add(k.replace(':', ' ') + " cannot be locked: " + why));
            String head = sourceName + " has " + notLocked.size() + " entr" + (notLocked.size() == 1 ? "y" : "ies")
                    + " that cannot be locked, so " + lockedFile + " was not changed. Pin them (a git download needs"
                    + " [download][revision] = <40-hex commit>; a download needs a type get, git with a revision, or"
                    + " none), or set " + Setting.ALLOW_NOT_LOCKED.flag()
                    + "=true to write the rest and carry them over unlocked,"
                    + " marked so.";
            throw new UserFixableException(listed(head, reasons), reasons);
        }
    }

    /** Writes the text unless the file already holds it; true when it was the same. */
    private static boolean writeIfChanged(Path lockedFile, String text) throws IOException {
        boolean same = Files.isRegularFile(lockedFile)
                && Files.readString(lockedFile, StandardCharsets.UTF_8).equals(text);
        if (!same) {
            Path parent = lockedFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            AtomicFiles.write(lockedFile, text);
        }
        return same;
    }

    /** {@code head 1. first 2. second}. */
    static String listed(String head, List<String> problems) {
        StringBuilder b = new StringBuilder(head);
        for (int i = 0; i < problems.size(); i++) {
            b.append(' ').append(i + 1).append(". ").append(problems.get(i));
        }
        return b.toString();
    }

    /** The earlier locked entry, if it is a complete lock and the make file still asks for what it holds. */
    private static Optional<Map<String, Object>> reusable(Map<String, Object> attrs, Map<String, Object> earlier) {
        if (earlier == null || !(earlier.get("download") instanceof Map<?, ?> download)) {
            return Optional.empty();
        }
        boolean get = "get".equals(download.get("type")) && download.get("sha256") != null;
        boolean git = "git".equals(download.get("type")) && download.get("revision") != null;
        if (!get && !git) {
            return Optional.empty();
        }
        if (attrs.get("download") != null || attrs.get("patch") != null) {
            return Optional.empty(); // explicit downloads and patches are summed again (the same sums: no change)
        }
        String wanted = attrs.get("version") instanceof String v ? v.trim() : "";
        String locked = earlier.get("version") instanceof String v ? v : "";
        boolean fits =
                wanted.isEmpty() || wanted.equals(locked) || (!wanted.contains(".") && locked.startsWith(wanted + "."));
        if (!fits) {
            return Optional.empty();
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", earlier.get("type"));
        carry(attrs, entry);
        entry.put("version", locked);
        entry.put("download", earlier.get("download"));
        return Optional.of(entry);
    }

    /** The attributes drush make honours that locking leaves as they are (subdir, directory_name, patch, …). */
    private static void carry(Map<String, Object> attrs, Map<String, Object> entry) {
        for (Map.Entry<String, Object> a : attrs.entrySet()) {
            String k = a.getKey();
            if (!List.of("type", "version", "download", "location", "md5", "patch")
                    .contains(k)) {
                entry.put(k, a.getValue());
            }
        }
        if (attrs.get("patch") != null) {
            entry.put("patch", attrs.get("patch"));
        }
    }

    private Map<String, Object> project(
            String name,
            Map<String, Object> attrs,
            String core,
            Map<String, String> notLocked,
            Map<String, String> resolved)
            throws IOException, UserFixableException {
        Map<String, Object> entry = new LinkedHashMap<>();
        Object download = attrs.get("download");
        String type = attrs.get("type") instanceof String t ? t : null;
        String version = attrs.get("version") instanceof String v ? v.trim() : null;
        Map<String, Object> lockedDownload;
        if (download == null) {
            HistoryService service = histories;
            if (attrs.get("location") instanceof String location && !location.isBlank()) {
                service = otherLocations.computeIfAbsent(location.trim(), l -> histories.at(l));
            }
            HistoryService.Fetched fetched = service.fetch(name, core);
            ReleaseHistory history = fetched.history();
            if (type == null) {
                type = history.type()
                        .orElseThrow(() -> new UserFixableException("Unable to determine project type for " + name
                                + " (drush make's words): its release history at " + fetched.url() + " has no"
                                + " project term Modules, Themes, Drupal core, Installation profiles or Translations."
                                + " Set projects[" + name + "][type] in the make file."));
            }
            ReleaseHistory.Entry chosen = ReleaseChoice.choose(name, Optional.ofNullable(version), core, type, history);
            version = chosen.key();
            resolved.put(name, version);
            lockedDownload = tarball(name, chosen);
        } else {
            lockedDownload = explicit("projects", name, download, notLocked);
            if (type == null) {
                type = name.equals("drupal") ? "core" : "module";
                notLocked.putIfAbsent(
                        "projects:" + name,
                        "it has a download but no [type], and drush make would look"
                                + " its type up in the release history: set projects[" + name + "][type]");
            }
        }
        entry.put("type", type);
        carry(attrs, entry);
        if (attrs.get("patch") instanceof Map<?, ?> patches) {
            entry.put("patch", lockPatches(name, patches, notLocked));
        }
        if (version != null) {
            entry.put("version", version);
        }
        entry.put("download", lockedDownload);
        return entry;
    }

    private Map<String, Object> library(String name, Map<String, Object> attrs, Map<String, String> notLocked)
            throws IOException, UserFixableException {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (Map.Entry<String, Object> a : attrs.entrySet()) {
            if (!a.getKey().equals("download") && !a.getKey().equals("patch")) {
                entry.put(a.getKey(), a.getValue());
            }
        }
        if (attrs.get("patch") instanceof Map<?, ?> patches) {
            entry.put("patch", lockPatches(name, patches, notLocked));
        }
        if (attrs.get("download") == null) {
            notLocked.put("libraries:" + name, "it has no [download]");
            return entry;
        }
        entry.put("download", explicit("libraries", name, attrs.get("download"), notLocked));
        return entry;
    }

    /** A download the make file gives: {@code get} gets its sha256, {@code git} must name a revision. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> explicit(String kind, String name, Object download, Map<String, String> notLocked)
            throws IOException, UserFixableException {
        Map<String, Object> d = new LinkedHashMap<>();
        if (download instanceof String url) {
            d.put("type", "get");
            d.put("url", url);
        } else {
            d.putAll((Map<String, Object>) download);
        }
        String type = d.get("type") instanceof String t ? t : "";
        String key = kind + ":" + name;
        if (type.equals("get") && d.get("url") instanceof String url) {
            Map<String, Object> locked = new LinkedHashMap<>(d);
            String[] sums = sums(URI.create(url.trim()), Optional.empty());
            locked.put("sha256", sums[1]);
            return locked;
        }
        if (type.equals("git")) {
            Object revision = d.get("revision");
            if (revision instanceof String r && REVISION.matcher(r.trim()).matches()) {
                Map<String, Object> locked = new LinkedHashMap<>();
                locked.put("type", "git");
                locked.put("url", d.get("url"));
                locked.put("revision", r.trim());
                return locked;
            }
            notLocked.put(
                    key,
                    "its git download names no [revision] (a 40-hex commit)"
                            + (d.get("tag") != null ? "; tag " + d.get("tag") + " can move" : "")
                            + (d.get("branch") != null ? "; branch " + d.get("branch") + " moves" : ""));
            return d;
        }
        notLocked.put(key, "a download of type '" + type + "' cannot be verified by drush make");
        return d;
    }

    private Map<String, Object> lockPatches(String project, Map<?, ?> patches, Map<String, String> notLocked)
            throws IOException, UserFixableException {
        Map<String, Object> locked = new LinkedHashMap<>();
        int i = 0;
        for (Object value : patches.values()) {
            String url = value instanceof String s ? s : value instanceof Map<?, ?> m ? (String) m.get("url") : null;
            Map<String, Object> patch = new LinkedHashMap<>();
            patch.put("url", url);
            String scheme = url == null ? "" : URI.create(url.trim()).getScheme();
            if (scheme != null && (scheme.equals("http") || scheme.equals("https"))) {
                patch.put("sha256", sums(URI.create(url.trim()), Optional.empty())[1]);
            } else {
                notLocked.put("projects:" + project, "patch " + url + " is not an http(s) URL, so no checksum is kept");
            }
            locked.put(Integer.toString(i++), patch);
        }
        return locked;
    }

    /** The chosen release's tarball, from the release cache or downloaded into it; md5 checked. */
    private Map<String, Object> tarball(String name, ReleaseHistory.Entry chosen)
            throws IOException, UserFixableException {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("type", "get");
        d.put("url", chosen.downloadLink());
        if (!chosen.mdhash().isEmpty()) {
            d.put("md5", chosen.mdhash().toLowerCase(Locale.ROOT));
        }
        Optional<String> md5 = chosen.mdhash().isEmpty() ? Optional.empty() : Optional.of(chosen.mdhash());
        Release release = DrupalVersion.isValid(chosen.version()) ? new Release(name, chosen.version()) : null;
        if (release != null) {
            Optional<Path> cached = cache.find(release);
            if (cached.isPresent()) {
                String[] sums = digests(cached.get());
                if (md5.isEmpty() || sums[0].equalsIgnoreCase(md5.get())) {
                    d.put("sha256", sums[1]);
                    return d;
                }
            }
            Path pending = cache.newPendingPath(release);
            try {
                String[] sums = fetchTo(URI.create(chosen.downloadLink()), pending, md5);
                cache.store(release, pending);
                d.put("sha256", sums[1]);
                return d;
            } finally {
                Files.deleteIfExists(pending);
            }
        }
        d.put("sha256", sums(URI.create(chosen.downloadLink()), md5)[1]);
        return d;
    }

    /** md5 and sha256 of what a URL serves, downloaded to a temporary file. */
    private String[] sums(URI url, Optional<String> md5) throws IOException, UserFixableException {
        Path temp = Files.createTempFile("aegir-makefile-lock-", ".download");
        try {
            return fetchTo(url, temp, md5);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private String[] fetchTo(URI url, Path target, Optional<String> md5) throws IOException, UserFixableException {
        log.info("Downloading " + url + " for its checksums");
        downloader.download(url, target);
        String[] sums = digests(target);
        if (md5.isPresent() && !sums[0].equalsIgnoreCase(md5.get())) {
            throw new UserFixableException("Checksum md5 verification failed for " + url + ": the release history"
                    + " says " + md5.get() + ", the download is " + sums[0] + ". Nothing was locked. Check the"
                    + " update service (updateUrl) and the mirror, and run again.");
        }
        return sums;
    }

    private static String[] digests(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no MD5", e);
        }
        MessageDigest sha = Sha256.newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
                sha.update(buffer, 0, n);
            }
        }
        return new String[] {
            HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha.digest())
        };
    }
}
