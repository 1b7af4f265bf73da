import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def config = new File(basedir, '.mvn/maven.config').readLines()
def platform = Path.of(config.find { it.startsWith('-Daegir.platformDir=') }.substring('-Daegir.platformDir='.length()))
def owner = config.find { it.startsWith('-Daegir.user=') }.substring('-Daegir.user='.length())

// Run 1 builds it, every download verified; run 2 finds it built from the same lock, unchanged.
log.run(1).expectSuccess().expect('Built platform ' + platform, 'every download verified; tree sha256 ')
log.run(2).expectSuccess().expect('Platform ' + platform + ' is already built from platform.lock.make', 'nothing to do.')
        .expectNot('Downloaded ', 'Built platform')
['drupal-6.38', 'hostmaster-6.x-1.0-rc3', 'views-6.x-2.16'].each {
    assert counts['/files/projects/' + it + '.tar.gz'] == 1 : counts
}

// As drush make lays it out: core at the root, the profile in profiles/, the module in sites/all/modules/contrib.
assert Files.isRegularFile(platform.resolve('index.php'))
assert Files.isRegularFile(platform.resolve('includes/bootstrap.inc'))
assert Files.isRegularFile(platform.resolve('profiles/hostmaster/modules/hosting/hosting.info'))
assert Files.isRegularFile(platform.resolve('sites/all/modules/contrib/views/views.module'))
def mode = { Path p -> PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) }
assert mode(platform) == 'rwxr-xr-x'
assert mode(platform.resolve('sites/all/modules/contrib')) == 'rwxr-xr-x'
assert mode(platform.resolve('profiles/hostmaster/modules')) == 'rwxr-xr-x'
assert mode(platform.resolve('index.php')) == 'rw-r--r--'
assert mode(platform.resolve('scripts/drupal.sh')) == 'rwxr-xr-x'
// Owned by the aegir user (as root), or by the user who ran the build.
Files.walk(platform).withCloseable { paths ->
    paths.each { assert Files.getOwner(it, LinkOption.NOFOLLOW_LINKS).name == owner : it }
}

// The digest is recorded beside the platform, outside the Drupal root; no staging directory is left.
def record = platform.resolveSibling('hostmaster.digest')
assert record.toFile().text.contains('lock-sha256=')
def digest = record.toFile().readLines().find { it.startsWith('tree-sha256=') }.substring('tree-sha256='.length())
assert log.run(1).text().contains('tree sha256 ' + digest)
assert platform.parent.toFile().list().sort() == ['hostmaster', 'hostmaster.digest']
return true
