import io.github.aegirmaven.aegir.harness.ItSupport

// Three things the real run would fail on, and a dry run must too: provision 6.x-1.0-rc3 is not on the server,
// the lock pins another sum for drush 7.x-4.4, and the (strict) lock has no entry for drush_make 6.x-2.2.
def it = ItSupport.prepare(basedir, harnessBuildDirectory, [modes: ['provision-6.x-1.0-rc3.tar.gz': 'NOT_FOUND']])
def lock = it.lockFile
lock.text = lock.text.replaceAll(/(drush 7\.x-4\.4 sha256:)[0-9a-f]{64}/, '$1' + '0123456789abcdef' * 4)
        .readLines().findAll { !it.startsWith('drush_make ') }.join('\n') + '\n'
ItSupport.saveSnapshot(basedir, 'setup')
new File(basedir, 'lock-before.txt').text = lock.text
return true
