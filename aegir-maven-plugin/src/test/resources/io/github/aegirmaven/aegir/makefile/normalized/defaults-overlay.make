; A default that is an array, against a project that sets the same attribute to a plain value.
core = 7.x
api = 2
defaults[projects][patch][] = http://example.com/common.patch
defaults[projects][download][type] = git
projects[drupal][version] = 7.61
projects[views][version] = 3.20
projects[views][patch] = http://example.com/views.patch
projects[token][download] = http://example.com/token-7.x-1.7.tar.gz
