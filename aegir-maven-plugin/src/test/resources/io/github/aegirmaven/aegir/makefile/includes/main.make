core = 6.x
api = 2
includes[] = base.make
includes[] = sub/contrib.make
projects[drupal][version] = 6.22
projects[cck] = FALSE
projects[views][version] = 2.16
