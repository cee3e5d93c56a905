package dev.tempguard.sample.report;

import java.math.BigDecimal;

/** An order line of the report. */
public record Order(String id, String customer, BigDecimal amount) {

}
