import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def counts = ItSupport.finish(basedir)

// The pom's <aegirVersion>6.x-1.0-rc3</aegirVersion> would win over -Daegir.version=6.x-1.0-rc2: refused, with
// both values and the fix, before the plan, any download or any change.
log.run(1).expectFailure().expect(
        'The command line and the pom disagree, and in batch mode (-B) the build does not guess which one was meant;'
                + ' nothing was changed.',
        '-Daegir.version=6.x-1.0-rc2 is ignored: the pom sets aegirVersion to 6.x-1.0-rc3 in the plugin\'s'
                + ' <configuration>, which Maven puts before the command line, so this build would use 6.x-1.0-rc3.',
        '(<properties><aegir.version>6.x-1.0-rc3</aegir.version></properties>)',
        '(<aegirVersion>${aegir.version}</aegirVersion>, or leave <aegirVersion> out), so that -Daegir.version wins;'
                + ' or drop -Daegir.version from the command line.')
        .expectNot('Downloading drush', 'Downloading provision', 'the pom sets timeout', 'the pom sets aegirHome',
                'the pom sets assumeYes', 'Aegir upgrade plan')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The refused upgrade')
assert counts.total == 0 : "${counts}"

// Agreeing values (the same version; 1800s for the pom's 30m; the harness's -Daegir.home and friends, which the pom
// does not set) are no conflict.
log.run(2).expectSuccess().expect('6.x-1.0-rc3').expectNot('is ignored', 'disagree')

// makefile-lock and platform-build check the command line as every other goal does.
log.run(3).expectFailure().expect('-Daegir.lockedMakefile=elsewhere.lock.make is ignored: the pom sets lockedMakefile')
        .expectNot('Fetching', 'release history')
assert !new File(basedir, 'elsewhere.lock.make').exists() && !new File(basedir, 'platform.lock.make').exists()
return true
