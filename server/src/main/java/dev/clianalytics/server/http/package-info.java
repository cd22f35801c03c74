/**
 * HTTP plumbing every endpoint shares: request bodies (size limit, gzip, formats), problem+json
 * errors for every failure ({@code ProblemMapper}), response helpers, route names for metrics, and
 * the limits on slow clients. Depends on no other server package.
 */
package dev.clianalytics.server.http;
