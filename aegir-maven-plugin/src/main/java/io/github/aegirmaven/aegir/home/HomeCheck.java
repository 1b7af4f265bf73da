package io.github.aegirmaven.aegir.home;

import io.github.aegirmaven.aegir.home.user.CurrentUser;
import java.util.List;

/**
 * Who runs the build and the Aegir home, checked before anything changes ({@link Preflight#checkUser} and
 * {@link Preflight#checkHome}). A procedure that runs several services in one build checks {@link #once}; a
 * service used alone checks {@link #everyTime}.
 */
@FunctionalInterface
public interface HomeCheck {

    /** The problems found, none when the build may change the home. */
    List<String> problems(AegirHome home, String aegirUser, String mavenCommand);

    /** Looks at the user and the home on every call. */
    static HomeCheck everyTime(CurrentUser current) {
        return (home, aegirUser, mavenCommand) -> Preflight.problems(
                Preflight.checkUser(aegirUser, current, mavenCommand), Preflight.checkHome(home, aegirUser, current));
    }

    /** Looks at the user and the home on the first call only; later calls answer what that one found. */
    static HomeCheck once(CurrentUser current) {
        HomeCheck each = everyTime(current);
        return new HomeCheck() {
            private List<String> found;

            @Override
            public synchronized List<String> problems(AegirHome home, String aegirUser, String mavenCommand) {
                if (found == null) {
                    found = List.copyOf(each.problems(home, aegirUser, mavenCommand));
                }
                return found;
            }
        };
    }
}
