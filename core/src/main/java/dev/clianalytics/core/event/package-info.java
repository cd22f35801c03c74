/**
 * The event model: one {@code Event} per command run, its limits, and the validation that reports
 * each problem by field (docs/client.md, "Events").
 */
package dev.clianalytics.core.event;
