/**
 * Small helpers every layer may use: formats for people, the host name, durations.
 */
@NullMarked
package dev.tempguard.internal.support;

import org.jspecify.annotations.NullMarked;
