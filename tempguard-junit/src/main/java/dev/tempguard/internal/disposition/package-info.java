/**
 * Whether a leak fails its test: new, allowed by {@link dev.tempguard.AllowLeaks}, or
 * known from the baseline file ({@code tempguard.baseline}); and the baseline entries
 * that no leak matches any more.
 */
@NullMarked
package dev.tempguard.internal.disposition;

import org.jspecify.annotations.NullMarked;
