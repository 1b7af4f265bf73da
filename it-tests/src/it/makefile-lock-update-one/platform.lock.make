; Locked by aegir-maven-plugin makefile-lock from platform.make. Do not edit by hand:
; run mvn aegir:makefile-lock again.
core = 6.x
api = 2

projects[ctools][type] = module
projects[ctools][version] = 1.14
projects[ctools][download][type] = get
projects[ctools][download][url] = http://127.0.0.1:1/files/projects/ctools-6.x-1.14.tar.gz
projects[ctools][download][sha256] = 1111111111111111111111111111111111111111111111111111111111111111

projects[views][type] = module
projects[views][subdir] = contrib
projects[views][version] = 2.15
projects[views][download][type] = get
projects[views][download][url] = http://127.0.0.1:1/files/projects/views-6.x-2.15.tar.gz
projects[views][download][sha256] = 2222222222222222222222222222222222222222222222222222222222222222
