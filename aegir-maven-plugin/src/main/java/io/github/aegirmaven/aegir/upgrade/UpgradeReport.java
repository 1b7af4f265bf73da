package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.backend.BackendPins;
import io.github.aegirmaven.aegir.backend.BackendUpgrade;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.InstalledVersions;
import io.github.aegirmaven.aegir.release.Release;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code aegir:upgrade} prints: first the plan (the manual page's two steps with this server's versions,
 * directories and the exact drush command), at the end the summary (what changed, and where the backup set is).
 */
public final class UpgradeReport {

    private UpgradeReport() {}

    /** The plan, before anything runs, with both halves to do. */
    public static List<String> plan(AegirHome home, BackendUpgrade.Plan backend, HostmasterMigration.Request r) {
        return plan(home, backend, r, false);
    }

    /**
     * The plan, before anything runs: only the steps that will run; a skipped one says why ({@code migrated}: the
     * site already lives in the new platform).
     */
    public static List<String> plan(
            AegirHome home, BackendUpgrade.Plan backend, HostmasterMigration.Request r, boolean migrated) {
        List<String> lines = new ArrayList<>();
        lines.add("Aegir upgrade plan for " + home.root() + " (as " + r.aegirUser() + "):");
        if (backend.outdated().isEmpty()) {
            lines.add("  1. backend: skipped, already installed as pinned (" + String.join(", ", backend.describe())
                    + ")");
        } else {
            lines.add("  1. backend:");
            backend.describe().forEach(l -> lines.add("       " + l));
        }
        String newDir = r.newDir()
                .filter(d -> !d.isBlank())
                .orElseGet(() -> r.aegirVersion() == null
                        ? "hostmaster-<aegirVersion>"
                        : home.hostmasterDir(r.aegirVersion().trim()).toString());
        if (migrated) {
            lines.add("  2. frontend: skipped, " + r.domain() + " already lives in " + newDir);
        } else {
            lines.add("  2. frontend: drush hostmaster-migrate " + r.domain() + " " + newDir
                    + r.makefile().map(m -> " --makefile=" + m).orElse("") + (r.assumeYes() ? " -y" : "")
                    + ", from the old hostmaster root");
        }
        return lines;
    }

    /**
     * The summary, at the end. A backup set made while the frontend was migrated cannot simply be rolled back
     * (aegir:rollback says what to do first), so the summary does not promise that it can.
     */
    public static List<String> summary(
            BackendPins pins,
            BackendUpgrade.Outcome backend,
            HostmasterMigration.Outcome frontend,
            String domain,
            boolean dryRun) {
        List<String> lines = new ArrayList<>();
        lines.add("Aegir upgrade summary:");
        lines.add("  backend:  "
                + (backend.changedAnything()
                        ? "installed " + backend.installed()
                        : dryRun ? "not run (dry run; the plan above says what it would do)" : "already " + pins));
        lines.add("  frontend: "
                + (frontend.migrated()
                        ? domain + " migrated to " + frontend.newDir()
                        : dryRun ? "not run (dry run)" : domain + " already on " + frontend.newDir()));
        backend.backupSet()
                .or(frontend::backupSet)
                .ifPresentOrElse(
                        s -> lines.add("  backup set: " + s.dir()
                                + (frontend.migrated()
                                        ? " (mvn aegir:rollback restores the backend once the frontend is back on "
                                                + frontend.oldDir() + "; it says how)"
                                        : " (restore with mvn aegir:rollback)")),
                        () -> lines.add(
                                dryRun ? "  nothing changed (dry run)" : "  nothing changed, no backup set made"));
        return lines;
    }

    /** The version of the JSON schema of {@link #json} and {@link #failedJson} (docs/json-reports.md). */
    public static final int SCHEMA_VERSION = 1;

    /** What {@code aegir:upgrade} did, for monitoring and CI: the JSON form of the summary. */
    public static Map<String, Object> json(
            AegirHome home,
            BackendPins pins,
            BackendUpgrade.Outcome backend,
            HostmasterMigration.Outcome frontend,
            String domain,
            boolean dryRun) {
        Map<String, Object> r = head(home, pins, dryRun);
        r.put(
                "result",
                dryRun ? "dry-run" : backend.changedAnything() || frontend.migrated() ? "upgraded" : "nothing-to-do");
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("changed", backend.changedAnything());
        b.put(
                "installed",
                backend.installed().stream().map(Release::displayName).toList());
        b.put("backupSet", backend.backupSet().map(s -> s.dir().toString()).orElse(null));
        r.put("backend", b);
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("domain", domain);
        f.put("migrated", frontend.migrated());
        f.put("oldDir", frontend.oldDir() == null ? null : frontend.oldDir().toString());
        f.put("newDir", frontend.newDir() == null ? null : frontend.newDir().toString());
        f.put("backupSet", frontend.backupSet().map(s -> s.dir().toString()).orElse(null));
        r.put("frontend", f);
        r.put("problems", List.of());
        return r;
    }

    /** The JSON form of a run that failed: every problem it reported. */
    public static Map<String, Object> failedJson(
            AegirHome home, BackendPins pins, boolean dryRun, List<String> problems) {
        Map<String, Object> r = head(home, pins, dryRun);
        r.put("result", "failed");
        r.put("backend", null);
        r.put("frontend", null);
        r.put("problems", List.copyOf(problems));
        return r;
    }

    private static Map<String, Object> head(AegirHome home, BackendPins pins, boolean dryRun) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schemaVersion", SCHEMA_VERSION);
        r.put("goal", "upgrade");
        r.put("home", home.root().toString());
        r.put("dryRun", dryRun);
        Map<String, Object> pinned = new LinkedHashMap<>();
        if (pins != null) {
            for (InstalledVersions.Component c : pins.components()) {
                pinned.put(c.project(), pins.release(c).map(Release::version).orElse(null));
            }
        }
        r.put("pins", pinned);
        return r;
    }
}
