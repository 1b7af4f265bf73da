; defaults[] against projects with and without their own values.
core = 7.x
api = 2
defaults[projects][subdir] = contrib
defaults[projects][download][type] = git
defaults[libraries][destination] = libraries
projects[drupal][type] = core
projects[drupal][version] = 7.61
projects[views][version] = 3.20
projects[hosting][subdir] = aegir
projects[hosting][download][url] = http://git.drupal.org/project/hosting.git
projects[hosting][download][tag] = 7.x-3.170
projects[token][download] = http://example.com/token-7.x-1.7.tar.gz
libraries[timeago][download][type] = get
libraries[timeago][download][url] = http://example.com/timeago.zip
