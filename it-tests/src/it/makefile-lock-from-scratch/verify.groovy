import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import java.security.MessageDigest

def log = ItLog.of(basedir)
def updates = ItSupport.updateService(basedir)
def base = updates.baseUrl()
log.run(1).expectSuccess().expect('Locked views at 2.16', 'Locked date at 2.10-beta1', 'Wrote ')
// The second run with nothing changed writes nothing, and says so.
log.run(2).expectSuccess().expect('is up to date: nothing changed, nothing written.').expectNot('Wrote ', 'Downloading')

def locked = new File(basedir, 'platform.lock.make').text
def sha = { name -> MessageDigest.getInstance('SHA-256').digest(updates.tarball(name)).encodeHex().toString() }
def md5 = { name -> MessageDigest.getInstance('MD5').digest(updates.tarball(name)).encodeHex().toString() }
assert locked.startsWith('; Locked by aegir-maven-plugin makefile-lock from platform.make. Do not edit by hand:\n'
        + '; run mvn aegir:makefile-lock again.\ncore = 6.x\napi = 2\n\n')
assert locked.contains("""projects[views][type] = module
projects[views][subdir] = contrib
projects[views][version] = 2.16
projects[views][download][type] = get
projects[views][download][url] = ${base}/files/projects/views-6.x-2.16.tar.gz
projects[views][download][md5] = ${md5('views-6.x-2.16.tar.gz')}
projects[views][download][sha256] = ${sha('views-6.x-2.16.tar.gz')}
""")
assert locked.contains('projects[drupal][type] = core\nprojects[drupal][version] = 6.38\n')
assert locked.contains("projects[drupal][download][sha256] = ${sha('drupal-6.38.tar.gz')}\n")
assert locked.contains('projects[ctools][version] = 1.15\n')
assert locked.contains('projects[zen][type] = theme\nprojects[zen][version] = 2.1\n')
// sorted by name, one blank line between projects
assert locked.indexOf('projects[ctools]') < locked.indexOf('projects[date]')
assert locked.indexOf('projects[date]') < locked.indexOf('projects[drupal]')
assert locked.contains('\n\nprojects[zen][type]')

// Each history fetched once, each tarball downloaded once, over both runs.
def counts = ItSupport.finishUpdates(basedir)
['drupal', 'views', 'ctools', 'date', 'zen'].each { assert counts["/release-history/${it}/6.x".toString()] == 1 : counts }
assert counts['/files/projects/views-6.x-2.16.tar.gz'] == 1 : counts
assert counts['total'] == 10 : counts
ItSupport.finish(basedir)
return true
