package dev.clianalytics.server.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.jdbc.Jdbc;
import dev.clianalytics.server.storage.jdbc.JdbcReads;
import dev.clianalytics.server.storage.jdbc.SqlInferenceTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.postgresql.PGConnection;

/**
 * Inference on PostgreSQL. Instances sharing the database take turns through a transaction-scoped
 * advisory lock held by the writing transaction, so a second instance waits and then sees the first
 * one's committed mark: no event is counted twice. Within one process a plain lock comes first, so
 * waiting inferences do not tie up pooled connections.
 */
final class PostgresInference implements InferenceStore {
  /** Advisory lock key (an arbitrary constant) taken by inference, erasure and retention. */
  static final long INFER_LOCK = 0x636c69616e696e66L;

  private final HikariDataSource pool;
  private final PostgresSchema schema;
  private final Function<SQLException, RuntimeException> unavailable;
  private final ReentrantLock local = new ReentrantLock();
  // the connections of the running inference, for cancelRunning
  private final Set<Connection> running = ConcurrentHashMap.newKeySet();

  PostgresInference(
      HikariDataSource pool,
      PostgresSchema schema,
      Function<SQLException, RuntimeException> unavailable) {
    this.pool = pool;
    this.schema = schema;
    this.unavailable = unavailable;
  }

  static void lock(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
      s.setLong(1, INFER_LOCK);
      s.execute();
    }
  }

  @Override
  public <T> T exclusively(InferenceWork<T> work) {
    local.lock();
    try (Connection writer = pool.getConnection()) {
      running.add(writer);
      try {
        return exclusively(writer, work);
      } finally {
        running.remove(writer);
      }
    } catch (SQLException e) {
      throw unavailable.apply(e);
    } finally {
      local.unlock();
    }
  }

  private <T> T exclusively(Connection writer, InferenceWork<T> work) throws SQLException {
    try {
      schema.enter(writer);
      lock(writer);
      T result;
      try (Connection reader = pool.getConnection()) {
        running.add(reader);
        schema.enter(reader);
        // closed by hand before the rollback: the last COPY must end before the reader's does
        PostgresCopyPipe pipe = new PostgresCopyPipe();
        try {
          SqlInferenceTx tx =
              new SqlInferenceTx(
                  writer, reader, PostgresDialect.INSTANCE, pipe, new PostgresRewrite());
          tx.preferIndexJoins();
          result = work.run(tx);
        } finally {
          try {
            pipe.close();
            reader.rollback();
          } finally {
            running.remove(reader);
          }
        }
      }
      writer.commit();
      return result;
    } catch (SqlInferenceTx.InferenceSqlException e) {
      Jdbc.rollbackQuietly(writer, e);
      throw unavailable.apply(e.sql());
    } catch (SQLException | RuntimeException e) {
      Jdbc.rollbackQuietly(writer, e);
      throw e;
    }
  }

  /**
   * Sends PostgreSQL a cancel request for each connection of the running inference: the statement
   * in progress fails with SQLState 57014 and the connection stays usable, where closing the pool
   * under it would break the connection mid-statement.
   */
  @Override
  public void cancelRunning() {
    for (Connection c : running) {
      try {
        c.unwrap(PGConnection.class).cancelQuery();
      } catch (SQLException e) {
        // the inference ended meanwhile, or the database is gone: nothing left to cancel
      }
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        schema.enter(c);
        // Before the snapshot is taken: a full inference's table swap then waits for this read,
        // or this read for the swap, so the snapshot never sees the swapped tables half-way.
        try (java.sql.Statement s = c.createStatement()) {
          s.execute(PostgresRewrite.READ_LOCK);
        }
        return work.run(new JdbcReads(c, PostgresDialect.INSTANCE, false));
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw unavailable.apply(e);
    }
  }
}
