core = 6.x
api = 2
projects[drupal][type] = core
projects[drupal][version] = 6.20
projects[] = token
projects[cck][version] = 2.9
projects[views][version] = 2.12
projects[views][subdir] = contrib
