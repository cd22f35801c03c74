package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.event.Event;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the shared JDBC code ({@link RowQuerySql}, {@link SqlInferenceTx}) does differently on
 * each SQL database, and nothing else: each JDBC backend implements it once and passes it in, so
 * the shared code never asks which database it is on. Bulk writes and full rewrites of derived rows
 * are per-transaction objects the backend passes alongside ({@code RowWriter.Factory}, {@code
 * DerivedRewrite}). A backend that is not JDBC-based implements the storage SPI directly and
 * ignores this package.
 */
public interface SqlDialect {

  // PostgREST reads (RowQuerySql). Fragments are SQL text; values they need go into params, in
  // order of their markers; a List<String> parameter is bound as a text array.

  /** The text type to CAST to (PostgreSQL's {@code varchar} is another type than its text). */
  String textType();

  /** {@code text} so that it compares by code point rather than by the database's locale. */
  String collated(String text);

  /** A text array column as the text of a JSON array. */
  String arrayJson(String column);

  /** A {@code timestamptz} column as microseconds since the epoch, a double. */
  String epochMicros(String column);

  /** The value at {@code path} of the {@code payload} JSON as text, or SQL null. */
  String jsonText(List<String> path, List<Object> params);

  /**
   * The value at {@code path} of {@code payload} as a double when it is a JSON number, else null.
   */
  String jsonNumber(List<String> path, List<Object> params);

  /** True when the value at {@code path} of {@code payload} is the JSON boolean {@code literal}. */
  String jsonBoolean(List<String> path, String literal, List<Object> params);

  // Inference (SqlInferenceTx).

  /**
   * The highest seq below which no event can still appear (see {@code Storage#lastSeq}), read on
   * {@code c}.
   */
  long committedSeq(Connection c) throws SQLException;

  /**
   * Called at the start of an inference: tells the planner that joins of a few scratch ranges to
   * big indexed tables must use the indexes, and that the event scan on {@code reader} should
   * stream from an index. Nothing where the planner needs no telling.
   */
  void preferIndexJoins(Connection writer, Connection reader) throws SQLException;

  /**
   * True when a text array binds as one parameter ({@code session_id = ANY(?)}); otherwise session
   * ids go through the {@code doomed_sessions} scratch table.
   */
  boolean bindsTextArrays();

  /**
   * Turns sequential scans off ({@code false}) or back on for the statements that follow on {@code
   * c}, where statistics may be stale right after a full rewrite. Nothing where there is no such
   * switch.
   */
  void sequentialScans(Connection c, boolean allowed) throws SQLException;

  /**
   * Streams the events of {@code SELECT <event columns> <tail>} in order; {@code tail} holds its
   * values as literals. Plain JDBC with a bounded fetch size unless the database has a faster way.
   */
  default long scanEvents(Connection c, String tail, Consumer<Event> sink) throws SQLException {
    return EventScanner.jdbc(c, tail, sink);
  }
}
