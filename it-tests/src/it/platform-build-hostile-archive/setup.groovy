import io.github.aegirmaven.aegir.harness.PlatformFixtures

new File('/tmp/aegir-hostile-through-symlink.txt').delete()
PlatformFixtures.prepare(basedir, [hostile: [views: 'SYMLINK_OUT']])
return true
