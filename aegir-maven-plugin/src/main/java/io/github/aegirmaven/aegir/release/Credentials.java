package io.github.aegirmaven.aegir.release;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password, e.g. from a {@code <server>} of settings.xml. {@link #toString} never shows
 * the password.
 */
public record Credentials(String username, String password) {

    public Credentials {
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
    }

    /** The value of an HTTP Basic {@code Authorization} or {@code Proxy-Authorization} header. */
    public String basicAuthorization() {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
