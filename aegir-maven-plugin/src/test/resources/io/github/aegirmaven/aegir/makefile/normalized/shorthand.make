; Shorthand project forms, an exact core release and no api line.
core = 6.38
projects[] = views
projects[cck] = 2.9
projects[ctools] = 1.x
projects[drupal][type] = core
projects[admin_menu][version] = 1.6
