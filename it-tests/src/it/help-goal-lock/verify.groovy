// help -Ddetail -Dgoal=lock lists the parameters lock honours and none of those it does not (the home's, drush's).
def log = new File(basedir, 'build.log').text
def text = log.readLines().collect { it.replaceFirst(/^\[INFO\]\s?/, '').strip() }.join('\n')
assert text.contains('aegir:lock') : 'the lock goal is described'
def listed = (text =~ /(?m)^(\w+)(?: \(Default:.*)?$/).collect { it[1] } as Set
def expected = ['aegirVersion', 'cacheDirectory', 'downloadUrl', 'drushMakeVersion', 'drushVersion', 'lockFile',
                'serverId', 'skip'] as Set
assert expected.every { listed.contains(it) } : "lock's parameters missing from help: ${expected - listed}"
['aegirHome', 'aegirUser', 'dryRun', 'assumeYes', 'timeout', 'php', 'keepBackups', 'strictLock', 'makefile'].each {
    assert !listed.contains(it) : "help lists ${it} for lock, which lock does not honour"
}
assert text.contains('User property: aegir.lockFile') : 'the -D property of each parameter is shown'
return true
