/**
 * The integration-test harness of aegir-maven-plugin: release tarballs made from the sources in
 * {@code it-tests/src/releases}, a loopback HTTP server that serves them, throw-away Aegir homes
 * ("sandboxes") holding the old release, and a runner for the stand-in drush. Used by the harness
 * unit tests, by the invoker hook scripts of the ITs, and by the sample project's sandbox. The
 * plugin never depends on this package.
 */
package io.github.aegirmaven.aegir.harness;
