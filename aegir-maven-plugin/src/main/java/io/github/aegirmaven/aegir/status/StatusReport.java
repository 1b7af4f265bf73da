package io.github.aegirmaven.aegir.status;

import io.github.aegirmaven.aegir.core.Json;
import io.github.aegirmaven.aegir.core.Setting;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code aegir:status} found in an Aegir home, as data: rendered as text for the build log
 * ({@link #lines}) and as JSON for monitoring ({@link #toJson}, schema in {@code docs/status-json.md}, versioned by
 * {@link #SCHEMA_VERSION}). Times are instants, shown as local date and time in {@link #zone}; versions are in one
 * form, drupal.org's ({@code 7.x-4.4}).
 */
public record StatusReport(
        String home,
        Instant generated,
        ZoneId zone,
        List<Component> components,
        Hostmaster hostmaster,
        Optional<Build> buildInProgress,
        Optional<Migration> interruptedMigration,
        List<Leftover> leftovers,
        List<BackupSetView> backupSets,
        List<String> drift) {

    /** The version of the JSON schema; raised when a field changes meaning or goes away (not when one is added). */
    public static final int SCHEMA_VERSION = 1;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** drush, provision or drush_make: installed against pinned. */
    public record Component(
            String name, Optional<String> installed, String pinned, boolean ok, Optional<Installation> byPlugin) {}

    /** What this plugin recorded when it installed a component. */
    public record Installation(Instant at, String sha256) {}

    /**
     * The hostmaster site: {@code state} is {@code ok}, {@code drift}, {@code interrupted} (a migration stopped
     * half-way; {@code reason} says what to do) or {@code not-checked} ({@code reason} says why).
     */
    public record Hostmaster(
            String state, String domain, Optional<String> expected, List<String> runsOn, Optional<String> reason) {}

    /** A build holding the home's run lock. */
    public record Build(long pid, String goal, Instant started, String host, String user) {}

    /** A hostmaster-migrate whose build ended while drush ran. */
    public record Migration(
            String domain,
            String from,
            String to,
            Instant started,
            long pid,
            String backupSet,
            Optional<String> problem) {}

    /**
     * Something a failed or killed run left: {@code kind} is {@code staging-directory}, {@code half-built-platform},
     * {@code unfinished-swap}, {@code unfinished-backup-set} or {@code stale-lock}.
     */
    public record Leftover(String kind, String path, String detail) {}

    /** One backup set; {@code state} is empty for a directory this plugin did not make. */
    public record BackupSetView(
            String name,
            String path,
            String kind,
            Optional<String> state,
            Instant created,
            List<String> entries,
            boolean crontabSaved,
            Optional<String> restoredFrom,
            Optional<String> rolledBackInto,
            Optional<String> migration) {}

    public boolean drifted() {
        return !drift.isEmpty();
    }

    /** A time as local date and time, e.g. {@code 2026-12-04 14:05:12}. */
    public String local(Instant t) {
        return LOCAL.format(t.atZone(zone));
    }

    private String iso(Instant t) {
        return ISO.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .atZone(zone)
                .toOffsetDateTime());
    }

    /** The report as lines for the build log. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("Aegir home " + home + " (times are local, " + zone.getId() + ")");
        buildInProgress.ifPresent(b -> out.add("  BUILD IN PROGRESS: pid " + b.pid() + ", goal " + b.goal()
                + ", started " + local(b.started()) + (b.host().isEmpty() ? "" : " on " + b.host())
                + (b.user().isEmpty() ? "" : " by " + b.user()) + "; what follows may change under it"));
        for (Component c : components) {
            String by = c.byPlugin()
                    .map(i -> ", installed by this plugin at " + local(i.at()) + " (sha256 " + i.sha256() + ")")
                    .orElse("");
            out.add(String.format(
                    "  %-11s installed %-14s pinned %-14s %s%s",
                    c.name(),
                    c.installed().orElse("(not installed)"),
                    c.pinned(),
                    c.ok() ? "OK" : "DRIFT",
                    c.ok() ? by : ""));
        }
        out.add(hostmasterLine());
        interruptedMigration.ifPresent(m -> out.add("  INTERRUPTED MIGRATION: "
                + m.problem()
                        .orElse("hostmaster-migrate of " + m.domain() + " from " + m.from() + " to " + m.to()
                                + ", started "
                                + local(m.started()) + " by the build with pid " + m.pid()
                                + ", which ended while drush ran;"
                                + " the next build that changes the home puts right what it left (saved crontab in "
                                + m.backupSet() + ")")));
        if (!leftovers.isEmpty()) {
            out.add("  leftovers of failed runs (the next build that changes the home clears the first three kinds):");
            for (Leftover l : leftovers) {
                out.add("    " + l.kind() + " " + l.path() + (l.detail().isEmpty() ? "" : ": " + l.detail()));
            }
        }
        if (backupSets.isEmpty()) {
            out.add("  no backup sets");
        } else {
            out.add("  backup sets (newest first):");
            for (BackupSetView s : backupSets) {
                out.add("    " + s.path() + " " + describe(s));
            }
        }
        return out;
    }

    private String hostmasterLine() {
        Hostmaster h = hostmaster;
        return switch (h.state()) {
            case "ok" -> "  hostmaster  on " + h.expected().orElse("") + "   OK";
            case "drift" ->
                "  hostmaster  on "
                        + (h.runsOn().isEmpty() ? "(site not found under " + home + ")" : String.join(", ", h.runsOn()))
                        + "   DRIFT (expected on " + h.expected().orElse("") + ")";
            case "interrupted" ->
                "  hostmaster  INTERRUPTED migration to " + h.expected().orElse("") + "   DRIFT\n    "
                        + h.reason().orElse("");
            default -> "  hostmaster  not checked: " + h.reason().orElse("");
        };
    }

    private String describe(BackupSetView s) {
        if (s.state().isEmpty()) {
            return "(not made by this plugin)";
        }
        StringBuilder sb = new StringBuilder("[")
                .append(s.state().get())
                .append(", ")
                .append(s.entries().size())
                .append(" entries")
                .append(s.crontabSaved() ? ", crontab saved" : "")
                .append("] ")
                .append(s.kind())
                .append(", made ")
                .append(local(s.created()));
        s.migration().ifPresent(m -> sb.append(", migration ").append(m));
        s.restoredFrom()
                .ifPresent(r -> sb.append(", what was live when ").append(r).append(" was restored"));
        s.rolledBackInto()
                .ifPresent(r -> sb.append(", rolled back (undo with " + Setting.BACKUP_SET.flag() + "=")
                        .append(r)
                        .append(")"));
        return sb.toString();
    }

    /** The report as the documented JSON object (pretty-printed). */
    public String toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("schemaVersion", SCHEMA_VERSION);
        o.put("home", home);
        o.put("generatedAt", iso(generated));
        o.put("timeZone", zone.getId());
        o.put("drift", drifted());
        o.put("driftReasons", drift);
        List<Object> comps = componentsJson();
        o.put("components", comps);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", hostmaster.state());
        h.put("domain", hostmaster.domain().isEmpty() ? null : hostmaster.domain());
        h.put("expectedPlatform", hostmaster.expected().orElse(null));
        h.put("runsOn", hostmaster.runsOn());
        h.put("reason", hostmaster.reason().orElse(null));
        o.put("hostmaster", h);
        o.put(
                "buildInProgress",
                buildInProgress
                        .map(b -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("pid", b.pid());
                            m.put("goal", b.goal());
                            m.put("startedAt", iso(b.started()));
                            m.put("host", b.host());
                            m.put("user", b.user());
                            return (Object) m;
                        })
                        .orElse(null));
        o.put("interruptedMigration", interruptedMigrationJson());
        o.put("leftovers", leftoversJson());
        o.put("backupSets", backupSetsJson());
        return Json.pretty(o) + "\n";
    }

    private List<Object> componentsJson() {
        List<Object> comps = new ArrayList<>();
        for (Component c : components) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("installed", c.installed().orElse(null));
            m.put("pinned", c.pinned());
            m.put("status", c.ok() ? "ok" : "drift");
            m.put(
                    "installedByPlugin",
                    c.byPlugin()
                            .map(i -> {
                                Map<String, Object> b = new LinkedHashMap<>();
                                b.put("at", iso(i.at()));
                                b.put("sha256", i.sha256());
                                return (Object) b;
                            })
                            .orElse(null));
            comps.add(m);
        }
        return comps;
    }

    private Object interruptedMigrationJson() {
        return interruptedMigration
                .map(mig -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("domain", mig.domain());
                    m.put("from", mig.from());
                    m.put("to", mig.to());
                    m.put("startedAt", mig.pid() < 0 ? null : iso(mig.started()));
                    m.put("pid", mig.pid());
                    m.put("backupSet", mig.backupSet());
                    m.put("problem", mig.problem().orElse(null));
                    return (Object) m;
                })
                .orElse(null);
    }

    private List<Object> leftoversJson() {
        List<Object> left = new ArrayList<>();
        for (Leftover l : leftovers) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", l.kind());
            m.put("path", l.path());
            m.put("detail", l.detail());
            left.add(m);
        }
        return left;
    }

    private List<Object> backupSetsJson() {
        List<Object> sets = new ArrayList<>();
        for (BackupSetView s : backupSets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("path", s.path());
            m.put("kind", s.kind());
            m.put(
                    "state",
                    s.state().map(x -> x.toLowerCase(java.util.Locale.ROOT)).orElse(null));
            m.put("createdAt", iso(s.created()));
            m.put("entries", s.entries());
            m.put("crontabSaved", s.crontabSaved());
            m.put("restoredFrom", s.restoredFrom().orElse(null));
            m.put("rolledBackInto", s.rolledBackInto().orElse(null));
            m.put("migration", s.migration().orElse(null));
            sets.add(m);
        }
        return sets;
    }
}
