package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.storage.jdbc.Migrations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenRowsTest {
  private record Body(String table, List<String> columns, byte[] bytes) {}

  /** Reads rows of (String, Int64, Int32, UInt8, UInt64 gen) back from one body. */
  private static List<List<Object>> decode(byte[] body) {
    ByteBuffer in = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    List<List<Object>> rows = new ArrayList<>();
    while (in.hasRemaining()) {
      int length = 0;
      for (int shift = 0; ; shift += 7) {
        int b = in.get();
        length |= (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          break;
        }
      }
      byte[] text = new byte[length];
      in.get(text);
      rows.add(
          List.of(
              new String(text, StandardCharsets.UTF_8),
              in.getLong(),
              in.getInt(),
              (int) in.get(),
              in.getLong()));
    }
    return rows;
  }

  @Test
  void rowsAreSentWholeInBodiesOfAboutTheFlushSize_eachTaggedWithTheGeneration() throws Exception {
    List<Body> bodies = new ArrayList<>();
    List<List<Object>> expected = new ArrayList<>();
    try (GenRows rows =
        new GenRows(
            (table, columns, body) -> bodies.add(new Body(table, columns, body)),
            "things",
            "name, size, count, ok",
            42,
            64)) {
      for (int i = 0; i < 20; i++) {
        String name = "thing-" + i + (i % 3 == 0 ? " ✓" : "");
        rows.text(name).int64(1L << (i + 20)).int32(-i).bool(i % 2 == 0).endRow();
        expected.add(List.of(name, 1L << (i + 20), -i, i % 2 == 0 ? 1 : 0, 42L));
      }
    }

    assertTrue(bodies.size() > 3, "split into several inserts: " + bodies.size());
    List<List<Object>> sent = new ArrayList<>();
    for (Body b : bodies) {
      assertEquals("things_rows", b.table());
      assertEquals(List.of("name", "size", "count", "ok", "gen"), b.columns());
      assertTrue(b.bytes().length < 64 + 40, "a body stops at the first row past 64 bytes");
      sent.addAll(decode(b.bytes()));
    }
    assertEquals(expected, sent);
  }

  @Test
  void eachBodysRows_goInTheTablesSortingKeyOrder_noneLostOrChanged() throws Exception {
    List<byte[]> bodies = new ArrayList<>();
    List<List<Object>> written = new ArrayList<>();
    java.util.Random random = new java.util.Random(3);
    try (GenRows rows =
        new GenRows(
            (table, columns, body) -> bodies.add(body),
            "error_counts",
            "day, actor_id, tool, error_type, events",
            7,
            4_000)) {
      for (int i = 0; i < 500; i++) {
        List<Object> row =
            List.of(
                "2026-03-0" + random.nextInt(3),
                "actor-" + random.nextInt(50),
                "tool-" + random.nextInt(4),
                "Error" + random.nextInt(5),
                (long) i);
        rows.text((String) row.get(0))
            .text((String) row.get(1))
            .text((String) row.get(2))
            .text((String) row.get(3))
            .int64((Long) row.get(4))
            .endRow();
        written.add(row);
      }
    }

    assertTrue(bodies.size() > 3, "several bodies: " + bodies.size());
    List<List<Object>> sent = new ArrayList<>();
    java.util.Comparator<List<Object>> byKey =
        java.util.Comparator.<List<Object>, String>comparing(r -> (String) r.get(0))
            .thenComparing(r -> (String) r.get(2))
            .thenComparing(r -> (String) r.get(3));
    for (byte[] body : bodies) {
      RowBinaryInput in = new RowBinaryInput(new java.io.ByteArrayInputStream(body));
      List<List<Object>> rowsOfBody = new ArrayList<>();
      while (in.more()) {
        rowsOfBody.add(List.of(in.string(), in.string(), in.string(), in.string(), in.int64()));
        assertEquals(7L, in.int64()); // gen
      }
      assertEquals(rowsOfBody.stream().sorted(byKey).toList(), rowsOfBody);
      sent.addAll(rowsOfBody);
    }
    java.util.Comparator<List<Object>> whole = byKey.thenComparing(r -> (Long) r.get(4));
    assertEquals(written.stream().sorted(whole).toList(), sent.stream().sorted(whole).toList());
  }

  @Test
  void sortingKeys_areTheOrderByOfEveryRowsTableInTheMigrations() throws Exception {
    java.util.Map<String, List<String>> found = new java.util.TreeMap<>();
    java.util.regex.Pattern table =
        java.util.regex.Pattern.compile(
            "CREATE TABLE IF NOT EXISTS (\\w+)_rows \\((?s:.*?)\\) ENGINE = \\w+ ORDER BY \\(([^)]*)\\)");
    for (String file : Migrations.CLICKHOUSE) {
      String sql;
      try (var in = GenRows.class.getResourceAsStream("/db/clickhouse/" + file)) {
        sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      var m = table.matcher(sql);
      while (m.find()) {
        found.put(
            m.group(1), java.util.Arrays.stream(m.group(2).split(",")).map(String::strip).toList());
      }
    }
    assertEquals(new java.util.TreeMap<>(GenRows.SORTING_KEYS), found);
  }
}
