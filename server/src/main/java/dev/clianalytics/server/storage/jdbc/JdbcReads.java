package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** {@link SqlReads} on a JDBC connection (PostgreSQL, DuckDB), with their shared SQL. */
public final class JdbcReads implements SqlReads {
  private final Connection connection;
  private final SqlDialect dialect;
  private final boolean sumsBeforeReading;

  /**
   * Reads on {@code connection} that sort text as its database's locale does ({@link
   * #codePointOrder} changes nothing): for tests reading a server's tables directly.
   */
  public JdbcReads(Connection connection) {
    this(connection, null, true);
  }

  /** Reads on {@code connection} that sum before reading ({@link #sumsBeforeReading()}). */
  public JdbcReads(Connection connection, SqlDialect dialect) {
    this(connection, dialect, true);
  }

  /** See {@link SqlReads#sumsBeforeReading()}. */
  public JdbcReads(Connection connection, SqlDialect dialect, boolean sumsBeforeReading) {
    this.connection = connection;
    this.dialect = dialect;
    this.sumsBeforeReading = sumsBeforeReading;
  }

  @Override
  public String codePointOrder(String text) {
    return dialect == null ? text : dialect.collated(text);
  }

  @Override
  public boolean sumsBeforeReading() {
    return sumsBeforeReading;
  }

  @Override
  public boolean keepsRows() {
    return true;
  }

  @Override
  public <T> List<T> list(String sql, List<?> params, Mapper<T> mapper) throws SQLException {
    try (PreparedStatement s = prepare(sql, params)) {
      try (ResultSet rs = s.executeQuery()) {
        Row row = new ResultSetRow(rs);
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(mapper.map(row));
        }
        return out;
      }
    }
  }

  /** Fetches the rows {@link SqlRows#FETCH_SIZE} at a time inside a transaction. */
  @Override
  public void each(String sql, List<?> params, Each each) throws SQLException {
    try (PreparedStatement s = prepare(sql, params)) {
      s.setFetchSize(SqlRows.FETCH_SIZE);
      try (ResultSet rs = s.executeQuery()) {
        Row row = new ResultSetRow(rs);
        while (rs.next()) {
          each.accept(row);
        }
      }
    }
  }

  private PreparedStatement prepare(String sql, List<?> params) throws SQLException {
    PreparedStatement s = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        s.setObject(i + 1, params.get(i));
      }
      return s;
    } catch (SQLException e) {
      s.close();
      throw e;
    }
  }

  private record ResultSetRow(ResultSet rs) implements Row {
    @Override
    public long getLong(int column) throws SQLException {
      return rs.getLong(column);
    }

    @Override
    public int getInt(int column) throws SQLException {
      return rs.getInt(column);
    }

    @Override
    public double getDouble(int column) throws SQLException {
      return rs.getDouble(column);
    }

    @Override
    public String getString(int column) throws SQLException {
      return rs.getString(column);
    }

    @Override
    public Instant getInstant(int column) throws SQLException {
      OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }

    @Override
    public Object getObject(int column) throws SQLException {
      return rs.getObject(column);
    }

    @Override
    public boolean wasNull() throws SQLException {
      return rs.wasNull();
    }

    @Override
    public int columns() throws SQLException {
      return rs.getMetaData().getColumnCount();
    }
  }
}
