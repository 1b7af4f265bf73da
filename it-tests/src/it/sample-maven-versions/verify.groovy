import io.github.aegirmaven.aegir.harness.MavenRun
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

// The sample project, exactly as README runs it (-Psandbox install), with each Maven version the plugin supports:
// the oldest it claims (3.6.3), the wrapper's and Maven 4. Each build must succeed, upgrade its own sandbox, and
// log no warning of the plugin's own: the only warnings allowed are drush's, relayed with the prefix "[drush]".
def versions = mavenVersions.split(',') as List
def wrapperVersion = versions[1]
def wrapper = new File(wrapperProperties).text
assert wrapper.contains("/apache-maven/${wrapperVersion}/") :
        "it-tests/pom.xml runs the wrapper's Maven as ${wrapperVersion}, but the wrapper says: ${wrapper}"

// Everything a build needs comes from the outer local repository (file: URL, no checksums there) or from the
// invoker's repository: no build of this test reaches the network.
def outer = new File(outerLocalRepository).toURI().toString()
def settings = basedir.toPath().resolve('no-network-settings.xml')
def repository = { String kind ->
    """<${kind}><id>central</id><url>${outer}</url>
      <releases><checksumPolicy>ignore</checksumPolicy></releases>
      <snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots></${kind}>"""
}
Files.writeString(settings, """<settings>
  <mirrors><mirror><id>no-network</id><mirrorOf>*,!central</mirrorOf><url>${outer}</url></mirror></mirrors>
  <profiles><profile><id>outer-repository</id><activation><activeByDefault>true</activeByDefault></activation>
    <repositories>${repository('repository')}</repositories>
    <pluginRepositories>${repository('pluginRepository')}</pluginRepositories>
  </profile></profiles>
</settings>
""")

def sample = new File(sampleProject).toPath()
def failures = []
versions.each { String version ->
    def dir = basedir.toPath().resolve("maven-${version}")
    Files.createDirectories(dir.resolve('.mvn')) // a project root, as the checkout's own .mvn makes it for Maven 4
    ['pom.xml', 'sandbox.lock'].each { Files.copy(sample.resolve(it), dir.resolve(it)) }
    def result = MavenRun.in(dir)
            .maven(Path.of(mavensDirectory, "apache-maven-${version}"))
            .settings(settings)
            .localRepository(localRepositoryPath.toPath())
            .property('aegir-maven-plugin.version', pluginVersion)
            .property('maven.plugin.validation', 'VERBOSE')
            .goals('-V', '-Psandbox', 'install')
            .logTo(dir.resolve('build.log'))
            .run(Duration.ofMinutes(5))
    println "Maven ${version}: exit ${result.exitCode()} in ${result.elapsed().toSeconds()} s"
    def output = result.output()
    if (!result.succeeded()) {
        failures << "Maven ${version} failed (see ${dir.resolve('build.log')}):\n${output.readLines().takeRight(40).join('\n')}"
        return
    }
    assert output.contains("Apache Maven ${version}") : "not run with Maven ${version}: ${output.readLines().take(5)}"
    def warnings = result.lines()*.text().findAll { it.startsWith('[WARNING]') && !it.startsWith('[WARNING] [drush] ') }
    if (!warnings.isEmpty()) {
        failures << "Maven ${version} warned:\n${warnings.join('\n')}"
    }
    // The sandbox as root: /tmp/aegir-sandbox<project dir>, upgraded to the pinned drush 4.4.
    def sandbox = Path.of("/tmp/aegir-sandbox${dir.toAbsolutePath()}")
    def drushInfo = sandbox.resolve('aegir/drush/drush.info')
    assert Files.readString(drushInfo).contains('drush_version=4.4') : "${drushInfo} after Maven ${version}"
    assert output.contains('aegir:upgrade') || output.contains(':upgrade (upgrade)') : 'the upgrade goal did not run'
    sandbox.toFile().deleteDir()
}
assert failures.isEmpty() : failures.join('\n\n')
return true
