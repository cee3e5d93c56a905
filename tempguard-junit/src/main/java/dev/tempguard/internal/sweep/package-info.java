/**
 * Sweeping: deletes from root-dir the run directories that no live test JVM holds (those
 * of crashed, killed or finished runs) once they are older than
 * {@code tempguard.max-age}, at start-up of a test JVM or without running tests
 * ({@link dev.tempguard.internal.sweep.StandaloneSweep}). It deletes only what tempguard
 * provably made; every other entry of root-dir is listed as foreign and never touched.
 */
@NullMarked
package dev.tempguard.internal.sweep;

import org.jspecify.annotations.NullMarked;
