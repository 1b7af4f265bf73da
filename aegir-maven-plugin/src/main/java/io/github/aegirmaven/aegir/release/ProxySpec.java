package io.github.aegirmaven.aegir.release;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An HTTP proxy as settings.xml describes one. {@link #toString} never shows the password.
 *
 * @param protocol the URL scheme it serves, {@code http} or {@code https} (settings.xml {@code <protocol>};
 *     an {@code http} proxy also serves https URLs when no {@code https} proxy is given, as Maven does)
 * @param host the proxy's host
 * @param port the proxy's port
 * @param username a user name for the proxy, or {@code null}
 * @param password its password, or {@code null}
 * @param nonProxyHosts hosts reached directly, separated by {@code |} (as Maven, not by {@code ,}); {@code *} is a
 *     wildcard, e.g. {@code localhost|*.example.com}; case-insensitive; may be {@code null}
 * @param id the settings.xml {@code <id>}, for messages; may be {@code null}
 * @param passwordProblem why the password could not be decrypted (settings-security.xml), naming the proxy and
 *     the settings file; {@code null} when it could. A download through such a proxy is refused with this.
 */
public record ProxySpec(
        String protocol,
        String host,
        int port,
        String username,
        String password,
        String nonProxyHosts,
        String id,
        String passwordProblem) {

    /** A proxy with no settings.xml id whose password, if any, is plain. */
    public ProxySpec(String protocol, String host, int port, String username, String password, String nonProxyHosts) {
        this(protocol, host, port, username, password, nonProxyHosts, null, null);
    }

    public ProxySpec {
        protocol = protocol == null || protocol.isBlank()
                ? "http"
                : protocol.trim().toLowerCase(Locale.ROOT);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("A proxy in settings.xml has no <host>");
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("Proxy " + host + " has port " + port + ": expected 1 to 65535");
        }
    }

    /** A proxy without credentials or exceptions. */
    public static ProxySpec of(String protocol, String host, int port) {
        return new ProxySpec(protocol, host, port, null, null, null);
    }

    /** The proxy's credentials, when it has a user name. */
    public Optional<Credentials> credentials() {
        return username == null || username.isEmpty()
                ? Optional.empty()
                : Optional.of(new Credentials(username, password));
    }

    /** Whether {@code nonProxyHosts} says to reach the host directly. */
    public boolean bypasses(String targetHost) {
        if (nonProxyHosts == null || targetHost == null) {
            return false;
        }
        // as Maven's resolver (DefaultProxySelector): patterns separated by "|" (spaces around it ignored), "*" any
        // characters, case-insensitive, the whole host name matched; a "," separates nothing
        for (String pattern : nonProxyHosts.split("\\|")) {
            String trimmed = pattern.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            List<String> literals = new ArrayList<>();
            for (String literal : trimmed.split("\\*", -1)) {
                literals.add(Pattern.quote(literal));
            }
            String finalRegex = String.join(".*", literals);
            if (Pattern.compile(finalRegex, Pattern.CASE_INSENSITIVE)
                    .matcher(targetHost)
                    .matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The proxy to use for a URL, as Maven chooses it: the first proxy for the URL's scheme whose
     * {@code nonProxyHosts} does not name the host; for https, else the first such http proxy. Empty: connect
     * directly. {@code file:} URLs never use a proxy.
     */
    public static Optional<ProxySpec> choose(List<ProxySpec> proxies, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        List<ProxySpec> candidates = new ArrayList<>();
        for (ProxySpec proxy : proxies) {
            if (!proxy.bypasses(uri.getHost())) {
                candidates.add(proxy);
            }
        }
        Optional<ProxySpec> exact =
                candidates.stream().filter(p -> p.protocol().equals(scheme)).findFirst();
        if (exact.isPresent() || !scheme.equals("https")) {
            return exact;
        }
        return candidates.stream().filter(p -> p.protocol().equals("http")).findFirst();
    }

    /** {@code host:port}, for messages. */
    public String address() {
        return host + ":" + port;
    }

    /** How messages name it: {@code proxy 'id' (host:port)}, or {@code proxy host:port} without an id. */
    public String describe() {
        return id == null || id.isBlank() ? "proxy " + address() : "proxy '" + id + "' (" + address() + ")";
    }

    @Override
    public String toString() {
        return "ProxySpec[" + protocol + "://" + address()
                + (username == null || username.isEmpty() ? "" : ", username=" + username + ", password=****")
                + (nonProxyHosts == null ? "" : ", nonProxyHosts=" + nonProxyHosts)
                + (id == null ? "" : ", id=" + id) + "]";
    }
}
