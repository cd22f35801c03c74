/**
 * The ClickHouse backend (docs/scaling-out.md): {@link
 * dev.clianalytics.server.storage.clickhouse.ClickHouseStorage} over the official {@code client-v2}
 * HTTP client, reading {@code RowBinary} with the column types it names (so ClickHouse 18.16 works
 * too), exactly once by event id through a commit row in {@code event_ids} and first-copy reads,
 * deletions as waited-for mutations, and the {@code clickhouse://} URL parser. It keeps events and
 * documents; inference and reports do not run on it yet.
 *
 * <p>Depends on the SPI and on {@code storage/jdbc}'s migration script loader only; nothing outside
 * {@code storage} depends on it except through {@code Storages} (and {@code serve}, which refuses
 * it for now).
 */
package dev.clianalytics.server.storage.clickhouse;
