/**
 * Leak detection: what a test left behind, reported against that test.
 */
@NullMarked
package dev.tempguard.internal.leak;

import org.jspecify.annotations.NullMarked;
