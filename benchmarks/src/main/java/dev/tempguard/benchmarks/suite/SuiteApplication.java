package dev.tempguard.benchmarks.suite;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The synthetic suite's application: auto-configuration only (no web server on this class
 * path).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class SuiteApplication {

}
