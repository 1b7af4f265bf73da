// The generated help goal lists the plugin and its goals.
def log = new File(basedir, 'build.log').text
assert log.contains('aegir-maven-plugin')
assert log.contains('aegir:help')

// -Ddetail shows each parameter's description: defaults written with ${...} keep their braces where they belong
// (help wraps long lines, so compare with the line breaks and Maven's [INFO] prefixes taken out).
def text = log.readLines().collect { it.replaceFirst(/^\[INFO\]\s?/, '').strip() }.join(' ').replaceAll(/\s+/, ' ')
assert text.contains('${aegirHome}/hostmaster-${aegirVersion}') : 'newHostmasterDir default not shown as written'
assert text.contains('${project.build.directory}/aegir') : 'reportDirectory default not shown as written'
assert !text.contains('${aegirHome/') && !text.contains('${project.build.directory/') : 'misplaced braces in help'
return true
