package io.github.aegirmaven.aegir.plugin;

import io.github.aegirmaven.aegir.release.ProxySpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** settings.xml's active proxies, passwords decrypted, for the plugin's downloads and make file includes. */
final class SettingsProxies {

    private SettingsProxies() {}

    static List<ProxySpec> active(Settings settings, SettingsDecrypter decrypter) {
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
            proxies.add(new ProxySpec(
                    p.getProtocol(), p.getHost(), p.getPort(), p.getUsername(), p.getPassword(), p.getNonProxyHosts()));
        }
        return proxies;
    }
}
