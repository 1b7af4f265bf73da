package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.BuildLog;

/** A BuildLog printing to stdout, for the child JVMs of the drush tests. Test support. */
final class StdoutLog implements BuildLog {
    @Override
    public void debug(String message) {}

    @Override
    public void info(String message) {
        print("INFO " + message);
    }

    @Override
    public void warn(String message) {
        print("WARN " + message);
    }

    @Override
    public void error(String message) {
        print("ERROR " + message);
    }

    private static synchronized void print(String s) {
        System.out.println(s);
        System.out.flush();
    }
}
