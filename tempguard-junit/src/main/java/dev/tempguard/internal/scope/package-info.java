/**
 * Scoping: the run, class, nested class and method contexts, and which one a thread's
 * files belong to.
 */
@NullMarked
package dev.tempguard.internal.scope;

import org.jspecify.annotations.NullMarked;
