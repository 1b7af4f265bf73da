package io.github.aegirmaven.aegir.core;

/**
 * A problem the user can fix: a bad parameter, a checksum mismatch, an invalid make file, drush refusing.
 * The mojos turn it into a {@code MojoFailureException}; anything else becomes a
 * {@code MojoExecutionException}.
 *
 * <p>The message must name the parameter or file, what was expected, what was found, and what to do
 * next.
 */
public class UserFixableException extends Exception {

    private static final long serialVersionUID = 1L;

    public UserFixableException(String message) {
        super(message);
    }

    public UserFixableException(String message, Throwable cause) {
        super(message, cause);
    }
}
