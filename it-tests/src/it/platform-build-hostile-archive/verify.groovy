import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Path

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def config = new File(basedir, '.mvn/maven.config').readLines()
def platform = Path.of(config.find { it.startsWith('-Daegir.platformDir=') }.substring('-Daegir.platformDir='.length()))

// The sum matched (the lock pins this very archive); the extractor refused it, naming the entry.
log.only().expectFailure().expect('Refusing to extract ', 'views-6.x-2.16.tar.gz: entry "views/escape')
        .expectNot('Built platform')
assert counts['/files/projects/views-6.x-2.16.tar.gz'] == 1
// Nothing written through the link, nothing left behind.
assert !new File('/tmp/aegir-hostile-through-symlink.txt').exists()
def parent = platform.parent.toFile()
assert !parent.exists() || parent.list().length == 0 : parent.list()
return true
