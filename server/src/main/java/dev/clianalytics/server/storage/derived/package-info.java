/**
 * Internal: how inference's results become rows of the derived tables (sessions, workflow runs,
 * recovery, daily event and error counts, hot-path totals), the bulk {@link
 * dev.clianalytics.server.storage.derived.RowWriter} they are written through, and how a full
 * rewrite replaces them ({@link dev.clianalytics.server.storage.derived.DerivedRewrite}).
 *
 * <p>Depends on the SPI and {@code core} only. Used by {@code storage/jdbc} and the SQL backends,
 * which implement {@code RowWriter} and {@code DerivedRewrite}.
 */
package dev.clianalytics.server.storage.derived;
