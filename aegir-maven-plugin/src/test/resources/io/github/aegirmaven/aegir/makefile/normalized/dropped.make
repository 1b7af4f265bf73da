; contrib_destination on a project and on a library; a project removed by FALSE.
core = 6.x
api = 2
includes[] = dropped-base.make
projects[drupal][version] = 6.38
projects[cck] = FALSE
projects[views][version] = 2.16
projects[views][contrib_destination] = sites/default
libraries[jq][download][type] = get
libraries[jq][download][url] = http://example.com/jq.zip
libraries[jq][contrib_destination] = sites/default
