/**
 * tempguard's Maven plugin: {@code tempguard:sweep} sweeps a root-dir without running
 * tests, {@code tempguard:merge} merges the reports of several builds, shards or
 * machines. Both only read their settings and call tempguard's core, which does the work.
 */
@NullMarked
package dev.tempguard.maven;

import org.jspecify.annotations.NullMarked;
