/**
 * Hot paths: the command sequences people run most, and those that fail most (docs/inference.md,
 * "Hot paths").
 */
package dev.clianalytics.core.hotpath;
