/**
 * OTLP/HTTP trace export ({@code POST /v1/traces}, docs/opentelemetry.md): decodes the official
 * OTLP messages in protobuf or JSON, turns the spans that describe command runs into schema-v1
 * events and hands them to the ingest service, so they meet the same validation, privacy rules,
 * de-duplication and storage as {@code /ingest}. Every other span is counted and dropped.
 */
package dev.clianalytics.server.otlp;
