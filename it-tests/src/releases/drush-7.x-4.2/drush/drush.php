#!/usr/bin/env php
<?php
/**
 * @file
 * TEST DOUBLE: a stand-in for drush 4.x, written for the aegir-maven-plugin
 * tests. This is NOT the real drush. It imitates only what those tests need
 * (command-line parsing, the Console_Table check, command file discovery,
 * --version, help, prompts, logging and exit codes) and runs the stand-in
 * provision and drush_make command files it finds under ~/.drush.
 *
 * Run it as drush is run on an Aegir server: php drush/drush.php [args], or
 * drush/drush.php [args] through its #!/usr/bin/env php line.
 */

define('DRUSH_BASE_PATH', dirname(__FILE__));
// As drush 4 does: the drush that child drush calls run is realpath(argv[0]).
define('DRUSH_COMMAND', realpath($_SERVER['argv'][0]));

require_once DRUSH_BASE_PATH . '/includes/environment.inc';
require_once DRUSH_BASE_PATH . '/includes/drush.inc';
require_once DRUSH_BASE_PATH . '/includes/command.inc';

// Ends every run, a PHP fatal error included: exit code 1 on any error.
register_shutdown_function('drush_standin_shutdown');

$code = drush_main($_SERVER['argv']);
drush_set_context('DRUSH_EXECUTION_COMPLETED', TRUE);
exit($code);

/**
 * Parses the command line, finds the command and runs it.
 *
 * @return int
 *   The process exit code: DRUSH_SUCCESS or DRUSH_FRAMEWORK_ERROR.
 */
function drush_main($argv) {
  array_shift($argv);
  drush_parse_args($argv);
  // drush 4's first bootstrap step, on every command (--version included).
  if (!drush_environment_table_lib()) {
    return drush_exit_code();
  }

  drush_commandfile_discover();
  if (drush_get_error()) {
    // As drush 4's bootstrap: an error set while loading the command files
    // (provision refusing root) ends the run before any command, --version
    // and help included.
    return drush_exit_code();
  }
  $args = drush_get_arguments();

  if (empty($args)) {
    if (drush_get_option('version')) {
      drush_print(drush_version_string());
      return DRUSH_SUCCESS;
    }
    $args = array('help');
  }

  $name = array_shift($args);
  $command = drush_command_find($name);
  if ($command === NULL) {
    drush_set_error('DRUSH_COMMAND_NOT_FOUND', dt("The drush command '!args' could not be found.", array('!args' => implode(' ', drush_get_arguments()))));
    return drush_exit_code();
  }
  drush_set_context('DRUSH_COMMAND', $command);

  if (!drush_bootstrap_to($command['bootstrap'])) {
    drush_set_error('DRUSH_NO_DRUPAL_ROOT', dt('Command !command needs a higher bootstrap level to run - you will need invoke drush from a more functional Drupal environment to run this command.', array('!command' => $command['command'])));
    drush_set_error('DRUSH_COMMAND_NOT_EXECUTABLE', dt("The drush command '!args' could not be executed.", array('!args' => implode(' ', drush_get_arguments()))));
    return drush_exit_code();
  }

  drush_command_invoke_all('drush_init');
  if (!drush_get_error()) {
    drush_dispatch($command, $args);
  }
  return drush_exit_code();
}
