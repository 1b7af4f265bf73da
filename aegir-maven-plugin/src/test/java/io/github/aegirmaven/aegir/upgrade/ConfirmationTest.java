package io.github.aegirmaven.aegir.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.aegirmaven.aegir.core.BuildLog;
import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationTest {

    private static final Confirmation.Mode INTERACTIVE = new Confirmation.Mode(false, false, false);

    /** A terminal that answers from a script and records what was shown. */
    static final class ScriptedTerminal implements Confirmation.Terminal {
        final StringBuilder shown = new StringBuilder();
        final Deque<String> answers;
        int reads;

        ScriptedTerminal(String... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public void print(String text) {
            shown.append(text);
        }

        @Override
        public Optional<String> readLine() {
            reads++;
            return Optional.ofNullable(answers.poll());
        }
    }

    private final List<String> logged = new ArrayList<>();
    private final BuildLog log = BuildLog.collecting(logged);

    @Test
    void yesGoesOnAfterOneQuestion() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal("y");
        assertThat(Confirmation.obtain(INTERACTIVE, "the upgrade of /var/aegir", t, log))
                .isEqualTo(Confirmation.Outcome.CONFIRMED);
        assertThat(t.reads).isEqualTo(1);
        assertThat(t.shown.toString())
                .isEqualTo(
                        "Go on with the upgrade of /var/aegir as planned above? Nothing has been changed yet. (y/n): ");
    }

    @Test
    void yesInAnyCaseAndWithSpacesCounts() throws Exception {
        assertThat(Confirmation.obtain(INTERACTIVE, "x", new ScriptedTerminal(" YES "), log))
                .isEqualTo(Confirmation.Outcome.CONFIRMED);
    }

    @Test
    void noStopsWithNothingChanged() {
        ScriptedTerminal t = new ScriptedTerminal("n", "y");
        assertThatThrownBy(() -> Confirmation.obtain(INTERACTIVE, "the upgrade of /var/aegir", t, log))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("'n'")
                .hasMessageContaining("-Daegir.yes=true");
        assertThat(t.reads).isEqualTo(1);
    }

    @Test
    void endOfInputIsNo() {
        ScriptedTerminal t = new ScriptedTerminal();
        assertThatThrownBy(() -> Confirmation.obtain(INTERACTIVE, "x", t, log))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("input ended");
    }

    @Test
    void otherAnswersAskAgainThenCountAsNo() throws Exception {
        ScriptedTerminal t = new ScriptedTerminal("", "maybe", "y");
        assertThat(Confirmation.obtain(INTERACTIVE, "x", t, log)).isEqualTo(Confirmation.Outcome.CONFIRMED);
        assertThat(t.reads).isEqualTo(3);
        assertThat(t.shown.toString()).contains("Please answer y or n.");

        ScriptedTerminal stubborn = new ScriptedTerminal("a", "b", "c", "d", "e", "y");
        assertThatThrownBy(() -> Confirmation.obtain(INTERACTIVE, "x", stubborn, log))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("no y or n after 5 questions");
        assertThat(stubborn.reads).isEqualTo(Confirmation.ATTEMPTS);
    }

    @Test
    void notAskedWithAssumeYesInADryRunOrInBatchMode() throws Exception {
        for (Confirmation.Mode m : List.of(
                new Confirmation.Mode(true, false, false),
                new Confirmation.Mode(false, true, false),
                new Confirmation.Mode(false, false, true))) {
            ScriptedTerminal t = new ScriptedTerminal();
            assertThat(Confirmation.obtain(m, "x", t, log)).as(m.toString()).isEqualTo(Confirmation.Outcome.NOT_ASKED);
            assertThat(t.reads).as(m.toString()).isZero();
            assertThat(t.shown.toString()).as(m.toString()).isEmpty();
        }
    }

    @Test
    void drushIsGivenYesWhenTheBuildAskedOrWasToldYes() {
        assertThat(INTERACTIVE.drushAnswersYes()).isTrue();
        assertThat(new Confirmation.Mode(true, false, true).drushAnswersYes()).isTrue();
        assertThat(new Confirmation.Mode(false, false, true).drushAnswersYes()).isFalse();
        assertThat(new Confirmation.Mode(false, true, false).drushAnswersYes()).isTrue();
        assertThat(new Confirmation.Mode(false, true, true).drushAnswersYes()).isFalse();
    }

    @Test
    void quietMavenRefusesToAskInsteadOfHidingThePlan() {
        BuildLog quiet = BuildLog.NONE; // shows no info line, as Maven's log under -q
        ScriptedTerminal t = new ScriptedTerminal("y");
        assertThatThrownBy(() -> Confirmation.obtain(INTERACTIVE, "x", t, quiet))
                .isInstanceOf(UserFixableException.class)
                .hasMessageContaining("-q")
                .hasMessageContaining("-Daegir.yes=true")
                .hasMessageContaining("Nothing was changed");
        assertThat(t.reads).isZero();
    }
}
