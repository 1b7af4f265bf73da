package io.github.aegirmaven.aegir.version;

import io.github.aegirmaven.aegir.core.UserFixableException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A drupal.org release version, such as {@code 6.x-1.0-rc3}, {@code 7.x-4.4}, {@code 6.x-2.x-dev} or
 * {@code 8.4.12}.
 *
 * <p>Accepted forms (numbers without leading zeros):
 * <ul>
 *   <li>contrib with a core prefix: {@code <core>.x-<major>.<minor>[-<extra>]}, e.g. {@code 6.x-1.0-rc3}.
 *       drupal.org's release XML calls the second number "patch"; here it is {@link #minor()}, so that
 *       drush {@code 7.x-4.4} is drush 4.4 ({@code major() == 4}, {@code minor() == 4});</li>
 *   <li>a contrib development branch: {@code <core>.x-<major>.x-dev}, e.g. {@code 6.x-2.x-dev};</li>
 *   <li>semantic versions (drupal 8+ core, later contrib and drush): {@code <major>.<minor>.<patch>[-<extra>]},
 *       e.g. {@code 8.4.12}, {@code 2.0.0-beta1}; their branches {@code <major>.<minor>.x-dev};</li>
 *   <li>drupal 5 to 7 core releases: {@code <major>.<minor>[-<extra>]}, e.g. {@code 6.20}; a major
 *       branch {@code <major>.x-dev}, e.g. {@code 7.x-dev}.</li>
 * </ul>
 * {@code <extra>} is {@code unstableN}, {@code alphaN}, {@code betaN} or {@code rcN}, optionally with a
 * {@code .N} suffix as in {@code 6.x-2.0-rc5.1}.
 *
 * <p>Order: like PHP's {@code version_compare} on these strings, the leading number (the core for
 * prefixed versions, the major otherwise) decides first, and at the same leading number a core-prefixed
 * version sorts before an unprefixed one; then major, minor and patch numerically; then
 * {@code unstable < alpha < beta < rc < release}, then the extra's numbers. A development branch
 * ({@code -dev}) sorts after every release on its branch and before the next branch: it is the branch's
 * newest code. The order is total and consistent with {@link #equals}, which compares the text.
 */
public final class DrupalVersion implements Comparable<DrupalVersion> {

    /** Examples shown in every error message. */
    public static final String ACCEPTED_FORMS = "6.x-1.0-rc3, 7.x-4.4, 6.x-2.x-dev, 8.4.12 or 5.10.0";

    private static final String NUM = "(0|[1-9][0-9]{0,8})";
    private static final String EXTRA = "(unstable|alpha|beta|rc)" + NUM + "(?:\\." + NUM + ")?";

    private static final Pattern PREFIXED =
            Pattern.compile(NUM + "\\.x-" + NUM + "\\.(?:" + NUM + "(?:-" + EXTRA + ")?|(x)-dev)");
    private static final Pattern UNPREFIXED = Pattern.compile(
            NUM + "\\.(?:" + NUM + "(?:\\.(?:" + NUM + "|(x)))?(?:-(?:" + EXTRA + "|(dev)))?|(x)-(dev))");

    private static final int ABSENT = -1;
    private static final int BRANCH = Integer.MAX_VALUE;

    private enum Stage {
        UNSTABLE,
        ALPHA,
        BETA,
        RC,
        RELEASE
    }

    private final String text;
    private final int core;
    private final int major;
    private final int minor;
    private final int patch;
    private final boolean dev;
    private final Stage stage;
    private final int stageNumber;
    private final int stageSub;

    private DrupalVersion(
            String text,
            int core,
            int major,
            int minor,
            int patch,
            boolean dev,
            Stage stage,
            int stageNumber,
            int stageSub) {
        this.text = text;
        this.core = core;
        this.major = major;
        this.minor = minor;
        this.patch = patch;
        this.dev = dev;
        this.stage = stage;
        this.stageNumber = stageNumber;
        this.stageSub = stageSub;
    }

    /**
     * Parses a drupal.org release version.
     *
     * @throws IllegalArgumentException quoting the text and showing the accepted forms
     */
    public static DrupalVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(
                    "No version given: expected a drupal.org release version such as " + ACCEPTED_FORMS + ".");
        }
        DrupalVersion parsed = tryParse(text);
        if (parsed == null) {
            throw new IllegalArgumentException(describeProblem(text));
        }
        return parsed;
    }

    /**
     * Parses the value of a plugin parameter, e.g. {@code parseParameter("7.x-4.4", "drushVersion",
     * "aegir.drushVersion")}.
     *
     * @throws UserFixableException naming the parameter and its property, quoting the value and showing the
     *     accepted forms
     */
    public static DrupalVersion parseParameter(String text, String parameter, String property)
            throws UserFixableException {
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserFixableException("Parameter " + parameter + " (-D" + property + "): " + e.getMessage()
                    + " Fix <" + parameter + "> in the pom or the -D" + property + " value.");
        }
    }

    /** Whether {@link #parse} accepts the text. */
    public static boolean isValid(String text) {
        return text != null && tryParse(text) != null;
    }

    private static DrupalVersion tryParse(String text) {
        if (text.length() > 64) {
            return null;
        }
        Matcher m = PREFIXED.matcher(text);
        if (m.matches()) {
            int core = number(m.group(1));
            int major = number(m.group(2));
            if (m.group(7) != null) { // <core>.x-<major>.x-dev
                return new DrupalVersion(text, core, major, ABSENT, ABSENT, true, Stage.RELEASE, ABSENT, ABSENT);
            }
            return withExtra(text, core, major, number(m.group(3)), ABSENT, m.group(4), m.group(5), m.group(6));
        }
        m = UNPREFIXED.matcher(text);
        if (m.matches()) {
            int major = number(m.group(1));
            if (m.group(9) != null) { // <major>.x-dev
                return new DrupalVersion(text, ABSENT, major, ABSENT, ABSENT, true, Stage.RELEASE, ABSENT, ABSENT);
            }
            int minor = number(m.group(2));
            boolean branch = m.group(4) != null;
            boolean devSuffix = m.group(8) != null;
            if (branch != devSuffix) { // 8.4.x needs -dev, 8.4.1-dev and 7.61-dev are not releases
                return null;
            }
            if (branch) {
                return new DrupalVersion(text, ABSENT, major, minor, ABSENT, true, Stage.RELEASE, ABSENT, ABSENT);
            }
            int patch = m.group(3) == null ? ABSENT : number(m.group(3));
            return withExtra(text, ABSENT, major, minor, patch, m.group(5), m.group(6), m.group(7));
        }
        return null;
    }

    private static DrupalVersion withExtra(
            String text,
            int core,
            int major,
            int minor,
            int patch,
            String stageName,
            String stageNumber,
            String stageSub) {
        if (stageName == null) {
            return new DrupalVersion(text, core, major, minor, patch, false, Stage.RELEASE, ABSENT, ABSENT);
        }
        return new DrupalVersion(
                text,
                core,
                major,
                minor,
                patch,
                false,
                Stage.valueOf(stageName.toUpperCase(java.util.Locale.ROOT)),
                number(stageNumber),
                stageSub == null ? ABSENT : number(stageSub));
    }

    private static int number(String digits) {
        return Integer.parseInt(digits);
    }

    private static String describeProblem(String text) {
        String shown = quote(text);
        String hint = "";
        if (text.isEmpty()) {
            hint = " The version is empty.";
        } else if (!text.equals(text.strip())) {
            hint = " Remove the spaces around it.";
        } else if (!text.equals(text.toLowerCase(java.util.Locale.ROOT))) {
            hint = " drupal.org versions are lower case (" + quote(text.toLowerCase(java.util.Locale.ROOT)) + ").";
        } else if (text.startsWith("v")) {
            hint = " Leave out the leading 'v'.";
        } else if (text.endsWith(".x")) {
            hint = " A development branch ends in -dev, e.g. " + text + "-dev.";
        } else if (text.matches(".*\\b0[0-9].*")) {
            hint = " Numbers have no leading zeros.";
        }
        return "Unknown or malformed version " + shown + ": expected a drupal.org release version such as "
                + ACCEPTED_FORMS + "." + hint;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(text.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > limit) {
            out.append("...");
        }
        return out.append('"').toString();
    }

    /** The core compatibility of a prefixed version: 6 for {@code 6.x-1.0-rc3}; empty for {@code 8.4.12}. */
    public OptionalInt coreMajor() {
        return core == ABSENT ? OptionalInt.empty() : OptionalInt.of(core);
    }

    /** The major version: 1 for {@code 6.x-1.0-rc3}, 4 for drush {@code 7.x-4.4}, 8 for {@code 8.4.12}. */
    public int major() {
        return major;
    }

    /**
     * The number after the major, when the version has one: 0 for {@code 6.x-1.0-rc3}; empty for
     * {@code 6.x-2.x-dev}.
     */
    public OptionalInt minor() {
        return minor == ABSENT ? OptionalInt.empty() : OptionalInt.of(minor);
    }

    /** The third number of a semantic version: 12 for {@code 8.4.12}; empty otherwise. */
    public OptionalInt patch() {
        return patch == ABSENT ? OptionalInt.empty() : OptionalInt.of(patch);
    }

    /** The extra part: {@code rc3} for {@code 6.x-1.0-rc3}, {@code dev} for development branches, else empty. */
    public Optional<String> extra() {
        if (dev) {
            return Optional.of("dev");
        }
        if (stage == Stage.RELEASE) {
            return Optional.empty();
        }
        String name = stage.name().toLowerCase(java.util.Locale.ROOT) + stageNumber;
        return Optional.of(stageSub == ABSENT ? name : name + "." + stageSub);
    }

    /** Whether this names a development branch ({@code -dev}) rather than a release. */
    public boolean isDev() {
        return dev;
    }

    /** Whether this is an alpha, beta, rc or unstable release. */
    public boolean isPreRelease() {
        return stage != Stage.RELEASE;
    }

    @Override
    public int compareTo(DrupalVersion other) {
        int[] mine = sortKey();
        int[] theirs = other.sortKey();
        for (int i = 0; i < mine.length; i++) {
            int c = Integer.compare(mine[i], theirs[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /**
     * [leading number, 0 if core-prefixed else 1, next number, the one after, stage, stage number, stage
     * sub-number]; a branch ({@code x}) is {@link #BRANCH}, an absent part {@link #ABSENT}.
     */
    private int[] sortKey() {
        if (core != ABSENT) {
            return new int[] {core, 0, major, dev ? BRANCH : minor, stage.ordinal(), stageNumber, stageSub};
        }
        if (dev && minor == ABSENT) {
            return new int[] {major, 1, BRANCH, BRANCH, stage.ordinal(), stageNumber, stageSub};
        }
        return new int[] {major, 1, minor, dev ? BRANCH : patch, stage.ordinal(), stageNumber, stageSub};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DrupalVersion && ((DrupalVersion) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The text as given to {@link #parse}. */
    @Override
    public String toString() {
        return text;
    }
}
