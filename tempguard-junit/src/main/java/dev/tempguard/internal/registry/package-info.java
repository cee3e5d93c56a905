/**
 * The registry: creates temporary files and directories under root-dir and tracks each in
 * its scope.
 */
@NullMarked
package dev.tempguard.internal.registry;

import org.jspecify.annotations.NullMarked;
