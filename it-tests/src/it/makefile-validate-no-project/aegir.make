; Hostmaster platform for Aegir 6.x-1.0-rc3 (hostmaster-migrate --makefile).
; Read by drush 4.4 with drush_make 6.x-2.2.
core = 6.x
api = 2

; Drupal core at the exact release this platform was tried with.
projects[drupal][type] = "core"
projects[drupal][version] = "6.22"

; The Aegir frontend: the hostmaster profile at the backend's release,
; from git by tag (Aegir 6.x-1.x is not packaged on drupal.org).
projects[hostmaster][type] = "profile"
projects[hostmaster][download][type] = "git"
projects[hostmaster][download][url] = "http://git.drupal.org/project/hostmaster.git"
projects[hostmaster][download][tag] = "6.x-1.0-rc3"
