/**
 * The dashboard at {@code /}: static files that read the same {@code /reports/*} JSON as any client
 * (docs/dashboard.md).
 */
package dev.clianalytics.server.dashboard;
