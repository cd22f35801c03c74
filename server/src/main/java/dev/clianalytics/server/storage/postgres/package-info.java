/**
 * The PostgreSQL backend: {@link dev.clianalytics.server.storage.postgres.PostgresStorage} over a
 * HikariCP pool, events written by CSV COPY, inference's event scan read by binary COPY and its
 * derived rows written by a background COPY pipe, full rewrites into new tables swapped in at the
 * end, advisory locks between server instances, and the {@code DATABASE_URL} parser.
 *
 * <p>Depends on the SPI, {@code storage/jdbc} and {@code storage/derived}; nothing outside {@code
 * storage} depends on it except through {@code Storages} (tests and tools may use {@link
 * dev.clianalytics.server.storage.postgres.DatabaseUrl}).
 */
package dev.clianalytics.server.storage.postgres;
