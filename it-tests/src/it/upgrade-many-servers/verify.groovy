import io.github.aegirmaven.aegir.harness.ItLog
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.Snapshot
import groovy.json.JsonSlurper
import java.nio.file.Files

// A fleet upgraded by the CI system's matrix: one build per server, each choosing its server by profile, each
// with its own lock file and its own report; the plugin itself never loops over servers.
def log = ItLog.of(basedir)
def one = ItSupport.sandbox(basedir).home()
def two = one.resolveSibling(one.fileName.toString() + '-two')
def counts = ItSupport.finish(basedir)
def report = { String server -> new JsonSlurper().parse(new File(basedir, "target/aegir/${server}/upgrade.json")) }
def upgraded = { home ->
    assert new File(home.toFile(), '.drush/provision/provision.info').text.contains('version = "6.x-1.0-rc3"')
    assert Files.isRegularFile(home.resolve("${Sandbox.NEW_PLATFORM}/sites/${Sandbox.DOMAIN}/settings.php"))
    def sets = home.toFile().listFiles().findAll { it.name ==~ /pre-upgrade-\d{4}-\d{2}-\d{2}-\d{6}/ }
    assert sets.size() == 1 : "${home}: one backup set expected, found ${sets}"
}

log.run(1).expectSuccess()
log.run(2).expectSuccess()
log.run(3).expectSuccess()
upgraded(one)
upgraded(two)

// Each server's report is its own, and names its own home; server one's was rewritten by its second build.
def second = report('server-two')
assert second.schemaVersion == 1 && second.home == two.toString() && second.result == 'upgraded' : second
def first = report('server-one')
assert first.home == one.toString() && first.result == 'nothing-to-do' : first
assert !new File(basedir, 'target/aegir/upgrade.json').exists() : 'a report outside the per-server directories'
// Server one's builds never touched server two: its only backup set is from the build that named it.
def setOne = one.toFile().listFiles().find { it.name.startsWith('pre-upgrade-') }.name
def setTwo = two.toFile().listFiles().find { it.name.startsWith('pre-upgrade-') }.name
assert second.backend.backupSet.endsWith(setTwo) : second.backend
assert setOne <= setTwo : "server one (${setOne}) was upgraded by the first build, server two (${setTwo}) after it"
// Each release was downloaded once for the whole fleet (one shared release cache).
assert counts.total == 3 : counts

// No profile: no server is named, and the build says which parameter is missing before touching anything.
log.run(4).expectFailure().expect('aegir.home')
return true
