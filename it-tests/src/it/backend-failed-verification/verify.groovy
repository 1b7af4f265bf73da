import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport

def log = ItLog.of(basedir)
def home = ItSupport.sandbox(basedir).home()
def counts = ItSupport.finish(basedir)

// The swap happened, the new drush was run as aegir, failed, and the old backend went back.
log.only().expectFailure().expect(
        'Moved the old backend into',
        "Running (cd ${home} && php ${home}/drush/drush.php --php=php --version) as aegir",
        'Call to undefined function aegir_harness_broken_release_calls_an_undefined_function()',
        "Checking the new drush (drush 7.x-4.4 in ${home}/drush) with drush --version failed: PHP stopped with a fatal error (exit code 255; the PHP error is below).",
        "PHP's and drush's errors in its output:",
        'The old backend was put back; nothing else was changed.',
        'Fix the cause shown above (the PHP binary, php or -Daegir.php, or the release pinned by drushVersion, -Daegir.drushVersion) and run again.',
        'The new backend failed its check; the old one is back in place.')
assert counts.total == 3

// All or nothing: drush 4.2, provision rc2 and drush_make 2.1 are back, and nothing else is left.
assert new File(home.toFile(), 'drush/drush.info').text.contains('drush_version=4.2')
ItSupport.assertHomeUnchangedSince(basedir, 'setup', 'The rolled back run')
return true
