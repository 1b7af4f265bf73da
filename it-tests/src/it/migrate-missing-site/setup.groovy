import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox

def it = ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade'])
// The site's settings.php is gone (a wrong domain would look the same to the plugin).
def sandbox = it.sandbox
new File(sandbox.siteDir(sandbox.oldPlatform()).toFile(), 'settings.php').delete()
ItSupport.saveSnapshot(basedir, 'setup')
return true
