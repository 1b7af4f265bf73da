; Hostmaster platform for Aegir 7.x-3.171: nothing drush refuses,
; but two builds of it may differ.
core = 7.x
api = 2

projects[drupal][type] = core
projects[drupal][version] = 7.61

# extra modules below
projects[] = admin_menu
projects[views][version] = 3.x-dev
projects[ctools][version] = 1.14

projects[hosting_https][download][type] = git
projects[hosting_https][download][url] = https://git.drupalcode.org/project/hosting_https.git
projects[hosting_https][download][branch] = 7.x-3.x

projects[hostmaster][type] = profile
projects[hostmaster][download][type] = git
projects[hostmaster][download][url] = https://git.drupalcode.org/project/hostmaster.git
projects[hostmaster][download][tag] = 7.x-3.171

libraries[vuejs][download][type] = get
libraries[vuejs][download][url] = https://assets.example.org/vue-2.4.4.min.js
libraries[vuejs][destination] = libraries
