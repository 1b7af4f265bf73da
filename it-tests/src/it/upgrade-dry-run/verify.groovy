import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def sandbox = ItSupport.sandbox(basedir)
def home = sandbox.home()
def old = sandbox.oldPlatform()
def now = sandbox.newPlatform()
def counts = ItSupport.finish(basedir)

// The plan, what the backend upgrade would do, every frontend check, the exact drush command; the backend is
// still the old one, which a dry run of the migration alone would refuse, but here the upgrade would do it first.
log.only().expectSuccess().expect(
        "Aegir upgrade plan for ${home} (as aegir):",
        'drush: 4.2 -> 7.x-4.4',
        '[dry run] verified drush-7.x-4.4.tar.gz (sha256 ',
        "hostmaster-migrate: aegir.example.com from ${old} to ${now}",
        "[dry run] would run: (cd ${old} && php ${home}/drush/drush.php --php=php hostmaster-migrate aegir.example.com ${now} -y)",
        '  backend:  not run (dry run; the plan above says what it would do)',
        '  frontend: not run (dry run)',
        '  nothing changed (dry run)')
        .expectNot('upgrade the backend first', 'Staged', 'Moved')
// A dry run resolves and verifies every release as the real run would: into the release cache, never the home.
assert counts.total == 3 : "each release once: ${counts}"

ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The dry run')
return true
