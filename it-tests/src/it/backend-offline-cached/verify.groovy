import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Snapshot

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
def counts = ItSupport.finish(basedir)

log.only().expectSuccess().expect(
        'Backend upgraded to drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2',
        'Verified: drush 4.4 runs as aegir and finds provision 6.x-1.0-rc3.')
        .expectNot('Downloading drush', 'Downloading provision', 'Downloaded http')
assert counts.total == 0 : "offline, yet the server got requests: ${counts}"
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.4')
assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('version = "6.x-1.0-rc3"')
assert new File(home.toFile(), '.drush/drush_make/drush_make.drush.inc').text.contains("return '2.2'")
def diff = ItSupport.diffSince(basedir, 'setup')
assert diff.any { it.startsWith('changed drush/drush.info') }
assert !diff.any { it.startsWith('crontab') }
return true
