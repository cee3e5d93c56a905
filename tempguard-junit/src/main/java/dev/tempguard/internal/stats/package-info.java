/**
 * Lifetime counters behind {@link dev.tempguard.TempStats}.
 */
@NullMarked
package dev.tempguard.internal.stats;

import org.jspecify.annotations.NullMarked;
