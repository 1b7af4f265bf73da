import io.github.aegirmaven.aegir.harness.ItSupport

// The old drush has no includes/table.inc (drush never fetched it, or it was deleted), and the PHP that
// runs drush has no Console/Table.php on its include_path.
def it = ItSupport.prepare(basedir, harnessBuildDirectory, [consoleTable: 'none'])
assert !new File(it.home, 'drush/includes/table.inc').exists()
ItSupport.saveSnapshot(basedir, 'setup')
return true
