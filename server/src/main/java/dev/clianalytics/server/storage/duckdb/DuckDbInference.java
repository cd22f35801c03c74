package dev.clianalytics.server.storage.duckdb;

import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.derived.DerivedRewrite;
import dev.clianalytics.server.storage.jdbc.JdbcReads;
import dev.clianalytics.server.storage.jdbc.SqlInferenceTx;
import java.sql.Connection;
import org.duckdb.DuckDBConnection;

/**
 * Inference on DuckDB: one process owns the file, so the storage's writer lock is all the
 * exclusivity needed. Derived rows go through the writer connection; events stream from a second
 * connection to the same database.
 */
final class DuckDbInference implements InferenceStore {
  private final DuckDbStorage storage;

  DuckDbInference(DuckDbStorage storage) {
    this.storage = storage;
  }

  @Override
  public <T> T exclusively(InferenceWork<T> work) {
    return storage.write(
        writer -> {
          try (Connection reader = ((DuckDBConnection) writer).duplicate()) {
            reader.setAutoCommit(false);
            try {
              return work.run(
                  new SqlInferenceTx(
                      writer,
                      reader,
                      DuckDbDialect.INSTANCE,
                      DuckDbRowWriter::open,
                      DerivedRewrite.IN_PLACE));
            } catch (SqlInferenceTx.InferenceSqlException e) {
              throw e.sql();
            } finally {
              reader.rollback();
            }
          }
        });
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    return storage.read(c -> work.run(new JdbcReads(c, DuckDbDialect.INSTANCE)));
  }
}
