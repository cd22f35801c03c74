/**
 * Accepting events: {@code POST /ingest} and the {@code IngestService} that every protocol ({@code
 * posthog}, {@code otlp}, {@code rest}) also ends in, which validates each event, applies the
 * privacy rules and stores the valid ones, reporting the rest by index and field.
 */
package dev.clianalytics.server.ingest;
