/**
 * Internal: the code the SQL backends share. Schema migrations, reading events and rows back,
 * PostgREST reads as SQL ({@link dev.clianalytics.server.storage.jdbc.RowQuerySql}), erasure and
 * retention ({@link dev.clianalytics.server.storage.jdbc.ActorDeletes} over {@link
 * dev.clianalytics.server.storage.jdbc.ActorTables}) and one inference transaction over SQL ({@link
 * dev.clianalytics.server.storage.jdbc.SqlInferenceTx}). The SQL is written once; every difference
 * between databases goes through {@link dev.clianalytics.server.storage.jdbc.SqlDialect}, which
 * each backend implements and passes in.
 *
 * <p>Depends on the SPI and {@code storage/derived}. Only JDBC backends ({@code storage/postgres},
 * {@code storage/duckdb}) may depend on it.
 */
package dev.clianalytics.server.storage.jdbc;
