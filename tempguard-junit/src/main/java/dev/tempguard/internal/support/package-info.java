/**
 * Small helpers every layer may use: formats for people, the host and user names,
 * durations.
 */
@NullMarked
package dev.tempguard.internal.support;

import org.jspecify.annotations.NullMarked;
