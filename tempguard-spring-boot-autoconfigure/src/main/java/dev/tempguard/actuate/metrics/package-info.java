/**
 * Micrometer meters over what tempguard counts in this JVM.
 */
@NullMarked
package dev.tempguard.actuate.metrics;

import org.jspecify.annotations.NullMarked;
