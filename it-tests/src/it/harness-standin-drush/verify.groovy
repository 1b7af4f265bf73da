import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot
import io.github.aegirmaven.aegir.harness.StandinDrush
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.nio.file.Files

// The build saw the IT's settings through .mvn/maven.config.
def config = new File(basedir, '.mvn/maven.config').readLines()
def sandbox = ItSupport.sandbox(basedir)
assert config.contains('-Daegir.home=' + sandbox.home())
assert config.any { it.startsWith('-Daegir.downloadUrl=http://127.0.0.1:') && it.endsWith('/files/projects/{project}-{version}.tar.gz') }
assert new File(basedir, 'aegir.lock').text.contains('provision 6.x-1.0-rc3 sha256:')
assert new File(basedir, 'build.log').text.contains('aegir:help')

// The release server of setup.groovy is still up and serves the locked tarball.
def server = ItSupport.server(basedir)
def response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(server.url('provision-6.x-1.0-rc3.tar.gz'))).build(),
        HttpResponse.BodyHandlers.ofByteArray())
assert response.statusCode() == 200
assert io.github.aegirmaven.aegir.harness.Sha256.of(response.body()) ==
        new File(basedir, 'aegir.lock').readLines().find { it.startsWith('provision 6.x-1.0-rc3 ') }.split(/\s+/)[2] - 'sha256:'

// A real hostmaster-migrate by the stand-in drush, as the aegir user, from the old platform.
def before = Sandbox.snapshot(sandbox.home())
assert before.crontab().get().contains(Sandbox.ADMIN_CRON_LINE)
def result = StandinDrush.of(sandbox).run('hostmaster-migrate', Sandbox.DOMAIN, sandbox.newPlatform().toString(), '-y')
println result
assert result.exitCode() == 0
assert Files.isRegularFile(sandbox.siteDir(sandbox.newPlatform()).resolve('settings.php'))
assert !Files.exists(sandbox.siteDir(sandbox.oldPlatform()))
def crontab = Host.readCrontab('aegir')
assert crontab.contains(sandbox.hostingDispatchLine() + "\n")
def diff = Snapshot.diff(before, Sandbox.snapshot(sandbox.home()))
assert diff.any { it.startsWith('removed ' + Sandbox.OLD_PLATFORM + '/sites/aegir.example.com/settings.php') }
assert diff.any { it.startsWith('added   ' + Sandbox.NEW_PLATFORM + '/sites/aegir.example.com/settings.php') }

def counts = ItSupport.finish(basedir)
assert counts.total == 1
assert counts['/files/projects/provision-6.x-1.0-rc3.tar.gz'] == 1
Sandbox.delete(sandbox.home())
Host.removeCrontab('aegir')
return true
