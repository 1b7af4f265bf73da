import io.github.aegirmaven.aegir.harness.ItLog

def log = ItLog.of(basedir)
log.only().expectFailure().expect('Could not fetch the release history of views from http://127.0.0.1:1/release-history/views/6.x',
        'check updateUrl (-Daegir.updateUrl)')
assert !new File(basedir, 'platform.lock.make').exists()
return true
