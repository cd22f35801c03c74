/**
 * Sessions: grouping one actor's runs by inactivity gaps, stable session ids, and the ranges an
 * incremental inference must recompute when late events arrive (docs/inference.md).
 */
package dev.clianalytics.core.session;
