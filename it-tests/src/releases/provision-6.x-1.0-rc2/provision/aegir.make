; TEST DOUBLE: make file of the stand-in provision for the aegir-maven-plugin
; tests. The stand-in drush_make builds a small fake Drupal root from it.
core = 6.x
api = 2

projects[drupal][type] = "core"

projects[hostmaster][type] = "profile"
projects[hostmaster][download][type] = "git"
projects[hostmaster][download][url] = "http://git.drupal.org/project/hostmaster.git"
projects[hostmaster][download][tag] = "6.x-1.0-rc2"
