/**
 * Bearer tokens: the ingest, read and admin token sets, and the one {@code Access} each endpoint
 * needs (docs/server.md, "Authentication"). Tokens are compared in constant time and never logged.
 */
package dev.clianalytics.server.auth;
