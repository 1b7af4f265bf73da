// platformDir and lockedMakefile left out of .mvn/maven.config; contrib.lock.make: the lock without its core
import io.github.aegirmaven.aegir.harness.PlatformFixtures

PlatformFixtures.prepare(basedir, [properties: ['aegir.platformDir': null, 'aegir.lockedMakefile': null]])
def lock = new File(basedir, 'platform.lock.make')
new File(basedir, 'contrib.lock.make').text =
        lock.readLines().findAll { !it.startsWith('projects[drupal]') }.join('\n') + '\n'
['nosuchdir', 'plat', 'plat.digest'].each { assert !new File(basedir, it).exists() }
return true
