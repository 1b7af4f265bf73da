package io.github.aegirmaven.aegir.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The six release fixtures and how they are built: the versions of the sample upgrade (drush
 * 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2) and the ones a sandbox starts with (drush
 * 7.x-4.2, provision 6.x-1.0-rc2, drush_make 6.x-2.1). Their sources are in
 * {@code it-tests/src/releases/<project>-<version>/<project>/}.
 *
 * <p>{@link #buildAll} writes the tarballs, {@value #SHA256SUMS} (all six, in the format of
 * {@code sha256sum}) and {@value #LOCK_FILE} (the three upgrade releases).
 */
public final class ReleaseCatalog {

    public static final String SHA256SUMS = "SHA256SUMS";
    public static final String LOCK_FILE = "aegir.lock";

    public static final Release DRUSH_NEW = new Release("drush", "7.x-4.4", 1300817103L, true);
    public static final Release PROVISION_NEW = new Release("provision", "6.x-1.0-rc3", 1301605569L, true);
    public static final Release DRUSH_MAKE_NEW = new Release("drush_make", "6.x-2.2", 1299074581L, true);
    public static final Release DRUSH_OLD = new Release("drush", "7.x-4.2", 1296639021L, false);
    public static final Release PROVISION_OLD = new Release("provision", "6.x-1.0-rc2", 1299341560L, false);
    public static final Release DRUSH_MAKE_OLD = new Release("drush_make", "6.x-2.1", 1297943335L, false);

    /** All fixtures: upgrade releases first, then the old ones; each list drush, provision, drush_make. */
    public static final List<Release> ALL =
            List.of(DRUSH_NEW, PROVISION_NEW, DRUSH_MAKE_NEW, DRUSH_OLD, PROVISION_OLD, DRUSH_MAKE_OLD);

    private ReleaseCatalog() {}

    public static List<Release> upgradeReleases() {
        return ALL.stream().filter(Release::upgrade).toList();
    }

    public static List<Release> oldReleases() {
        return ALL.stream().filter(r -> !r.upgrade()).toList();
    }

    public static Optional<Release> find(String project, String version) {
        return ALL.stream()
                .filter(r -> r.project().equals(project) && r.version().equals(version))
                .findFirst();
    }

    /**
     * Builds every fixture from {@code sourcesRoot} into {@code outDir} with {@value #SHA256SUMS}
     * and {@value #LOCK_FILE}.
     *
     * @return file name to SHA-256 (hex), in the order of {@link #ALL}
     */
    public static Map<String, String> buildAll(Path sourcesRoot, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Map<String, String> sums = new LinkedHashMap<>();
        for (Release release : ALL) {
            Path tarball = TarballBuilder.build(
                    sourcesRoot.resolve(release.id()), release, outDir.resolve(release.fileName()));
            sums.put(release.fileName(), Sha256.of(tarball));
        }
        writeAtomically(outDir.resolve(SHA256SUMS), sha256sums(sums));
        Map<String, String> locked = new LinkedHashMap<>();
        for (Release release : upgradeReleases()) {
            locked.put(release.fileName(), sums.get(release.fileName()));
        }
        writeLockFile(outDir.resolve(LOCK_FILE), locked, outDir);
        return sums;
    }

    /** Lines as {@code sha256sum} prints them: {@code <hex>  <file>}. */
    public static String sha256sums(Map<String, String> sums) {
        StringBuilder text = new StringBuilder();
        sums.forEach((file, sum) -> text.append(sum).append("  ").append(file).append('\n'));
        return text.toString();
    }

    /**
     * Writes a lock file pinning these tarballs, in the plugin's own lock format
     * ({@link io.github.aegirmaven.aegir.release.LockFile}): one {@code <project> <version> sha256:<hex> size:<n>}
     * line per release.
     *
     * @param sums tarball file name ({@code <project>-<version>.tar.gz}) to SHA-256
     * @param tarballDir where the tarballs are, for their sizes
     */
    public static void writeLockFile(Path lockFile, Map<String, String> sums, Path tarballDir) throws IOException {
        io.github.aegirmaven.aegir.release.LockFile lock = io.github.aegirmaven.aegir.release.LockFile.empty();
        for (Map.Entry<String, String> e : sums.entrySet()) {
            Release release = byFileName(e.getKey());
            lock = lock.with(new io.github.aegirmaven.aegir.release.LockEntry(
                    new io.github.aegirmaven.aegir.release.Release(release.project(), release.version()),
                    e.getValue(),
                    Files.size(tarballDir.resolve(e.getKey()))));
        }
        writeAtomically(lockFile, lock.render());
    }

    /** The fixture release whose tarball has this file name. */
    public static Release byFileName(String fileName) {
        return ALL.stream()
                .filter(r -> r.fileName().equals(fileName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture release has the tarball " + fileName));
    }

    static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".part");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            TarballBuilder.setReadableByAll(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The file names {@link #buildAll} writes. */
    public static List<String> outputFileNames() {
        List<String> names = new ArrayList<>();
        ALL.forEach(r -> names.add(r.fileName()));
        names.add(SHA256SUMS);
        names.add(LOCK_FILE);
        return names;
    }
}
