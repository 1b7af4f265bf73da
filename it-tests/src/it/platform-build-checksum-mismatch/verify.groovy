import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Path

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def config = new File(basedir, '.mvn/maven.config').readLines()
def platform = Path.of(config.find { it.startsWith('-Daegir.platformDir=') }.substring('-Daegir.platformDir='.length()))
def views = new File(basedir, 'platform-releases/views-6.x-2.16.tar.gz')
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(views.bytes).encodeHex().toString()

// The server sent a different body: the sum the lock records is not the one received.
log.only().expectFailure().expect(
        'Checksum sha256 verification failed for http://127.0.0.1:',
        '/files/projects/views-6.x-2.16.tar.gz (project views): expected ' + sha + ', received ',
        'Nothing was built')
        .expectNot('Built platform')
assert counts['/files/projects/views-6.x-2.16.tar.gz'] == 1

// Nothing left behind: no platform, no staging directory, no record; nothing cached for views.
def parent = platform.parent.toFile()
assert !parent.exists() || parent.list().length == 0 : parent.list()
def cached = []
new File(basedir, 'aegir-cache').eachFileRecurse { if (it.isFile()) cached << it.name }
assert !cached.any { it.contains('views') } : cached
return true
