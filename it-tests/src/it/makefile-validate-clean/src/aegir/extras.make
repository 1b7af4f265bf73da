; Extra modules for this Aegir server, every one pinned.
defaults[projects][subdir] = "contrib"

projects[hosting_le][download][type] = "git"
projects[hosting_le][download][url] = "https://git.drupalcode.org/project/hosting_le.git"
projects[hosting_le][download][revision] = "5c1f0d6b8e3a2f4a9d7c0b1e2f3a4b5c6d7e8f90"

projects[views_bulk_operations][version] = "3.5"

libraries[timeago][download][type] = "file"
libraries[timeago][download][url] = "https://assets.example.org/jquery.timeago-1.6.1.js"
libraries[timeago][download][sha256] = "3fa1f2b8d1c4e5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4"
libraries[timeago][destination] = "libraries"
