package dev.clianalytics.server.storage.derived;

import dev.clianalytics.server.storage.InferenceTx;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The row writers of one inference, one per derived table, kept open between sessions so rows go
 * out in large batches. While a full rewrite runs (see {@link DerivedRewrite}) rows go to the
 * replacement tables.
 */
public final class DerivedWriters {
  private final Connection connection;
  private final RowWriter.Factory factory;
  private final DerivedRewrite rewrite;
  private final Map<String, RowWriter> open = new LinkedHashMap<>();
  private boolean rewriting;

  public DerivedWriters(Connection connection, RowWriter.Factory factory, DerivedRewrite rewrite) {
    this.connection = connection;
    this.factory = factory;
    this.rewrite = rewrite;
  }

  /** The open writer for {@code table}, opened on first use. */
  public RowWriter of(String table, String columns) throws SQLException {
    RowWriter w = open.get(table);
    if (w == null) {
      w = open(table, columns);
      open.put(table, w);
    }
    return w;
  }

  private RowWriter open(String table, String columns) throws SQLException {
    if (!rewriting) {
      return factory.open(connection, table, columns);
    }
    String target = rewrite.table(table);
    return rewrite.fresh()
        ? factory.openFresh(connection, target, columns)
        : factory.open(connection, target, columns);
  }

  public boolean rewriting() {
    return rewriting;
  }

  /** Starts a full rewrite (see {@link InferenceTx#replaceAllDerived()}). */
  public void startRewrite() throws SQLException {
    sync();
    rewrite.start(connection);
    rewriting = true;
  }

  /** Sends the rows of {@code tables}, then (in a rewrite) what completes those tables. */
  public void close(List<String> tables) throws SQLException {
    for (String table : tables) {
      RowWriter w = open.remove(table);
      if (w != null) {
        w.close();
      }
      if (rewriting) {
        for (String sql : rewrite.finishTable(table)) {
          factory.later(connection, sql);
        }
      }
    }
  }

  /**
   * Sends every buffered row and waits until all have arrived: call before any other statement on
   * the connection.
   */
  public void sync() throws SQLException {
    for (RowWriter w : open.values()) {
      w.close();
    }
    open.clear();
    factory.sync();
  }

  /** Ends a rewrite after {@link #close} of every table: the new rows become the tables. */
  public void completeRewrite() throws SQLException {
    sync();
    if (rewriting) {
      rewrite.complete(connection);
      rewriting = false;
    }
  }
}
