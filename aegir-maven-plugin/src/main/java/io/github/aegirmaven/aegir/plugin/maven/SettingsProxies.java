package io.github.aegirmaven.aegir.plugin.maven;

import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.TrackableBase;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * settings.xml's active proxies, as Maven takes them (only {@code <active>} ones, in order; {@link ProxySpec#choose}
 * then picks one per URL by protocol and {@code nonProxyHosts}, as Maven's proxy selector does), passwords
 * decrypted. A password Maven's decrypter cannot decrypt (settings-security.xml missing, or its master password
 * wrong) is not used as if it were the password: the proxy carries the problem, naming its id and the settings file,
 * and a download through it is refused with that.
 */
final class SettingsProxies {

    private SettingsProxies() {}

    /** The session's active proxies, a password that cannot be decrypted named with its settings file. */
    static List<ProxySpec> active(MavenSession session, SettingsDecrypter decrypter) {
        return active(
                session.getSettings(),
                decrypter,
                session.getRequest().getUserSettingsFile(),
                session.getRequest().getGlobalSettingsFile());
    }

    /**
     * @param userSettings the user settings.xml ({@code -s}), for messages; may be null
     * @param globalSettings the global settings.xml ({@code -gs}), for messages; may be null
     */
    static List<ProxySpec> active(
            Settings settings, SettingsDecrypter decrypter, File userSettings, File globalSettings) {
        List<ProxySpec> proxies = new ArrayList<>();
        if (settings == null) {
            return proxies;
        }
        for (Proxy proxy : settings.getProxies()) {
            if (!proxy.isActive()) {
                continue;
            }
            SettingsDecryptionResult r = decrypter.decrypt(new DefaultSettingsDecryptionRequest(proxy));
            Proxy p = r.getProxy() != null ? r.getProxy() : proxy;
            String problem = null;
            if (!r.getProblems().isEmpty()) {
                File file = TrackableBase.GLOBAL_LEVEL.equals(proxy.getSourceLevel()) ? globalSettings : userSettings;
                problem = problem(proxy, r.getProblems().get(0), file);
            }
            proxies.add(new ProxySpec(
                    p.getProtocol(),
                    p.getHost(),
                    p.getPort(),
                    p.getUsername(),
                    problem == null ? p.getPassword() : null,
                    p.getNonProxyHosts(),
                    proxy.getId(),
                    problem));
        }
        return proxies;
    }

    private static String problem(Proxy proxy, SettingsProblem problem, File file) {
        String why = problem.getMessage() == null ? "no reason given" : problem.getMessage();
        if (proxy.getPassword() != null && !proxy.getPassword().isEmpty()) {
            why = why.replace(proxy.getPassword(), "****");
        }
        return "the <password> of <proxy> '" + proxy.getId() + "' in " + (file == null ? "settings.xml" : file)
                + " could not be decrypted (" + why + "). It looks encrypted ({...}), so Maven needs the master"
                + " password from settings-security.xml (~/.m2/settings-security.xml, or -Dsettings.security=FILE):"
                + " check that file exists and holds the master password the proxy password was encrypted with"
                + " (mvn --encrypt-password), or put the password there in plain text.";
    }
}
