package io.github.aegirmaven.aegir.backend;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.BackupSet;
import io.github.aegirmaven.aegir.home.BackupSets;
import io.github.aegirmaven.aegir.home.InstallRecord;
import io.github.aegirmaven.aegir.home.InstalledVersions.Component;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code aegir:status}: installed against pinned for each component, and the newest backup sets. Reads only. */
public final class BackendStatus {

    /** The report: printable lines and whether anything drifted from the pins. */
    public record Report(List<String> lines, List<String> drift) {
        public boolean drifted() {
            return !drift.isEmpty();
        }
    }

    private BackendStatus() {}

    public static Report of(AegirHome home, BackendUpgrade.Plan plan, int backupsToShow) throws IOException {
        return of(home, plan, List.of(), List.of(), backupsToShow);
    }

    /**
     * The report, with more component lines (the frontend's) after the backend's, and the drift they show.
     */
    public static Report of(AegirHome home, BackendUpgrade.Plan plan, List<String> moreLines, List<String> moreDrift,
            int backupsToShow) throws IOException {
        List<String> lines = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        InstallRecord record = InstallRecord.read(home);
        List<Component> outdated = plan.outdated();
        lines.add("Aegir home " + home.root());
        for (Component c : plan.pins().components()) {
            String pinned = plan.pins().release(c).orElseThrow().version();
            String installed = plan.installed().get(c).orElse("(not installed)");
            String by = record.get(c).map(e -> ", installed by this plugin at " + e.installedAt() + " (sha256 "
                    + e.sha256() + ")").orElse("");
            boolean ok = !outdated.contains(c);
            lines.add(String.format("  %-11s installed %-14s pinned %-14s %s%s", c.project(), installed, pinned,
                    ok ? "OK" : "DRIFT", ok ? by : ""));
            if (!ok) {
                drift.add(c.project() + " is " + installed + ", pinned " + pinned);
            }
        }
        lines.addAll(moreLines);
        drift.addAll(moreDrift);
        List<BackupSet> sets = BackupSets.list(home);
        if (sets.isEmpty()) {
            lines.add("  no backup sets");
        } else {
            lines.add("  backup sets (newest first):");
            for (BackupSet s : sets.subList(0, Math.min(backupsToShow, sets.size()))) {
                lines.add("    " + s.dir() + describe(s));
            }
        }
        return new Report(lines, drift);
    }

    private static String describe(BackupSet s) {
        try {
            if (!s.hasManifest()) {
                return " (not made by this plugin)";
            }
            Optional<BackupSet.SavedCrontab> cron = s.savedCrontab();
            return " [" + s.manifest().state() + ", " + s.manifest().entries().size() + " entries"
                    + (cron.isPresent() ? ", crontab saved" : "") + "]";
        } catch (IOException e) {
            return " (unreadable manifest: " + e.getMessage() + ")";
        }
    }
}
