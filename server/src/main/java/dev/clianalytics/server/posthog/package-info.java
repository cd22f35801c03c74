/**
 * PostHog's capture API ({@code /capture/}, {@code /i/v0/e/}, {@code /e/}, {@code /batch/}) for
 * CLIs that already send their telemetry to PostHog: command events become schema-v1 events and
 * take the same way as {@code /ingest}; everything else is counted and dropped. The mapping and the
 * mapping file are described in docs/posthog.md.
 */
package dev.clianalytics.server.posthog;
