package io.github.aegirmaven.aegir.release;

import io.github.aegirmaven.aegir.core.UserFixableException;

/**
 * Nothing listens where the downloads go (the server or the proxy refused the connection): every other release
 * from the same place would fail the same way, so callers stop at the first instead of trying each release.
 */
public final class ServerRefusedException extends UserFixableException {

    private static final long serialVersionUID = 1L;

    ServerRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
