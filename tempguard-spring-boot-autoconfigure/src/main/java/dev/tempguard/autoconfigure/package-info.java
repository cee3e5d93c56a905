/**
 * Auto-configuration for tempguard and its {@code tempguard.*} properties.
 */
@NullMarked
package dev.tempguard.autoconfigure;

import org.jspecify.annotations.NullMarked;
