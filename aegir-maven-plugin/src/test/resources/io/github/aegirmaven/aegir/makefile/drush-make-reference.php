<?php
/**
 * Reference for MakefileReaderPhpTest: reads an INI make file the way drush does and prints the merged
 * array as JSON. Written for this project from drush's documented behaviour (the public INI regular
 * expression of drush_make 6.x-2.x / drush 5+ and their include handling); it is not drush's code.
 *
 * Usage: php drush-make-reference.php DRUSH_MAKE_2|DRUSH_5|DRUSH_7_PLUS FILE   (run from the working directory)
 */

function reference_parse($data) {
  $regex = '@^\s*((?:[^=;\[\]]|\[[^\[\]]*\])+?)\s*=\s*(?:("(?:[^"]|(?<=\\\\)")*")|(\'(?:[^\']|(?<=\\\\)\')*\')|([^\r\n]*?))\s*$@msx';
  if (!preg_match_all($regex, $data, $matches, PREG_SET_ORDER)) {
    return FALSE;
  }
  $info = array();
  foreach ($matches as $match) {
    $key = $match[1];
    $double = isset($match[2]) ? $match[2] : '';
    $single = isset($match[3]) ? $match[3] : '';
    $plain = isset($match[4]) ? $match[4] : '';
    $value = stripslashes(substr($double, 1, -1)) . stripslashes(substr($single, 1, -1)) . $plain;
    $segments = preg_split('/\]?\[/', rtrim($key, ']'));
    $last = array_pop($segments);
    $parent = &$info;
    foreach ($segments as $segment) {
      if ($segment == '') {
        $segment = count($parent);
      }
      if (!isset($parent[$segment]) || !is_array($parent[$segment])) {
        $parent[$segment] = array();
      }
      $parent = &$parent[$segment];
    }
    if (in_array(strtolower($value), array('true', 'false', 'null'), TRUE)) {
      $value = constant($value);
    }
    if ($last == '') {
      $last = count($parent);
    }
    $parent[$last] = $value;
    unset($parent);
  }
  return $info;
}

/** drush_make 6.x-2.x and drush 5/6: included texts glued in front of the including text. */
function reference_data($makefile, $engine) {
  $data = @file_get_contents($makefile);
  if (!$data || !($info = reference_parse($data))) {
    return FALSE;
  }
  if (!empty($info['includes'])) {
    $dir = dirname($makefile);
    $includes = array();
    if (is_array($info['includes'])) {
      foreach ($info['includes'] as $include) {
        if (!is_string($include)) {
          continue;
        }
        if (file_exists($dir . '/' . $include) && ($file = reference_data($dir . '/' . $include, $engine))) {
          $includes[] = $file;
        }
        elseif ($engine != 'DRUSH_MAKE_2' && file_exists($include) && ($file = reference_data($include, $engine))) {
          $includes[] = $file;
        }
      }
    }
    $includes[] = $data;
    $data = implode("\n", $includes);
  }
  return $data;
}

/** drush 7+: each file parsed, then array_replace_recursive, projects[] expanded. INI only here. */
function reference_parse7($makefile) {
  $info = reference_parse(file_get_contents($makefile));
  $info['format'] = 'ini';
  $info = reference_merge7($info, $makefile, 'includes');
  return reference_merge7($info, $makefile, 'overrides');
}

function reference_merge7($info, $makefile, $element) {
  if (!empty($info[$element]) && is_array($info[$element])) {
    foreach ($info[$element] as $key => $include) {
      if (empty($include) || !is_string($include)) {
        continue;
      }
      $dir = dirname($makefile);
      if (file_exists($dir . '/' . $include)) {
        $path = $dir . '/' . $include;
      }
      elseif (file_exists($include)) {
        $path = $include;
      }
      else {
        continue;
      }
      $sub = reference_parse7($path);
      $info = $element == 'overrides' ? array_replace_recursive($info, $sub) : array_replace_recursive($sub, $info);
      unset($info[$element][$key]);
    }
  }
  if (isset($info['projects']) && is_array($info['projects'])) {
    foreach ($info['projects'] as $key => $project) {
      if (is_numeric($key) && is_string($project)) {
        unset($info['projects'][$key]);
        $info['projects'][$project] = array('version' => '');
      }
      if (is_string($key) && is_numeric($project)) {
        $info['projects'][$key] = array('version' => $project);
      }
    }
  }
  return $info;
}

$engine = $argv[1];
$file = $argv[2];
if ($engine == 'DRUSH_7_PLUS') {
  $info = reference_parse7($file);
}
else {
  $data = reference_data($file, $engine);
  $info = $data === FALSE ? FALSE : reference_parse($data);
}
echo json_encode($info, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
