import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def cache = new File(basedir, 'aegir-cache').canonicalFile
def counts = ItSupport.finish(basedir)

log.only().expectFailure().expect(
        'Maven is offline (-o), and release drush 7.x-4.4 is not in the cache',
        "(expected ${cache}/drush/drush-7.x-4.4.tar.gz)",
        'Run once without -o, or run `mvn aegir:lock` online, to download it; after that -o works.')
        .expectNot('Downloading drush')

assert counts.total == 0 : "offline, yet the server got requests: ${counts}"
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The failed run')
return true
