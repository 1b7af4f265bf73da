; leaf has no trailing newline and ends in text drush glues on
projects[jquery_ui][version] = 1.5
leaf notes