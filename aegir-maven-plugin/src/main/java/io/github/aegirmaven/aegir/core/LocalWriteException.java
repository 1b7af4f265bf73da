package io.github.aegirmaven.aegir.core;

import java.io.IOException;

/**
 * A write to a local file failed, and the message already names the place and tells the administrator to check (or
 * free) the space there, so that a report of a full disk ({@link DiskFull#advice}) adds no advice of its own. The
 * type says so, not the message text.
 */
public class LocalWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    public LocalWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
