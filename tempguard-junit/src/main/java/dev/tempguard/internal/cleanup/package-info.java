/**
 * Cleanup: the one deletion engine that everything deleting goes through, the guard
 * against dangerous paths, and the cleaning of a test context.
 */
@NullMarked
package dev.tempguard.internal.cleanup;

import org.jspecify.annotations.NullMarked;
