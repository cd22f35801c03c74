/**
 * The PostgREST surface ({@code /rest/v1/events}) that Supabase clients read and write with:
 * filter, order and range parsing into a {@code storage.RowQuery}, PostgREST's headers, counts and
 * error codes (docs/supabase.md). Inserts go through {@code ingest} like every other path.
 */
package dev.clianalytics.server.rest;
