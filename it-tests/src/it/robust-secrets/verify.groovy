import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.MavenRun
import io.github.aegirmaven.aegir.harness.ReleaseServer
import io.github.aegirmaven.aegir.harness.Sandbox
import java.nio.file.Files
import java.time.Duration

// No secrets in logs. The releases come through an HTTP proxy that wants a password and from a
// server that wants one (both in settings.xml, the server named by -Daegir.serverId); Maven runs with -X, so drush
// runs --verbose and prints the database credentials of @server_master and @hostmaster. None of the secrets may
// reach the Maven log or any file the build writes (reports, the plugin's state, the backup set).
def proxyPassword = 'Proxy-Secret-4f9Xq'
def serverPassword = 'Server-Secret-8kP2w'
def secrets = [proxyPassword, serverPassword, Sandbox.FAKE_DB_PASSWORD,
               ReleaseServer.basic('proxyuser', proxyPassword) - 'Basic ', ReleaseServer.basic('releases', serverPassword) - 'Basic ']

def server = ItSupport.server(basedir)
server.requireCredentials('releases', serverPassword).requireProxyCredentials('proxyuser', proxyPassword)
def settings = new File(basedir, 'secret-settings.xml')
settings.text = new File(itSettingsFile).text
        .replace('@localRepositoryUrl@', new File(outerLocalRepository).toURI().toString())
        .replace('<profiles>', """<proxies>
    <proxy><id>office</id><active>true</active><protocol>http</protocol><host>127.0.0.1</host><port>${server.port()}</port>
      <username>proxyuser</username><password>${proxyPassword}</password></proxy>
  </proxies>
  <servers>
    <server><id>drupal-mirror</id><username>releases</username><password>${serverPassword}</password></server>
  </servers>
  <profiles>""")

def start = System.currentTimeMillis() - 2000
def result = MavenRun.in(basedir.toPath()).settings(settings.toPath()).localRepository(localRepositoryPath.toPath())
        .goals('-X', "io.github.aegirmaven:aegir-maven-plugin:${pluginVersion}:upgrade".toString())
        .property('aegir.serverId', 'drupal-mirror')
        .logTo(new File(basedir, 'secrets.log').toPath()).run(Duration.ofMinutes(3))
assert result.succeeded() : result
def out = result.output()

// The secrets were really in play: through the proxy, with both credentials, and drush printed credentials (masked).
assert server.proxiedRequests() == 3 : "requests through the proxy: ${server.proxiedRequests()}"
def headers = server.lastRequestHeaders('drush-7.x-4.4.tar.gz')
assert headers['proxy-authorization'] == [ReleaseServer.basic('proxyuser', proxyPassword)]
assert headers['authorization'] == [ReleaseServer.basic('releases', serverPassword)]
assert out.contains("[drush]   'db_passwd' => '****',") : 'drush did not print the (masked) database password'
assert out.contains("[drush]   'master_db' => 'mysql://aegir_root:****@localhost',")
// ... in each form drush prints them: a PHP array (above, with a URL), a drushrc line, JSON (escaped slashes too)
assert out.contains("[drush]   \$options['db_passwd'] = '****';")
assert out.contains('"db_passwd":"****"') && out.contains('"master_db":"mysql:\\/\\/aegir_root:****@localhost"')
// The full drush logs of the build (target/aegir), among the files checked below, hold the same lines masked.
def drushLogs = new File(basedir, 'target/aegir').listFiles().findAll { it.name ==~ /drush-.*\.log/ }
assert drushLogs.any { it.name.endsWith('-hostmaster-migrate.log') } : drushLogs*.name
assert drushLogs.find { it.name.endsWith('-hostmaster-migrate.log') }.text.contains("'db_passwd' => '****',")

// None of them anywhere: the log, and every file the build wrote in the project (its lock file, its cache...), the
// plugin's state and the backup sets. (This test's settings file holds two of them on purpose; the site's
// settings.php, drushrc.php and aliases hold the database password as Aegir keeps it.)
def leaks = []
secrets.each { secret -> if (out.contains(secret)) leaks << "the Maven log contains ${secret}" }
def home = ItSupport.sandbox(basedir).home().toFile()
def written = []
basedir.eachFileRecurse { f -> if (f.file && f.lastModified() >= start && f.name != 'secret-settings.xml') written << f }
new File(home, '.aegir-maven-plugin').eachFileRecurse { written << it }
home.eachDirMatch(~/pre-upgrade-.*/) { set -> set.eachFileRecurse { if (it.file) written << it } }
written.findAll { it.file }.each { f ->
    def text = new String(Files.readAllBytes(f.toPath()), 'ISO-8859-1')
    secrets.each { secret -> if (text.contains(secret)) leaks << "${f} contains ${secret}" }
}
println "Checked the log and ${written.size()} files for ${secrets.size()} secrets: ${leaks.isEmpty() ? 'none found' : leaks}"
assert leaks.isEmpty() : leaks.join('\n')

ItSupport.finish(basedir)
Sandbox.delete(home.toPath())
Host.removeCrontab('aegir')
return true
