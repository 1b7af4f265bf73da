core = 6.x
api = 2
projects[views][version] = 2.16
projects[] = views
