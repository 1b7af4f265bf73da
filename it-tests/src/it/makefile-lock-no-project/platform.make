; A platform with floating versions: drush make would pick releases from the release history at build time.
core = 6.x
api = 2
projects[] = drupal
projects[views][subdir] = contrib
projects[ctools] = 1
projects[date][version] = 2
projects[zen][type] = theme
