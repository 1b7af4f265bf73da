import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.KillTest
import io.github.aegirmaven.aegir.harness.Sandbox

// Kill `mvn aegir:upgrade` (SIGKILL) at many moments, run it again, and check every time that
// the home ends fully upgraded, the original release intact in a backup set, and nothing else left behind.
def test = KillTest.forIt(basedir.toPath(), new File(harnessBuildDirectory).toPath(), new File(itSettingsFile).toPath(),
        localRepositoryPath.toPath(), new File(outerLocalRepository).toPath(), pluginVersion)
def report = test.run(8)
println report.table()
new File(basedir, 'kill-points.txt').text = report.table()

def sandbox = ItSupport.sandbox(basedir)
ItSupport.finish(basedir)
assert report.outcomes().size() >= 20
assert report.failures().isEmpty() : report.table()
Sandbox.delete(sandbox.home())
Host.removeCrontab('aegir')
return true
