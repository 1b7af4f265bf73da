core = 7.x
api = 2
projects[views][version] = 3.20
