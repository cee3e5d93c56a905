/**
 * Sweeping: deletes from root-dir the orphans that no live test JVM holds (run
 * directories of crashed, killed or finished runs, and anything else) once they are older
 * than {@code tempguard.max-age}, at start-up of a test JVM or from the command line
 * ({@link dev.tempguard.internal.sweep.SweepCommand}).
 */
@NullMarked
package dev.tempguard.internal.sweep;

import org.jspecify.annotations.NullMarked;
