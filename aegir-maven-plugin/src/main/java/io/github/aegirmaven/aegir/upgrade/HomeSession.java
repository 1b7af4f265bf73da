package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Durations;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import io.github.aegirmaven.aegir.drush.Crontab;
import io.github.aegirmaven.aegir.drush.OrphanedDrush;
import io.github.aegirmaven.aegir.frontend.InterruptedMigration;
import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.HomeCheck;
import io.github.aegirmaven.aegir.home.Preflight;
import io.github.aegirmaven.aegir.home.journal.HomeAtRest;
import io.github.aegirmaven.aegir.home.journal.SwapTransaction;
import io.github.aegirmaven.aegir.home.lock.RunLock;
import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * One build's time with one Aegir home: the user and the home are checked once ({@link #check()}, shared by every
 * service of the build), and work that changes the home runs under its run lock, after putting right whatever a
 * killed build left: waiting for drush it left running, then an interrupted hostmaster-migrate, then an unfinished
 * swap.
 */
public final class HomeSession {

    /** A piece of work on the home. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws UserFixableException, IOException;
    }

    private final AegirHome home;
    private final UpgradeSettings settings;
    private final CurrentUser current;
    private final HomeCheck check;
    private final BuildLog log;
    private Optional<RunLock.Holder> takenOverFrom = Optional.empty();

    HomeSession(AegirHome home, UpgradeSettings settings, CurrentUser current, BuildLog log) {
        this.home = home;
        this.settings = settings;
        this.current = current;
        this.check = HomeCheck.once(current);
        this.log = log;
    }

    public AegirHome home() {
        return home;
    }

    /** The user and home check of this build: made on first use, answered from memory afterwards. */
    public HomeCheck check() {
        return check;
    }

    /** Under the lock: the killed build whose stale run lock this one took over, whose work it resumes. */
    public Optional<RunLock.Holder> takenOverFrom() {
        return takenOverFrom;
    }

    /**
     * Work that changes the home: after checking the user and the home (so that a refused build leaves no trace),
     * under the home's run lock, after recovering what a killed build left. A dry run takes no lock.
     */
    public <T> T underLock(Work<T> work) throws UserFixableException, IOException {
        Preflight.failIfAny(check.problems(home, settings.request().aegirUser(), settings.mavenCommand()));
        if (settings.request().dryRun()) {
            return work.run();
        }
        try (RunLock lock = RunLock.acquire(home, settings.goal(), log)) {
            takenOverFrom = lock.takenOverFrom();
            OrphanedDrush.awaitGone(home, timeout(), log);
            InterruptedMigration.recover(home, new Crontab(settings.request().aegirUser(), current, log), log);
            SwapTransaction.recover(home, log);
            try (StopNotice stopped = StopNotice.install(home, settings.mavenCommand())) {
                return work.run();
            }
        }
    }

    /**
     * For a goal that is mostly run with nothing to do (CI runs it on every push): when the home is at rest
     * ({@link HomeAtRest}) and {@code nothingToDo}, which must only read, finds nothing to do, its answer is the
     * result, without taking the run lock, so that such a run writes nothing to the home (not even the lock's
     * {@code lock.info}). Otherwise, or when it answers empty, {@code work} runs {@link #underLock under the lock}.
     */
    public <T> T unlessNothingToDo(Work<Optional<T>> nothingToDo, Work<T> work)
            throws UserFixableException, IOException {
        if (!settings.request().dryRun()
                && HomeAtRest.check(home)
                && OrphanedDrush.find(home).isEmpty()) {
            Optional<T> done = nothingToDo.run();
            if (done.isPresent()) {
                log.debug("Nothing to do in " + home.root() + ": the run lock was not taken and nothing was written.");
                return done.get();
            }
        }
        return underLock(work);
    }

    private Duration timeout() throws UserFixableException {
        return Durations.parse(settings.timeout(), Setting.TIMEOUT.toString());
    }
}
