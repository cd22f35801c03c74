/**
 * The storage SPI: what the rest of the server may use of storage, and all of it. {@link
 * dev.clianalytics.server.storage.Storage} (events and documents), {@link
 * dev.clianalytics.server.storage.InferenceStore} and {@link
 * dev.clianalytics.server.storage.InferenceTx} (the derived tables inference writes and reports
 * read), the readiness gate {@link dev.clianalytics.server.storage.Database}, {@link
 * dev.clianalytics.server.storage.StorageUnavailableException}, and value types ({@link
 * dev.clianalytics.server.storage.RowQuery}, {@link
 * dev.clianalytics.server.storage.InferenceState}). The checks every backend applies before writing
 * ({@link dev.clianalytics.server.storage.StorableEvents}, {@link
 * dev.clianalytics.server.storage.Documents}, {@link dev.clianalytics.server.storage.Paging}) live
 * here too, so a backend that is not JDBC-based needs nothing from the other storage packages.
 *
 * <p>Depends on {@code core} only. Code outside {@code storage} imports this package and never a
 * backend's, except {@code dev.clianalytics.server.Storages}, which opens the backend {@code
 * DATABASE_URL} names; backends implement it in {@code storage/<backend>} (see docs/storage.md).
 */
package dev.clianalytics.server.storage;
