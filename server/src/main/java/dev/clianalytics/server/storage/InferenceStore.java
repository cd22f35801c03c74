package dev.clianalytics.server.storage;

import java.sql.SQLException;

/**
 * Where inference keeps what it derives from events (sessions, workflow runs, per-session path and
 * recovery counts, daily event counts) and how reports read it. Implemented by the PostgreSQL and
 * DuckDB storages over the same tables, and by the ClickHouse storage over views of the same names
 * (docs/scaling-out.md).
 */
public interface InferenceStore {

  /**
   * Runs {@code work} as the only inference anywhere: on PostgreSQL under a transaction-scoped
   * advisory lock, so several server instances never interleave; on DuckDB under the writer lock;
   * on ClickHouse only among the inferences of this instance. Everything {@code work} writes
   * commits together when it returns, or not at all if it throws.
   */
  <T> T exclusively(InferenceWork<T> work);

  /**
   * Asks the {@link #exclusively} work running now, if any, to end soon: the statement it is
   * waiting on fails and its transaction rolls back, so a stopping server need not close the
   * database under it. Does nothing where a statement cannot be cancelled; safe to call at any
   * time, from any thread, and more than once.
   */
  default void cancelRunning() {}

  /** Runs read-only {@code work} on one consistent snapshot of the derived tables. */
  <T> T read(SqlWork<T> work);

  /** One inference, given its transaction. */
  @FunctionalInterface
  interface InferenceWork<T> {
    T run(InferenceTx tx);
  }

  /** A read through {@link SqlReads}; see there for the SQL it may use. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(SqlReads reads) throws SQLException;
  }
}
