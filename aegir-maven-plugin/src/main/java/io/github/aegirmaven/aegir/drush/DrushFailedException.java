package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.core.UserFixableException;

/** drush ended with an error, or was killed at the timeout: the message says which, with its last lines. */
public class DrushFailedException extends UserFixableException {

    private static final long serialVersionUID = 1L;

    private final transient DrushResult result;

    public DrushFailedException(String what, DrushResult result) {
        super(result.failureMessage(what));
        this.result = result;
    }

    public DrushResult result() {
        return result;
    }
}
