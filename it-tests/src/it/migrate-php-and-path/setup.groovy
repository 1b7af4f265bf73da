import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.PhpWrapper

// A php of this IT's own (notes every start and its environment, then runs the real php), given as -Daegir.php.
def wrapper = PhpWrapper.create(basedir.toPath().resolve('php-bin'))
// The backend is already drush 7.x-4.4, provision 6.x-1.0-rc3, drush_make 6.x-2.2; the site is on rc2's platform.
ItSupport.prepare(basedir, harnessBuildDirectory, [installed: 'upgrade', properties: ['aegir.php': wrapper.php().toString()]])
return true
