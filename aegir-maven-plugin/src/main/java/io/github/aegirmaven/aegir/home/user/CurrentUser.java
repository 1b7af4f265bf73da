package io.github.aegirmaven.aegir.home.user;

/**
 * Who the JVM runs as: its user name and whether it is root. Passed to the parts that act differently
 * for root (through {@code su}) and for the aegir user (directly), so that the refusal of any other user
 * can be tested without being that user.
 */
public record CurrentUser(String name, boolean root) {

    /** The user running this JVM. */
    public static CurrentUser detect() {
        return new CurrentUser(Ownership.currentUserName(), Ownership.isRoot());
    }

    /** Whether this is the given (aegir) user. */
    public boolean is(String userName) {
        return name.equals(userName);
    }
}
