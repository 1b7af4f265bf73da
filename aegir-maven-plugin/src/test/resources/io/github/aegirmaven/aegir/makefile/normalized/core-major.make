core = 7
api = 2
projects[drupal][version] = 7.61
projects[token] = 1
