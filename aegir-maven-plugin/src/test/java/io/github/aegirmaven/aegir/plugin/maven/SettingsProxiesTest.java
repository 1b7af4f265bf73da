package io.github.aegirmaven.aegir.plugin.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.aegirmaven.aegir.release.ProxySpec;
import java.io.File;
import java.util.List;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.TrackableBase;
import org.apache.maven.settings.building.DefaultSettingsProblem;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;

/** settings.xml proxies: active ones only, in order, decrypted; one that cannot be decrypted says so. */
class SettingsProxiesTest {

    private static final String CIPHER = "{jSMOWnoPFgsHVpMvz5VrIt5kRbzGpI8u+9EF1iFQyJQ=}";
    private static final File USER = new File("/home/admin/.m2/settings.xml");
    private static final File GLOBAL = new File("/opt/maven/conf/settings.xml");

    /** Like Maven's decrypter without settings-security.xml: {...} passwords fail, others pass unchanged. */
    private static final SettingsDecrypter NO_MASTER_PASSWORD = request -> {
        Proxy proxy = request.getProxies().get(0).clone();
        List<SettingsProblem> problems = List.of();
        if (proxy.getPassword() != null && proxy.getPassword().startsWith("{")) {
            problems = List.of(new DefaultSettingsProblem(
                    "Failed to decrypt password for proxy " + proxy.getId() + ": "
                            + "java.io.FileNotFoundException: /root/.m2/settings-security.xml",
                    SettingsProblem.Severity.ERROR,
                    "proxies/proxy[" + proxy.getId() + "]/password",
                    -1,
                    -1,
                    null));
        } else if (proxy.getPassword() != null) {
            proxy.setPassword(proxy.getPassword().toUpperCase(java.util.Locale.ROOT)); // "decrypted"
        }
        Proxy result = proxy;
        List<SettingsProblem> found = problems;
        return new SettingsDecryptionResult() {
            @Override
            public Server getServer() {
                return null;
            }

            @Override
            public List<Server> getServers() {
                return List.of();
            }

            @Override
            public Proxy getProxy() {
                return result;
            }

            @Override
            public List<Proxy> getProxies() {
                return List.of(result);
            }

            @Override
            public List<SettingsProblem> getProblems() {
                return found;
            }
        };
    };

    private static Proxy proxy(String id, boolean active, String password, String level) {
        Proxy p = new Proxy();
        p.setId(id);
        p.setActive(active);
        p.setProtocol("http");
        p.setHost(id + ".example.com");
        p.setPort(3128);
        p.setUsername("u");
        p.setPassword(password);
        p.setNonProxyHosts("localhost");
        p.setSourceLevel(level);
        return p;
    }

    @Test
    void activeProxiesInOrderWithDecryptedPasswords() {
        Settings settings = new Settings();
        settings.addProxy(proxy("off", false, "x", TrackableBase.USER_LEVEL));
        settings.addProxy(proxy("corp", true, "plain", TrackableBase.USER_LEVEL));
        List<ProxySpec> proxies = SettingsProxies.active(settings, NO_MASTER_PASSWORD, USER, GLOBAL);
        assertThat(proxies).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("corp");
            assertThat(p.host()).isEqualTo("corp.example.com");
            assertThat(p.password()).isEqualTo("PLAIN");
            assertThat(p.nonProxyHosts()).isEqualTo("localhost");
            assertThat(p.passwordProblem()).isNull();
        });
    }

    @Test
    void aPasswordThatCannotBeDecryptedIsReportedNotUsed() {
        Settings settings = new Settings();
        settings.addProxy(proxy("corp", true, CIPHER, TrackableBase.USER_LEVEL));
        settings.addProxy(proxy("site", true, CIPHER, TrackableBase.GLOBAL_LEVEL));
        List<ProxySpec> proxies = SettingsProxies.active(settings, NO_MASTER_PASSWORD, USER, GLOBAL);
        assertThat(proxies).hasSize(2);
        ProxySpec user = proxies.get(0);
        assertThat(user.password()).isNull();
        assertThat(user.passwordProblem())
                .contains("<password> of <proxy> 'corp' in " + USER + " could not be decrypted")
                .contains("settings-security.xml")
                .doesNotContain(CIPHER);
        assertThat(proxies.get(1).passwordProblem()).contains("<proxy> 'site' in " + GLOBAL);
    }
}
