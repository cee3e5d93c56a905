/**
 * tempguard's Maven plugin: {@code tempguard:sweep} sweeps a root-dir without running
 * tests, {@code tempguard:merge} merges the reports of several builds, shards or
 * machines, {@code tempguard:baseline} writes the baseline of known leaks from a test
 * run's report. Each only reads its settings and calls tempguard's core, which does the
 * work.
 */
@NullMarked
package dev.tempguard.maven;

import org.jspecify.annotations.NullMarked;
