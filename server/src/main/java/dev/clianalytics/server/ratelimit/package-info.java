/**
 * Token-bucket rate limits per client key (token and address), applied before a request's body is
 * read (docs/server.md, "Rate limits").
 */
package dev.clianalytics.server.ratelimit;
