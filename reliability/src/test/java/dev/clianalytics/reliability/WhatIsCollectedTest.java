package dev.clianalytics.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.privacy.Privacy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/what-is-collected.md matches the database: an instrumented tool runs once successfully and
 * once failing against the real server, and the stored rows, read over JDBC, have exactly the
 * documented fields, filled when the page says they are, with the values it promises.
 */
class WhatIsCollectedTest {
  private static final Path PAGE = Path.of("..", "docs", "what-is-collected.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\| ([^|]+) \\|");

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"postgres", "clickhouse", "duckdb"})
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void storedRows_haveExactlyTheDocumentedFields(String database) throws Exception {
    Map<String, String> documented = documentedFields();
    String actorId;
    Map<String, String> ok;
    Map<String, String> failed;
    try (InProcessServer server =
        InProcessServer.start(database, getClass(), dir.resolve("data"))) {
      Map<String, String> env =
          InProcessServer.sdkEnv(
              dir.resolve("home"),
              "ACME_TELEMETRY",
              "1",
              "ACME_TELEMETRY_URL",
              server.ingestUrl(),
              "ACME_TELEMETRY_TOKEN",
              InProcessServer.INGEST);
      assertEquals(
          0, TinyTool.run("acme", env, "deploy", "--force", "--region", "eu-x9", "web").exitCode());
      assertEquals(1, TinyTool.run("acme", env, "deploy", "broken").exitCode());
      actorId = TinyTool.run("acme", env, "telemetry", "status").actorId();
      server.stop();
      if (database.equals("clickhouse")) {
        List<Map<String, String>> rows =
            clickHouseRows(
                server.clickHouseSql(
                    "SELECT * FROM events ORDER BY exit_code FORMAT TabSeparatedWithNames"));
        assertEquals(2, rows.size(), "exactly the two runs were stored: " + rows);
        ok = rows.get(0);
        failed = rows.get(1);
      } else {
        try (Connection c = server.connect();
            Statement s = c.createStatement();
            ResultSet rs =
                s.executeQuery("SELECT * FROM " + server.events() + " ORDER BY exit_code")) {
          ok = row(rs);
          failed = row(rs);
          assertFalse(rs.next(), "exactly the two runs were stored");
        }
      }
    }
    assertEquals(
        documented.keySet(), ok.keySet(), "the events table's columns are the page's fields");
    documented.forEach((field, filled) -> checkFilled(field, filled, ok, failed));

    assertEquals("acme", ok.get("tool_name"));
    assertEquals("3.1.0", ok.get("tool_version"));
    assertTrue(ok.get("command_path").contains("deploy"), ok.get("command_path"));
    for (String value : List.of("web", "eu-x9", "broken")) {
      assertFalse(String.join(" ", ok.values()).contains(value), value + " was stored: " + ok);
      assertFalse(
          String.join(" ", failed.values()).contains(value), value + " was stored: " + failed);
    }
    assertTrue(
        ok.get("flags_present").contains("--force")
            && ok.get("flags_present").contains("--region"));
    assertEquals("IllegalStateException", failed.get("error_type"));
    assertEquals("cannot reach <url>", failed.get("error_message"));
    assertEquals(Privacy.server(InProcessServer.SALT).identifier(actorId), ok.get("actor_id"));
    assertEquals(ok.get("actor_id"), failed.get("actor_id"));
  }

  private static void checkFilled(
      String field, String filled, Map<String, String> ok, Map<String, String> failed) {
    switch (filled) {
      case "always", "no (server)" -> {
        assertNotNull(ok.get(field), field);
        assertNotNull(failed.get(field), field);
      }
      case "on failure" -> {
        assertNull(ok.get(field), field);
        assertNotNull(failed.get(field), field);
      }
      case "no" -> {
        assertNull(ok.get(field), field);
        assertNull(failed.get(field), field);
      }
      default -> throw new AssertionError("unknown 'filled by the SDK' value: " + filled);
    }
  }

  /** Field name to "filled by the SDK", from the page's "Stored for each run" table. */
  static Map<String, String> documentedFields() throws IOException {
    String page = Files.readString(PAGE);
    int start = page.indexOf("## Stored for each run");
    int end = page.indexOf("\n## ", start + 1);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : page.substring(start, end).split("\n")) {
      Matcher m = ROW.matcher(line);
      if (m.find()) {
        fields.put(m.group(1), m.group(2).strip());
      }
    }
    assertTrue(fields.size() > 10, "read the table: " + fields);
    return fields;
  }

  /**
   * ClickHouse's events rows by column name, {@code \N} as null. Its two times are stored as
   * microseconds ({@code ts_us}, {@code received_us}, docs/scaling-out.md) and named here as the
   * page names them; every other column keeps its name.
   */
  private static List<Map<String, String>> clickHouseRows(String tabSeparatedWithNames) {
    List<String> lines = tabSeparatedWithNames.lines().filter(l -> !l.isEmpty()).toList();
    List<String> names =
        java.util.Arrays.stream(lines.getFirst().split("\t", -1))
            .map(n -> n.equals("ts_us") ? "ts" : n.equals("received_us") ? "received_at" : n)
            .toList();
    List<Map<String, String>> rows = new java.util.ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] values = line.split("\t", -1);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        row.put(names.get(i), values[i].equals("\\N") ? null : values[i]);
      }
      rows.add(row);
    }
    return rows;
  }

  private static Map<String, String> row(ResultSet rs) throws Exception {
    assertTrue(rs.next());
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, String> row = new HashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      row.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), rs.getString(i));
    }
    return row;
  }
}
