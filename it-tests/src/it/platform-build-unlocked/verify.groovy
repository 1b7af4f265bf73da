import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Path

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def config = new File(basedir, '.mvn/maven.config').readLines()
def platform = Path.of(config.find { it.startsWith('-Daegir.platformDir=') }.substring('-Daegir.platformDir='.length()))

log.only().expectFailure().expect(
        'platform.lock.make: project views is not locked: [download] has no [sha256] for http://127.0.0.1:',
        'so the download cannot be verified. Run mvn aegir:makefile-lock to lock it.')
// Refused before anything was downloaded or written.
assert counts.total == 0 : counts
assert !platform.parent.toFile().exists() || platform.parent.toFile().list().length == 0
return true
