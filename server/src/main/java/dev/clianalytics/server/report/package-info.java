/**
 * The {@code /reports/*} endpoints (docs/reports.md): each report is a record implementing {@link
 * dev.clianalytics.server.report.Report}, with its JSON document and the rows of its CSV form,
 * built by queries over the derived tables that inference writes, never the raw events. Answers are
 * cached until those tables change.
 */
package dev.clianalytics.server.report;
