import io.github.aegirmaven.aegir.harness.BadInputs
import io.github.aegirmaven.aegir.harness.Host
import io.github.aegirmaven.aegir.harness.ItSupport
import io.github.aegirmaven.aegir.harness.Processes
import io.github.aegirmaven.aegir.harness.Sandbox
import java.nio.file.Files
import java.nio.file.Path

// The bad-input catalogue of the README ("Bad inputs and what you see"), one real build per row.
// Each must fail with a message naming the parameter or file, and change nothing on disk.
def bad = BadInputs.forIt(basedir.toPath(), new File(harnessBuildDirectory).toPath(), new File(itSettingsFile).toPath(),
        localRepositoryPath.toPath(), new File(outerLocalRepository).toPath(), pluginVersion)
def server = ItSupport.server(basedir)
def nothingAt = { String path -> { c -> BadInputs.exists(Path.of(path)) ? ["${path} was created".toString()] : [] } }
def noSetup = { c -> }

// Versions
bad.expect('aegirVersion malformed', ['aegir.version': '6.x-1.0-rc3; rm -rf ~'],
        ["aegirVersion (-Daegir.version) is '6.x-1.0-rc3; rm -rf ~', which is not a drupal.org release version"])
bad.expect('aegirVersion unknown', ['aegir.version': '6.x-1.99'],
        ['provision-6.x-1.99.tar.gz', '404', 'The release is not there'])
bad.expect('drushVersion malformed', ['aegir.drushVersion': 'latest'],
        ["drushVersion (-Daegir.drushVersion) is 'latest'"])
bad.expect('drushMakeVersion unknown', ['aegir.drushMakeVersion': '6.x-2.99'],
        ['drush_make-6.x-2.99.tar.gz', '404'])

// Supported combinations only (SupportedCombinations), refused before anything is downloaded
def requestsBefore = [0]
def countRequests = { c -> requestsBefore[0] = c.server().totalRequests() }
def nothingDownloaded = { c ->
    def n = c.server().totalRequests() - requestsBefore[0]
    n > 0 ? ["${n} requests reached the release server".toString()] : []
}
def supported = 'Supported: drush 7.x-4.x with provision 6.x-1.x and drush_make 6.x-2.x.'
bad.expect('drush 8 with provision 6.x-1.x', ['aegir.drushVersion': '8.4.12'],
        ['drushVersion (-Daegir.drushVersion) 8.4.12 with aegirVersion (-Daegir.version) 6.x-1.0-rc3 (provision) is not a combination this plugin supports.',
         supported, 'drush 8 carries make itself (so drushMakeVersion is not needed with it)'], countRequests, nothingDownloaded)
bad.expect('provision 7.x-3.x with drush 4', ['aegir.version': '7.x-3.171'],
        ['drushVersion (-Daegir.drushVersion) 7.x-4.4 with aegirVersion (-Daegir.version) 7.x-3.171 (provision) is not a combination', supported],
        countRequests, nothingDownloaded)
bad.expect('drushMakeVersion missing with drush 4', ['aegir.drushMakeVersion': ''],
        ['drushMakeVersion (-Daegir.drushMakeVersion) is not set, but drush 7.x-4.4 does not carry drush make'], countRequests, nothingDownloaded)
bad.expect('drushMakeVersion outside its series', ['aegir.drushMakeVersion': '6.x-1.5'],
        ['drushMakeVersion (-Daegir.drushMakeVersion) is 6.x-1.5, but drush 7.x-4.x with provision 6.x-1.x needs drush_make 6.x-2.x.'],
        countRequests, nothingDownloaded)

bad.expect('several bad inputs at once (version, user)', ['aegir.drushVersion': 'latest', 'aegir.user': 'nosuchaegir'],
        ['2 problems must be fixed before anything is changed:', '1. The pinned versions are not usable',
         "drushVersion (-Daegir.drushVersion) is 'latest'", '2. There is no such user nosuchaegir (aegirUser/-Daegir.user)'])

// The domain: never reaches a shell, and is refused before anything changes
bad.expect('aegirDomain with shell characters', ['aegir.domain': 'aegir.example.com;touch${IFS}/tmp/aegir-pwned'],
        ["aegirDomain (-Daegir.domain) is 'aegir.example.com;touch\${IFS}/tmp/aegir-pwned', which is not a host name: it contains the character ';'"],
        noSetup, nothingAt('/tmp/aegir-pwned'))
bad.expect('aegirDomain with a command substitution', ['aegir.domain': '$(id>/tmp/aegir-pwned).example.com'],
        ["aegirDomain (-Daegir.domain) is '\$(id>/tmp/aegir-pwned).example.com', which is not a host name: it contains the character '\$'"],
        noSetup, nothingAt('/tmp/aegir-pwned'))
bad.expect('aegirDomain with a space', ['aegir.domain': 'aegir example.com'],
        ["aegirDomain (-Daegir.domain) is 'aegir example.com', which is not a host name: it contains white space"])

// Directories
bad.expect('aegirHome relative', ['aegir.home': 'var/aegir'],
        ['aegirHome (-Daegir.home) ' + new File(basedir, 'var/aegir') + ' does not exist'],
        noSetup, nothingAt(new File(basedir, 'var').path))
bad.expect('aegirHome missing', ['aegir.home': '/tmp/aegir-it/no-such-aegir-home'],
        ['aegirHome (-Daegir.home) /tmp/aegir-it/no-such-aegir-home does not exist'],
        noSetup, nothingAt('/tmp/aegir-it/no-such-aegir-home'))
bad.expect('newHostmasterDir relative', ['aegir.newHostmasterDir': 'hostmaster-6.x-1.0-rc3'],
        ["newHostmasterDir (-Daegir.newHostmasterDir) is the relative path 'hostmaster-6.x-1.0-rc3'; it must be absolute"])
bad.expect('newHostmasterDir in a missing directory', ['aegir.newHostmasterDir': '/nonexistent/hostmaster-6.x-1.0-rc3'],
        ['newHostmasterDir /nonexistent/hostmaster-6.x-1.0-rc3 cannot be created: its parent /nonexistent is not a directory'])
bad.expect('oldHostmasterDir relative', ['aegir.oldHostmasterDir': 'hostmaster-6.x-1.0-rc2'],
        ['oldHostmasterDir (-Daegir.oldHostmasterDir) ' + new File(basedir, 'hostmaster-6.x-1.0-rc2') + ' is not a Drupal root'])
bad.expect('oldHostmasterDir missing', ['aegir.oldHostmasterDir': '/nonexistent/hostmaster-6.x-1.0-rc2'],
        ['oldHostmasterDir (-Daegir.oldHostmasterDir) /nonexistent/hostmaster-6.x-1.0-rc2 is not a Drupal root'])
bad.expect('makefile missing', ['aegir.makefile': '/nonexistent/aegir.make'],
        ['makefile (-Daegir.makefile) /nonexistent/aegir.make does not exist'])

// Users and ownership
bad.expect('aegirUser nonexistent', ['aegir.user': 'nosuchaegir'],
        ['There is no such user nosuchaegir (aegirUser/-Daegir.user)'])
bad.expect('aegirUser malformed', ['aegir.user': 'aegir;id'],
        ["aegirUser (-Daegir.user) must be a Unix user name such as 'aegir', but was 'aegir;id'"])
bad.expect('aegirUser root', ['aegir.user': 'root'],
        ['aegirUser (-Daegir.user) is root, but the aegir user is never root: provision refuses to run as root'],
        countRequests, nothingDownloaded)
bad.expect('drush/ and .drush/ owned by root', [:],
        ['drush/ is owned by root, .drush/ is owned by root, .drush/provision/ is owned by root',
         'expected the aegir user aegir (aegirUser/-Daegir.user)', 'chown -R aegir: ']) { c ->
    Processes.check(['chown', '-R', 'root:root', c.home().resolve('drush').toString(), c.home().resolve('.drush').toString()])
}
bad.expect('home owned by someone else', [:], ['is owned by root, expected the aegir user aegir', 'chown aegir: ']) { c ->
    Processes.check(['chown', 'root:root', c.home().toString()])
}
bad.expect('home not writable by its owner', [:], ['is not writable by its owner aegir', 'chmod u+w']) { c ->
    Processes.check(['chmod', '0555', c.home().toString()])
}

// The lock file (pinned sums) and the run lock
bad.expect('lock file unreadable (a directory)', ['aegir.lockFile': new File(basedir, 'bad-input-scratch/aegir.lock').path],
        ['Cannot read the lock file ' + new File(basedir, 'bad-input-scratch/aegir.lock'), 'lockFile']) { c ->
    Files.createDirectories(c.scratch().resolve('aegir.lock'))
}
bad.expect('lock file edited into nonsense', ['aegir.lockFile': new File(basedir, 'bad-input-scratch/aegir.lock').path],
        ['Lock file ' + new File(basedir, 'bad-input-scratch/aegir.lock') + ':2 is not valid: expected']) { c ->
    Files.writeString(c.scratch().resolve('aegir.lock'), '# pins\ndrush 7.x-4.4 the-sum-I-remember\n')
}
bad.expect('lock file pins another sum', ['aegir.lockFile': new File(basedir, 'bad-input-scratch/aegir.lock').path],
        ['drush-7.x-4.4.tar.gz', 'expected', '0000000000000000000000000000000000000000000000000000000000000000']) { c ->
    Files.writeString(c.scratch().resolve('aegir.lock'), new File(basedir, 'aegir.lock').text
            .replaceFirst(/(drush 7\.x-4\.4 sha256:)[0-9a-f]{64}/, '$10000000000000000000000000000000000000000000000000000000000000000'))
}
bad.expect('run lock unusable (a directory)', [:], ['Cannot open the run lock', '.aegir-maven-plugin/lock']) { c ->
    Files.createDirectories(c.home().resolve('.aegir-maven-plugin/lock'))
    Processes.check(['chown', '-R', 'aegir:', c.home().resolve('.aegir-maven-plugin').toString()])
}

// The download URL
bad.expect('downloadUrl without {project}', ['aegir.downloadUrl': server.baseUrl() + '/files/projects/drush-{version}.tar.gz'],
        ['downloadUrl (-Daegir.downloadUrl)', 'has no {project} placeholder'])
bad.expect('downloadUrl without {version}', ['aegir.downloadUrl': server.baseUrl() + '/files/projects/{project}.tar.gz'],
        ['downloadUrl (-Daegir.downloadUrl)', 'has no {version} placeholder'])
bad.expect('downloadUrl with a password in it', ['aegir.downloadUrl': 'http://admin:S3cret-In-Url@127.0.0.1:1/{project}-{version}.tar.gz'],
        ['downloadUrl (-Daegir.downloadUrl)', 'contains a user name or password', '//****@'], noSetup,
        { c -> new File(basedir, 'bad-input-logs').listFiles().any { it.text.contains('S3cret-In-Url') && !it.text.contains('-Daegir.downloadUrl') } ? ['the password was printed'] : [] })

// Hostile archives, through the whole goal (every kind is refused in SafeExtractorTest)
def hostile = { String file, String kind, long bomb = 1L << 30 ->
    return { c -> BadInputs.hostileReleases(c.releases(), c.scratch().resolve('releases'), [(file): kind], bomb) }
}
def releasesUrl = new File(basedir, 'bad-input-scratch/releases').toURI().toString().replaceAll('/?$', '/') + '{project}-{version}.tar.gz'
['DOT_DOT': ['provision-6.x-1.0-rc3.tar.gz', '..'], 'SYMLINK_OUT': ['drush-7.x-4.4.tar.gz', 'escape'],
 'HARD_LINK_OUT': ['drush_make-6.x-2.2.tar.gz', 'passwd'], 'CHAR_DEVICE': ['drush-7.x-4.4.tar.gz', 'null']].each { kind, v ->
    def dir = new File(basedir, 'bad-input-scratch/releases')
    bad.expect("hostile archive: ${kind}".toString(), ['aegir.downloadUrl': releasesUrl,
            'aegir.lockFile': new File(dir, 'aegir.lock').path], [v[0], v[1]], hostile(v[0], kind),
            { c -> Files.exists(Path.of('/tmp/aegir-hostile-dot-dot.txt')) ? ['a hostile entry was written'] : [] })
}
def bombDir = new File(basedir, 'bad-input-scratch/releases')
bad.expect('hostile archive: BOMB (300 MiB of zeros)', ['aegir.downloadUrl': releasesUrl,
        'aegir.lockFile': new File(bombDir, 'aegir.lock').path], ['drush_make-6.x-2.2.tar.gz', 'limit'],
        hostile('drush_make-6.x-2.2.tar.gz', 'BOMB', 300L << 20))

def rows = bad.run()
def table = BadInputs.table(rows)
println table
new File(basedir, 'bad-inputs.txt').text = table
def sandbox = ItSupport.sandbox(basedir)
ItSupport.finish(basedir)
assert rows.every { it.ok() } : table
Sandbox.delete(sandbox.home())
Host.removeCrontab('aegir')
return true
