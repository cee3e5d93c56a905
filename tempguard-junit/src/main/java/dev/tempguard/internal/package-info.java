/**
 * tempguard's implementation; nothing here is API, and it may change in any release.
 */
@NullMarked
package dev.tempguard.internal;

import org.jspecify.annotations.NullMarked;
