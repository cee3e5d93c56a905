/**
 * tempguard's Java agent: sees files and directories made through the JDK's file APIs on
 * the thread that makes them, so that a leak is pinned on the test and the line that made
 * it.
 */
@NullMarked
package dev.tempguard.agent;

import org.jspecify.annotations.NullMarked;
