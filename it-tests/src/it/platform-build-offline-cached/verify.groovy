import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Path

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def config = new File(basedir, '.mvn/maven.config').readLines()
def platforms = Path.of(config.find { it.startsWith('-Dit.platforms=') }.substring('-Dit.platforms='.length()))
def tree = { String name ->
    platforms.resolve(name + '.digest').toFile().readLines().find { it.startsWith('tree-sha256=') }
}

// Run 1 downloads each tarball once; run 2, offline, builds another platform from the cache alone.
log.run(1).expectSuccess().expect('Downloaded http://127.0.0.1:', 'Built platform ' + platforms.resolve('hostmaster'))
log.run(2).expectSuccess().expect('Built platform ' + platforms.resolve('hostmaster-offline'))
        .expectNot('Downloaded http', 'offline (-o)')
['drupal-6.38', 'hostmaster-6.x-1.0-rc3', 'views-6.x-2.16'].each {
    assert counts['/files/projects/' + it + '.tar.gz'] == 1 : counts
}
// The same lock gives the same tree.
assert tree('hostmaster') != null && tree('hostmaster') == tree('hostmaster-offline')
return true
