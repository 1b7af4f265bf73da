core = 7.x
api = 2
projects[drupal][version] = 7.61
projects[token][type] = module
projects[token][download] = http://example.com/token-7.x-1.7.tar.gz
libraries[jquery][download] = http://example.com/jquery.zip
libraries[jquery][directory_name] = jquery
