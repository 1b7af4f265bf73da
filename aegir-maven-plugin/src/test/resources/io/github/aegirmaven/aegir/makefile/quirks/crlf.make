core = 7.x
api = 2
projects[views][version] = "3.20"
projects[ctools][version] = 1.14
; a comment
projects[entity] = 1.9
