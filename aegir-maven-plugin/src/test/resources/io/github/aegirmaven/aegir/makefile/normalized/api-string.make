core = 6.x
api = "2"
projects[drupal] = 6.38
