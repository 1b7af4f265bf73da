package io.github.aegirmaven.aegir.frontend;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Checked;
import io.github.aegirmaven.aegir.frontend.HostmasterMigration.Request;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Preflight;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A hostmaster-migrate whose drush reported success, verified: the site lives in the new platform, the aegir
 * user's crontab has Aegir's {@code hosting-dispatch} line (else the saved one is put back), and the user's own
 * lines that drush's hosting-setup dropped are put back.
 */
final class MigrationVerification {

    private final AegirHome home;
    private final Crontab crontab;
    private final BuildLog log;

    MigrationVerification(AegirHome home, Crontab crontab, BuildLog log) {
        this.home = home;
        this.crontab = crontab;
        this.log = log;
    }

    /** After drush reported success: the site in the new platform, the crontab Aegir's, the user's own lines kept. */
    void verify(Request r, Checked c, Optional<String> savedCrontab) throws IOException, UserFixableException {
        String site = "sites/" + r.domain() + "/settings.php";
        List<String> problems = new ArrayList<>();
        if (!Files.isRegularFile(c.newDir().resolve(site))) {
            problems.add("drush reported success, but " + c.newDir().resolve(site) + " does not exist: the site did not"
                    + " move into the new platform.");
        }
        Optional<String> cron = crontab.read();
        if (cron.isEmpty() || !cron.get().contains("hosting-dispatch")) {
            crontab.restore(savedCrontab);
            problems.add("drush reported success, but the crontab of " + r.aegirUser() + " has no hosting-dispatch"
                    + " line, so Aegir's task queue would stop; the saved crontab was put back. Run `drush @hostmaster"
                    + " hosting-setup` as " + r.aegirUser() + " to install the new one.");
        }
        MigrationMarker.delete(home);
        Preflight.failIfAny(problems);
        // hosting-setup of Aegir 6.x-1.x replaces the whole crontab; -y answered its question for the user, so put
        // back the user's own lines (as Aegir 7.x-3.x keeps them).
        List<String> dropped = ownLinesDropped(savedCrontab.orElse(""), cron.get());
        if (!dropped.isEmpty()) {
            String now = cron.get().isEmpty() || cron.get().endsWith("\n") ? cron.get() : cron.get() + "\n";
            crontab.write(now + String.join("\n", dropped) + "\n");
            log.info("drush replaced the whole crontab of " + r.aegirUser() + "; put back " + dropped.size()
                    + " line(s)" + " of its own that were not Aegir's: " + String.join(" | ", dropped));
        }
    }

    /**
     * The lines of the crontab before the migration that were not Aegir's and are gone from the crontab after it:
     * jobs and settings of the user's own (not {@code SHELL=}, {@code PATH=} or a {@code hosting-dispatch} job,
     * which Aegir writes afresh), each with the comment lines right above it. Blank lines are left out.
     */
    static List<String> ownLinesDropped(String before, String after) {
        List<String> now = after.lines().map(String::strip).toList();
        List<String> out = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        for (String line : before.lines().toList()) {
            String t = line.strip();
            if (t.isEmpty()) {
                comments.clear();
            } else if (t.startsWith("#")) {
                comments.add(line);
            } else {
                boolean aegirs = t.startsWith("SHELL=") || t.startsWith("PATH=") || t.contains("hosting-dispatch");
                if (!aegirs && !now.contains(t)) {
                    comments.stream().filter(cm -> !now.contains(cm.strip())).forEach(out::add);
                    out.add(line);
                }
                comments.clear();
            }
        }
        return out;
    }
}
