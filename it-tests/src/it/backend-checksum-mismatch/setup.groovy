import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Files

// Offline, Maven may still resolve the plugin from the IT's file: repository (not from the network).
def it = ItSupport.prepare(basedir, harnessBuildDirectory, [properties: ['aether.offline.protocols': 'file']])
// The good lock, as `mvn aegir:lock` wrote it, kept aside for run 2.
new File(basedir, 'aegir-corrected.lock').text = it.lockFile.text
// The lock pins another archive for drush_make 6.x-2.2 than the one the server has (as after a mistyped edit,
// an upstream repackaging, or a mirror serving something else): same size, other sum.
def lock = it.lockFile
lock.text = lock.text.replaceAll(/(drush_make 6\.x-2\.2 sha256:)[0-9a-f]{64}/, '$1' + '0123456789abcdef' * 4)
// drush_make's good archive is already in the cache, as an earlier online run left it.
def cached = it.cache.toPath().resolve('drush_make').resolve('drush_make-6.x-2.2.tar.gz')
Files.createDirectories(cached.parent)
Files.copy(it.releases.toPath().resolve('drush_make-6.x-2.2.tar.gz'), cached)
ItSupport.saveSnapshot(basedir, 'setup')
ItSupport.snapshotBeforeEachRun(basedir)
return true
