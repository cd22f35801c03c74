/**
 * Inference scheduling: runs {@code core}'s sessionizer and workflow analysis over new events
 * (incrementally, or in full when the settings or catalog change) and writes the derived tables
 * through one {@code storage.InferenceTx} per run (docs/inference.md).
 */
package dev.clianalytics.server.inference;
