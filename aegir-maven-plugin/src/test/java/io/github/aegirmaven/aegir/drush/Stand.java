package io.github.aegirmaven.aegir.drush;

import io.github.aegirmaven.aegir.home.AegirHome;
import io.github.aegirmaven.aegir.home.Fixtures;
import java.nio.file.Path;

/** Stand-in drush: a PHP script written as the home's drush/drush.php. Test support. */
final class Stand {

    private Stand() {}

    static AegirHome home(Path root, String php) throws Exception {
        AegirHome home = AegirHome.at(root);
        Fixtures.write(home.drushPhp(), "<?php\n" + php + "\n");
        return home;
    }
}
