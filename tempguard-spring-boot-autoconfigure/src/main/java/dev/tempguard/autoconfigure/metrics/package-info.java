/**
 * Auto-configuration of tempguard's Micrometer meters.
 */
@NullMarked
package dev.tempguard.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
