import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)
def base = basedir.toPath().toAbsolutePath().normalize()

// 1. Skipped although platformDir is not set (it is not a required parameter: Maven does not refuse first).
log.run(1).expectSuccess().expect('Skipping platform-build: aegir.skip is true.')
// 2. Not set: refused by the goal, naming the parameter, not by Maven's generic "parameters … are missing".
log.run(2).expectFailure()
        .expect('platformDir (-Daegir.platformDir) is not set', '-Daegir.platformDir=/var/aegir/platforms/drupal-6.38')
        .expectNot('are missing or invalid')
// 3. Relative: taken from the directory Maven started in; its missing parent is refused, not created.
log.run(3).expectFailure().expect('platformDir (-Daegir.platformDir) ' + base.resolve('nosuchdir/y/pe')
        + ' cannot be built: its parent ' + base.resolve('nosuchdir/y') + ' does not exist.')
assert !new File(basedir, 'nosuchdir').exists()
// 4. No locked make file: lockedMakefile named, and how to write it.
log.run(4).expectFailure().expect('lockedMakefile (-Daegir.lockedMakefile) ' + base.resolve('missing.lock.make')
        + ': expected the locked make file to build the platform from, but it does not exist.',
        'Write it with `mvn aegir:makefile-lock -Daegir.makefile=platform.make`')
        .expectNot('makefile (aegir.makefile)', 'Point it at the make file')
// 5. A lock without a core project: add one to the make file (locking the same make file again cannot help).
log.run(5).expectFailure().expect('contrib.lock.make has no core project, but a platform needs exactly one',
        'Add the core project to that make file (e.g. projects[drupal][version] = 6.38)')
        .expectNot('do not edit the locked make file by hand')

assert counts.total == 0 : counts
['plat', 'plat.digest'].each { assert !new File(basedir, it).exists() }
return true
