package dev.clianalytics.server.storage.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClickHouseUrlTest {

  @Test
  void parse_everyPart_isRead() {
    ClickHouseUrl url = ClickHouseUrl.parse("clickhouse://ana:s%40cret@ch.example:18123/analytics");

    assertEquals(new ClickHouseUrl("ana", "s@cret", "ch.example", 18123, "analytics", false), url);
    assertEquals("http://ch.example:18123", url.endpoint());
  }

  @Test
  void parse_noUserNoPort_defaultsToDefaultUserAndPort8123() {
    ClickHouseUrl url = ClickHouseUrl.parse("clickhouse://localhost/db");

    assertEquals("default", url.user());
    assertEquals("", url.password());
    assertEquals(8123, url.port());
  }

  @Test
  void parse_secure_usesHttpsAndPort8443() {
    ClickHouseUrl url = ClickHouseUrl.parse("clickhouse://u:p@host/db?secure=true");

    assertEquals("https://host:8443", url.endpoint());
  }

  @Test
  void toString_hidesThePassword() {
    String shown = ClickHouseUrl.parse("clickhouse://u:hunter2@host:8123/db").toString();

    assertFalse(shown.contains("hunter2"), shown);
    assertTrue(shown.contains("u:***@host:8123/db"), shown);
  }

  @Test
  void parse_malformed_explainsTheFormWithoutThePassword() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClickHouseUrl.parse("clickhouse://u:hunter2@host:8123"));

    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("clickhouse://[user[:password]@]host"), e.getMessage());
  }

  @Test
  void parse_unknownParameter_isRefusedByName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClickHouseUrl.parse("clickhouse://host/db?sslmode=require"));

    assertTrue(e.getMessage().contains("sslmode=require"), e.getMessage());
  }

  @Test
  void parse_databaseWithAQuote_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> ClickHouseUrl.parse("clickhouse://h/a'b"));
  }
}
