package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
