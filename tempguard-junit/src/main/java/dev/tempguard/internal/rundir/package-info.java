/**
 * Run directories: the locked directory under root-dir that holds what one test JVM
 * creates.
 */
@NullMarked
package dev.tempguard.internal.rundir;

import org.jspecify.annotations.NullMarked;
