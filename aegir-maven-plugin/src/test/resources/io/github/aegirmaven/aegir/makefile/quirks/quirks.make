; Every quirk of drush's INI reading in one file.
core = 6.x
api = 2

# devel is off for now

projects[] = devel
projects[views][version] = "2.16"
projects[views][patch][] = "http://example.org/views-1.patch"
projects[views][patch][] = 'http://example.org/views-\'2\'.patch'
projects[cck] = 2.6
projects[cck][type] = module
projects[admin_menu][version] = 1.6 ; the stable one
projects[token] = TRUE
projects[pathauto] = false
projects[nodewords] = Null
projects[42][version] = 1.0
projects[5] = five
projects[] = six
projects[ spaced ][version] = 1.1
projects[date][version] =
projects[date][subdir] = contrib
libraries[jquery][download][url] = "http://example.org/a\"b\\c.js"
libraries[jquery][download][data] = "line one
line two = not an assignment
"
libraries[jquery][destination] = modules/jquery
#projects[ctools] = 1.3
projects[[odd]] = x

= orphan value
projects[unicode][version] = "1.0-été"
projects[tabbed][version]	=	"3.0"	
stray words at the end
