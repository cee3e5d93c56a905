/**
 * Settings: every {@code tempguard.*} setting, read and checked in one place whatever
 * framework supplies it.
 */
@NullMarked
package dev.tempguard.internal.settings;

import org.jspecify.annotations.NullMarked;
