import io.github.aegirmaven.aegir.harness.ItSupport
import java.nio.file.Files

def it = // Offline, Maven may still resolve the plugin from the IT's file: repository (not from the network).
ItSupport.prepare(basedir, harnessBuildDirectory, [properties: ['aether.offline.protocols': 'file']])
// The cache as an earlier online run (or `mvn aegir:lock`) left it: <cache>/<project>/<project>-<version>.tar.gz
['drush-7.x-4.4', 'provision-6.x-1.0-rc3', 'drush_make-6.x-2.2'].each { name ->
    def project = name.substring(0, name.indexOf('-'))
    def target = it.cache.toPath().resolve(project).resolve(name + '.tar.gz')
    Files.createDirectories(target.parent)
    Files.copy(it.releases.toPath().resolve(name + '.tar.gz'), target)
}
ItSupport.saveSnapshot(basedir, 'setup')
return true
