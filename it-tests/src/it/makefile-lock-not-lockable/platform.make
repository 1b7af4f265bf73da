core = 6.x
api = 2
projects[] = drupal
projects[hostmaster][type] = profile
projects[hostmaster][download][type] = git
projects[hostmaster][download][url] = http://git.example.invalid/hostmaster.git
projects[hostmaster][download][tag] = 6.x-1.0-rc3
