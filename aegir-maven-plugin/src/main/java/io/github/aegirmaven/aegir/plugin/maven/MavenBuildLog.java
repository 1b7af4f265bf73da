package io.github.aegirmaven.aegir.plugin.maven;

import io.github.aegirmaven.aegir.core.BuildLog;
import org.apache.maven.plugin.logging.Log;

/** Adapts Maven's {@link Log} to the services' {@link BuildLog}, so {@code -q} and {@code -X} are respected. */
public final class MavenBuildLog implements BuildLog {

    private final Log log;

    public MavenBuildLog(Log log) {
        this.log = log;
    }

    @Override
    public void debug(String message) {
        log.debug(message);
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public boolean isInfoEnabled() {
        return log.isInfoEnabled();
    }
}
