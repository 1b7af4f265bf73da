import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Processes

def it = ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade'])
// What a drush make that died half-way leaves: index.php and a few directories, no includes/, no sites/.
def leftover = new File(it.home, 'hostmaster-6.x-1.0-rc3')
new File(leftover, 'modules/system').mkdirs()
new File(leftover, 'index.php').text = '<?php\n// half-built by an earlier failed drush make (test fixture)\n'
if (it.owner) {
    Processes.check(['chown', '-R', "${it.owner}:${it.owner}".toString(), leftover.path])
}
ItSupport.saveSnapshot(basedir, 'setup')
ItSupport.snapshotBeforeEachRun(basedir)
return true
