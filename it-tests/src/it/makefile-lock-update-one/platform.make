core = 6.x
api = 2
projects[views][subdir] = contrib
projects[ctools] = 1
