package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A starter {@code events} table read straight from PostgreSQL, keyset-paged by id. */
final class PostgresRows implements SeedRows {
  private static final String NAME = "[a-z_][a-z0-9_]{0,62}";

  private final Connection connection;
  private final String table;
  private final String display;

  private PostgresRows(Connection connection, String table, String display) {
    this.connection = connection;
    this.table = table;
    this.display = display;
  }

  static PostgresRows open(String source, String table) {
    if (!table.matches("(" + NAME + "\\.)?" + NAME)) {
      throw new CliException(
          "--table must be a lowercase table name, optionally schema-qualified (public.events),"
              + " was '"
              + table
              + "'");
    }
    String qualified = table.contains(".") ? table : "public." + table;
    DatabaseUrl url;
    try {
      url = DatabaseUrl.parse(source);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage().replace("DATABASE_URL", "the import source"));
    }
    try {
      Connection c = url.connect();
      c.setReadOnly(true);
      return new PostgresRows(c, qualified, url.toString());
    } catch (SQLException e) {
      throw new CliException("cannot connect to " + url + ": " + e.getMessage());
    }
  }

  @Override
  public long total() {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  public List<Row> page(String afterId, int size) {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT id::text, payload::text FROM "
                + table
                + " WHERE ?::uuid IS NULL OR id > ?::uuid ORDER BY id LIMIT ?")) {
      s.setString(1, afterId);
      s.setString(2, afterId);
      s.setInt(3, size);
      List<Row> rows = new ArrayList<>(size);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String payload = rs.getString(2);
          rows.add(new Row(rs.getString(1), payload == null ? null : parse(payload)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  private static Object parse(String json) {
    try {
      return Json.parse(json);
    } catch (JsonException e) {
      return json;
    }
  }

  private CliException failed(SQLException e) {
    return new CliException(
        "reading "
            + table
            + " at "
            + display
            + " failed (SQLState "
            + e.getSQLState()
            + "): "
            + e.getMessage()
            + "; the table must have the columns id uuid and payload jsonb (or json)");
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Read-only work is done; nothing to recover.
    }
  }
}
