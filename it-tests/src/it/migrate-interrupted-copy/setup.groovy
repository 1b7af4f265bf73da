import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Sandbox
import io.github.aegirmaven.aegir.harness.StandinDrush

// The backend is upgraded. An administrator ran `drush hostmaster-migrate` by hand (the stand-in, as aegir, from the
// old platform) and it was killed after provision-deploy copied the site into the new platform and provision-verify
// checked it, before provision-migrate's last step deleted the old copy: the site is in both platforms, the alias
// already on the new one, the crontab removed. No build of this plugin was involved (no marker).
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', failAt: 'killed-before-delete'])
def sandbox = ItSupport.sandbox(basedir)
def killed = StandinDrush.of(sandbox).run('hostmaster-migrate', Sandbox.DOMAIN, sandbox.newPlatform().toString(), '-y')
assert killed.exitCode() != 0 && killed.stdout().contains('ending as if killed') : killed.toString()
assert new File(sandbox.siteDir(sandbox.oldPlatform()).toFile(), 'settings.php').file
assert new File(sandbox.siteDir(sandbox.newPlatform()).toFile(), 'settings.php').file
sandbox.clearFailAt()
ItSupport.saveSnapshot(basedir, 'setup')
return true
