/**
 * The server's entry point: {@code CliAnalyticsServer} starts the HTTP server on a storage backend
 * and the background jobs, and {@code Routes} names every endpoint, the access it needs and its
 * handler in one place. The path of an event through the packages below is drawn in
 * docs/architecture.md.
 */
package dev.clianalytics.server;
