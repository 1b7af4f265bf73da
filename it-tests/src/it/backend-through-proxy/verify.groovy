import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.HttpsAndProxy
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import io.github.aegirmaven.aegir.harness.Sandbox
import java.time.Duration

// Issue #13, item 1: releases from an https server, through a settings.xml proxy that wants a user name and a
// password. The JDK's own HTTP clients refuse Basic for the CONNECT tunnel unless a JVM-wide property is changed;
// the plugin answers the proxy itself. The https front's certificate is made for this test and trusted through the
// JVM's ordinary trust store option (MAVEN_OPTS), as an administrator would trust a corporate authority.
def proxyPassword = 'Corp-Proxy-Secret-3vX'
def server = ItSupport.server(basedir)
def front = new HttpsAndProxy(new File(basedir, 'target/tls').toPath(), server, 'proxyuser', proxyPassword)
def settingsFor = { String name, String password, String extra ->
    def file = new File(basedir, name)
    file.text = new File(itSettingsFile).text
            .replace('@localRepositoryUrl@', new File(outerLocalRepository).toURI().toString())
            .replace('<profiles>', """<proxies>
    <proxy><id>office</id><active>true</active><protocol>https</protocol><host>127.0.0.1</host>
      <port>${front.proxyPort()}</port><username>proxyuser</username><password>${password}</password>${extra}</proxy>
  </proxies>
  <profiles>""")
    return file
}
def mvn = { File settings, String goal, Map properties = [:] ->
    def run = MavenRun.in(basedir.toPath()).settings(settings.toPath()).localRepository(localRepositoryPath.toPath())
            .env('MAVEN_OPTS', front.mavenOpts())
            .goals("io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:${goal}".toString())
            .property('aegir.downloadUrl', front.httpsUrlTemplate())
    properties.each { k, v -> run.property(k, v) }
    return run.logTo(new File(basedir, "${goal}-${settings.name}.log").toPath()).run(Duration.ofMinutes(3))
}
def home = ItSupport.sandbox(basedir).home()
def port = front.proxyPort()
try {
    // 1. A wrong password: the failure names the proxy (id and host:port), not the release server, and never the
    // password; nothing is downloaded.
    def wrong = mvn(settingsFor('wrong-settings.xml', 'not-the-password', ''), 'lock')
    assert !wrong.succeeded() : wrong
    assert wrong.output().contains("proxy 'office' (127.0.0.1:${port}) answered 407") : wrong.output()
    assert wrong.output().contains("The proxy (not the release server) refused the <username> and <password> of"
            + " its <proxy> entry 'office' in settings.xml")
    assert !wrong.output().contains('not-the-password')
    assert front.seen().every { it.requestLine().startsWith('CONNECT 127.0.0.1:') }
    assert server.totalRequests() == 0

    // 2. An encrypted password without settings-security.xml: reported, naming the proxy and the settings file; the
    // ciphertext is never sent as the password.
    def seenBefore = front.seen().size()
    def cipher = '{jSMOWnoPFgsHVpMvz5VrIt5kRbzGpI8u+9EF1iFQyJQ=}'
    def encrypted = settingsFor('encrypted-settings.xml', cipher, '')
    def undecryptable = mvn(encrypted, 'lock', ['settings.security': new File(basedir, 'no-such-security.xml').path])
    assert !undecryptable.succeeded() : undecryptable
    assert undecryptable.output().contains("the <password> of <proxy> 'office' in ${encrypted.path} could not be"
            + " decrypted") : undecryptable.output()
    assert front.seen().size() == seenBefore : 'the proxy was contacted with an undecryptable password'

    // 3. The right password: the backend is upgraded with releases that came through the tunnel.
    def right = mvn(settingsFor('right-settings.xml', proxyPassword, ''), 'backend-upgrade')
    assert right.succeeded() : right
    assert right.output().contains('Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2')
    def tunnels = front.seen().drop(seenBefore)
    assert tunnels.size() == 3 : tunnels
    assert tunnels.every { it.requestLine() ==~ /CONNECT 127\.0\.0\.1:\d+ HTTP\/1\.1/ }
    def basic = io.github.aegirmaven.aegir.harness.ReleaseServer.basic('proxyuser', proxyPassword)
    assert tunnels.every { it.proxyAuthorization() == basic }
    assert server.requestCount('drush-7.x-4.4.tar.gz') == 1
    assert server.lastRequestHeaders('drush-7.x-4.4.tar.gz')['proxy-authorization'] == null
    assert !right.output().contains(proxyPassword)

    // 4. nonProxyHosts names the server: it is reached directly, the proxy sees nothing (a fresh cache, so that the
    // releases are downloaded again).
    def seenBeforeDirect = front.seen().size()
    def bypass = '<nonProxyHosts>localhost|127.0.0.*</nonProxyHosts>'
    def direct = mvn(settingsFor('direct-settings.xml', proxyPassword, bypass),
            'lock', ['aegir.cacheDirectory': new File(basedir, 'direct-cache').path])
    assert direct.succeeded() : direct
    assert front.seen().size() == seenBeforeDirect
    assert server.requestCount('drush-7.x-4.4.tar.gz') == 2
} finally {
    front.close()
}

ItSupport.finish(basedir)
Sandbox.delete(home)
Host.removeCrontab('aegir')
return true
