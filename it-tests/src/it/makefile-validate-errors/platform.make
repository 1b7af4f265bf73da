; Hostmaster platform for Aegir 6.x-1.0-rc3, with mistakes.
core = 6.x
api = 3
includes[] = site-extras.make

projects[drupal][type] = "core"
projects[drupal][version] = "6.22"

projects[] = admin_menu
projects[admin_menu][version] = "1.6"
projects[jquery_ui][version] = "1.3"
projects[jquery_ui][subdir] = "../../../libraries"

projects[hostmaster][type] = "profile"
projects[hostmaster][download][type] = "git"
projects[hostmaster][download][url] = "http://git.drupal.org/project/hostmaster.git"
projects[hostmaster][download][tag] = "6.x-1.0-rc2"
