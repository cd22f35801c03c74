package dev.clianalytics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The options of {@code infer} and {@code reports}: values as given, bad ones with a reason. */
class BenchArgsTest {
  @Test
  void parse_readsBothOptions() {
    BenchArgs a =
        BenchArgs.parse(
            new String[] {"--database-url", "postgresql://h/db", "--events", "500_000"});
    assertEquals("postgresql://h/db", a.databaseUrl());
    assertEquals(500_000, a.events());
    assertNull(BenchArgs.parse(new String[] {"--database-url", "duckdb"}).databaseUrl());
  }

  @Test
  void parse_badInput_saysWhatIsWrong() {
    assertEquals(
        "unknown option --event; use --database-url URL --events N", message("--event", "5"));
    assertEquals("--events needs a value", message("--events"));
    assertEquals("--events needs a whole number, was lots", message("--events", "lots"));
    assertEquals("--events must be from 20000 to 20000000, was 10", message("--events", "10"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> BenchArgs.parse(args)).getMessage();
  }
}
