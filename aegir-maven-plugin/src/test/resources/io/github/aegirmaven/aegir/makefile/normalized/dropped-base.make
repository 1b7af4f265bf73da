core = 6.x
api = 2
projects[cck][version] = 2.9
projects[cck][subdir] = contrib
projects[token][version] = 1.19
