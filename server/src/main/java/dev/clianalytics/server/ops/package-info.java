/**
 * What an operator runs the server with: {@code /health}, Prometheus {@code /metrics}, erasure of
 * one actor's data ({@code /actors}) and scheduled retention (docs/server.md).
 */
package dev.clianalytics.server.ops;
