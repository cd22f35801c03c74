/**
 * The ClickHouse backend (docs/scaling-out.md): {@link
 * dev.clianalytics.server.storage.clickhouse.ClickHouseStorage} over the official {@code client-v2}
 * HTTP client, reading {@code RowBinary} with the column types it names and reports' results as
 * {@code TabSeparatedWithNames} (so ClickHouse 18.16 works too), exactly once by event id through a
 * commit row in {@code event_ids} and first-copy reads, deletions as waited-for mutations, and the
 * {@code clickhouse://} URL parser. Inference appends derived rows tagged with a generation and
 * commits them by one row in {@code inference_runs}; reports read views that show committed rows.
 *
 * <p>Depends on the SPI, on {@code storage/derived} and on {@code storage/jdbc}'s migration script
 * loader only; nothing outside {@code storage} depends on it except through {@code Storages}.
 */
package dev.clianalytics.server.storage.clickhouse;
