package io.github.aegirmaven.aegir.core;

import java.util.List;

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

    /** The separate problems this one reports together; just the message when it is one problem. */
    private final List<String> problems;

    public UserFixableException(String message) {
        super(message);
        this.problems = one(message);
    }

    public UserFixableException(String message, Throwable cause) {
        super(message, cause);
        this.problems = one(message);
    }

    /** Several problems reported together in {@code message}, each kept for a caller that adds more. */
    public UserFixableException(String message, List<String> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    private static List<String> one(String message) {
        return message == null ? List.of() : List.of(message);
    }

    /** Each problem this exception reports: one, or the several it lists. */
    public List<String> problems() {
        return problems;
    }
}
