package io.github.aegirmaven.aegir.upgrade;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.Setting;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one question an interactive build asks, after the plan is shown and before the first change: go on? Asked
 * on the terminal rather than through the build log, read from standard input; "n", or the end of input, stops the
 * build with nothing changed. After a "y" drush is given {@code -y}, so that it does not ask again half-way through
 * (drush 4's own question comes only after the backend is swapped).
 *
 * <p>Not asked in a dry run, with {@code assumeYes}, or in batch mode (where the goals that need an answer refuse to
 * start without {@code assumeYes}). Under {@code -q} the plan is not shown, so the question is not asked either: the
 * build stops and says to pass {@code -Daegir.yes=true}.
 */
public final class Confirmation {

    /** How often an answer other than y or n is asked again before it counts as no. */
    static final int ATTEMPTS = 5;

    /** Where the question goes and the answer comes from. */
    public interface Terminal {
        /** Shows {@code text} (no line break added) at once. */
        void print(String text);

        /** The next line typed, or empty at the end of input. */
        Optional<String> readLine() throws IOException;
    }

    /** The build's switches that decide whether to ask. */
    public record Mode(boolean assumeYes, boolean dryRun, boolean batchMode) {
        /** Whether this build asks before its first change. */
        public boolean asks() {
            return !assumeYes && !dryRun && !batchMode;
        }

        /**
         * Whether drush is given {@code -y}: with assumeYes, or interactively, where the build asks first (a dry run
         * shows the command the confirmed run would use).
         */
        public boolean drushAnswersYes() {
            return assumeYes || !batchMode;
        }
    }

    /** How the build came to go on. */
    public enum Outcome {
        /** The mode does not ask (assumeYes, a dry run, batch mode). */
        NOT_ASKED,
        /** Asked, and answered y. */
        CONFIRMED
    }

    private Confirmation() {}

    /**
     * Asks {@code question} when {@code mode} says so; returns normally when the build may go on.
     *
     * @param what what would change, for the messages (e.g. "the upgrade of /var/aegir")
     * @return whether the question was asked (and answered y)
     * @throws UserFixableException when the answer is no, input ends, or Maven is quiet; nothing was changed
     */
    public static Outcome obtain(Mode mode, String what, Terminal terminal, BuildLog log)
            throws IOException, UserFixableException {
        if (!mode.asks()) {
            return Outcome.NOT_ASKED;
        }
        if (!log.isInfoEnabled()) {
            throw new UserFixableException("Maven runs quietly (-q), so the plan of " + what + " is not shown and the"
                    + " question whether to go on is not asked. Nothing was changed. Run without -q to see the plan"
                    + " and answer, or pass " + Setting.ASSUME_YES.flag()
                    + "=true (assumeYes) to go on without the question.");
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            terminal.print("Go on with " + what + " as planned above? Nothing has been changed yet. (y/n): ");
            Optional<String> line = terminal.readLine();
            if (line.isEmpty()) {
                terminal.print("\n");
                throw notConfirmed(what, "the input ended without an answer");
            }
            String answer = line.get().trim().toLowerCase(Locale.ROOT);
            if (answer.equals("y") || answer.equals("yes")) {
                log.info("Confirmed: going on with " + what + " (drush is given -y).");
                return Outcome.CONFIRMED;
            }
            if (answer.equals("n") || answer.equals("no")) {
                throw notConfirmed(what, "the answer was '" + line.get().trim() + "'");
            }
            terminal.print("Please answer y or n.\n");
        }
        throw notConfirmed(what, "no y or n after " + ATTEMPTS + " questions");
    }

    private static UserFixableException notConfirmed(String what, String why) {
        return new UserFixableException("Not confirmed (" + why + "): " + what + " did not start and nothing was"
                + " changed. Run again and answer y, or pass " + Setting.ASSUME_YES.flag()
                + "=true (assumeYes) to go on without the"
                + " question.");
    }
}
