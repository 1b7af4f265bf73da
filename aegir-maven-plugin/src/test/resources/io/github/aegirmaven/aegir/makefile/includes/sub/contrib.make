includes[] = ../leaf.make
projects[admin_menu][version] = 1.8
projects[] = pathauto
