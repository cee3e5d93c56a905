/**
 * The runtime: what tempguard tracks in this JVM, and the sequences that end a test
 * context and the run; the adapters reach the rest through it.
 */
@NullMarked
package dev.tempguard.internal.runtime;

import org.jspecify.annotations.NullMarked;
