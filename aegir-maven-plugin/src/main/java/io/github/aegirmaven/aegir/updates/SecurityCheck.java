package io.github.aegirmaven.aegir.updates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the release history says about the safety of one release, as drush 8's update status does (DOMAIN.md
 * section 9): the project insecure, revoked or unsupported; the release unpublished (revoked), marked
 * {@code Insecure} or {@code Unsupported}, of a major not in {@code supported_majors}; or a newer release of the
 * same major that is a {@code Security update} (listed before it: the XML is newest first), naming the release
 * to move to.
 */
public final class SecurityCheck {

    private SecurityCheck() {}

    /** The verdict on one release. */
    public enum State {
        SECURE,
        SECURITY_UPDATE_AVAILABLE,
        INSECURE,
        REVOKED,
        UNSUPPORTED,
        NOT_IN_HISTORY
    }

    /**
     * @param problems every reason found, worded for the log (empty when secure)
     * @param moveTo the release to move to, when there is one
     */
    public record Verdict(String project, String version, State state, List<String> problems, Optional<String> moveTo) {
        public Verdict {
            problems = List.copyOf(problems);
        }

        public boolean flagged() {
            return state != State.SECURE;
        }

        /** {@code views 6.x-2.11: a security update is available: 6.x-2.16 …; move to 6.x-2.16}. */
        public String describe() {
            if (!flagged()) {
                return project + " " + version + ": no security problem known";
            }
            return project + " " + version + ": " + String.join("; ", problems)
                    + moveTo.map(m -> "; move to " + m).orElse("");
        }
    }

    /** Judges {@code version} (a key such as {@code 2.11} or a full version such as {@code 6.x-2.11}). */
    public static Verdict check(String project, String version, ReleaseHistory history) {
        Optional<ReleaseHistory.Entry> found = history.release(version);
        List<String> problems = new ArrayList<>();
        String status = history.projectStatus().toLowerCase(Locale.ROOT);
        State state = State.SECURE;
        if (found.isEmpty()) {
            problems.add("the release history lists no release " + version + " (removed, or never published)");
            state = State.NOT_IN_HISTORY;
        }
        if (status.equals("insecure")) {
            problems.add("the project is marked insecure");
            state = worst(state, State.INSECURE);
        } else if (status.equals("unpublished") || status.equals("revoked")) {
            problems.add("the project is " + status + " (revoked)");
            state = worst(state, State.REVOKED);
        } else if (status.equals("unsupported")) {
            problems.add("the project is no longer supported");
            state = worst(state, State.UNSUPPORTED);
        }
        Optional<String> moveTo = Optional.empty();
        if (found.isPresent()) {
            ReleaseHistory.Entry release = found.get();
            if (!release.published()) {
                problems.add("the release is " + release.status() + " (revoked)");
                state = worst(state, State.REVOKED);
            }
            if (release.hasType("Insecure")) {
                problems.add("the release is marked insecure");
                state = worst(state, State.INSECURE);
            }
            if (release.hasType("Unsupported")
                    || (!history.supportedMajors().isEmpty()
                            && !history.supportedMajors().contains(release.major()))) {
                problems.add("its major version " + release.major() + " is not supported"
                        + (history.supportedMajors().isEmpty()
                                ? ""
                                : " (supported: " + String.join(", ", history.supportedMajors()) + ")"));
                state = worst(state, State.UNSUPPORTED);
            }
            Optional<ReleaseHistory.Entry> update = securityUpdate(history, release);
            if (update.isPresent()) {
                problems.add("a newer security update of the same major is out: "
                        + update.get().version());
                state = worst(state, State.SECURITY_UPDATE_AVAILABLE);
            }
            if (state != State.SECURE) {
                moveTo = newestSafe(history, release).map(ReleaseHistory.Entry::version);
            }
        }
        return new Verdict(project, version, state, problems, moveTo);
    }

    private static State worst(State a, State b) {
        // REVOKED and INSECURE weigh more than UNSUPPORTED, which weighs more than an update being available.
        List<State> order = List.of(
                State.SECURE,
                State.SECURITY_UPDATE_AVAILABLE,
                State.NOT_IN_HISTORY,
                State.UNSUPPORTED,
                State.INSECURE,
                State.REVOKED);
        return order.indexOf(a) >= order.indexOf(b) ? a : b;
    }

    /** The newest published security update of the same major listed before {@code release} (newest first). */
    private static Optional<ReleaseHistory.Entry> securityUpdate(ReleaseHistory history, ReleaseHistory.Entry release) {
        ReleaseHistory.Entry newest = null;
        for (ReleaseHistory.Entry e : history.releases()) {
            if (e == release) {
                break;
            }
            if (e.published()
                    && e.major().equals(release.major())
                    && e.hasType("Security update")
                    && PhpVersions.compare(e.key(), release.key()) > 0
                    && (newest == null || PhpVersions.compare(e.key(), newest.key()) > 0)) {
                newest = e;
            }
        }
        return Optional.ofNullable(newest);
    }

    /**
     * The newest published, numbered, not insecure release of the same major (else of a supported major) newer
     * than {@code release}: the release to move to.
     */
    private static Optional<ReleaseHistory.Entry> newestSafe(ReleaseHistory history, ReleaseHistory.Entry release) {
        ReleaseHistory.Entry same = null;
        ReleaseHistory.Entry other = null;
        for (ReleaseHistory.Entry e : history.releases()) {
            if (!e.published() || e.isSnapshot() || e.hasType("Insecure") || e.hasType("Unsupported") || e == release) {
                continue;
            }
            boolean supported = history.supportedMajors().isEmpty()
                    || history.supportedMajors().contains(e.major());
            if (e.major().equals(release.major()) && supported && PhpVersions.compare(e.key(), release.key()) > 0) {
                if (same == null || PhpVersions.compare(e.key(), same.key()) > 0) {
                    same = e;
                }
            } else if (supported
                    && !e.major().equals(release.major())
                    && (other == null || PhpVersions.compare(e.key(), other.key()) > 0)) {
                other = e;
            }
        }
        return Optional.ofNullable(same != null ? same : other);
    }
}
