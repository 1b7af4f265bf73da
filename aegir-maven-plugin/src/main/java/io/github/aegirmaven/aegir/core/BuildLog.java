package io.github.aegirmaven.aegir.core;

/**
 * Where the Maven-free services report progress. The mojos adapt Maven's {@code Log} to it; tests use
 * {@link #collecting} or {@link #NONE}.
 */
public interface BuildLog {

    void debug(String message);

    void info(String message);

    void warn(String message);

    void error(String message);

    default boolean isDebugEnabled() {
        return false;
    }

    /** False when Maven runs quietly ({@code -q}): info lines, the plan among them, are not shown. */
    default boolean isInfoEnabled() {
        return true;
    }

    /** A log that drops everything (so info lines, as under {@code -q}, are not shown). */
    BuildLog NONE = new BuildLog() {
        @Override
        public void debug(String message) {}

        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}

        @Override
        public void error(String message) {}

        @Override
        public boolean isInfoEnabled() {
            return false;
        }
    };

    /** A log that appends {@code LEVEL message} lines to the given list; for tests. */
    static BuildLog collecting(java.util.List<String> lines) {
        return new BuildLog() {
            @Override
            public void debug(String message) {
                lines.add("DEBUG " + message);
            }

            @Override
            public void info(String message) {
                lines.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }

            @Override
            public void error(String message) {
                lines.add("ERROR " + message);
            }

            @Override
            public boolean isDebugEnabled() {
                return true;
            }
        };
    }
}
