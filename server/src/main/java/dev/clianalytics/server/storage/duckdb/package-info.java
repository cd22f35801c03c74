/**
 * The embedded DuckDB backend: {@link dev.clianalytics.server.storage.duckdb.DuckDbStorage}, one
 * file owned by one process, writes serialized by one writer lock, events and derived rows written
 * by DuckDB's appender.
 *
 * <p>Depends on the SPI, {@code storage/jdbc} and {@code storage/derived}; nothing outside {@code
 * storage} depends on it except through {@code Storages}.
 */
package dev.clianalytics.server.storage.duckdb;
