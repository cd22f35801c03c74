/**
 * The north-star metric: successful runs per active developer per ISO week, and the weekly
 * aggregates {@code nsm aggregate} and {@code nsm upload} work with (docs/inference.md).
 */
package dev.clianalytics.core.nsm;
