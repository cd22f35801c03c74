package dev.clianalytics.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.rest.RestQuery;
import dev.clianalytics.server.storage.RowQuery.Field;
import dev.clianalytics.server.storage.RowQuery.Filter;
import dev.clianalytics.server.storage.RowQuery.Op;
import dev.clianalytics.server.storage.Storage.Row;
import dev.clianalytics.server.testing.TestClickHouse;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random filter trees, orders and pages give, as SQL on each database, exactly the rows (and the
 * count) that {@link RowQuery#apply} gives by filtering the full list in Java, both as built and
 * when written as PostgREST query parameters and parsed back by {@link RestQuery}.
 */
class RowQueryPropertyTest {
  private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
  private static final List<String> TOOLS =
      List.of("git", "Git", "terraform", "a%b", "x_y", "kubectl");
  private static final List<Field> FIELDS =
      List.of(
          Field.ID,
          path(true, "tool_name"),
          path(false, "tool_name"),
          path(true, "exit_code"),
          path(false, "exit_code"),
          path(false, "duration_ms"),
          path(true, "duration_ms"),
          path(true, "error_type"),
          path(true, "ci_detected"),
          path(false, "ci_detected"),
          path(true, "command_path", "0"),
          path(true, "command_path", "1"),
          path(true, "command_path"),
          path(true, "timestamp"),
          path(true, "command"),
          path(false, "weeks"),
          path(true, "weeks"),
          path(false, "ok"),
          path(true, "meta", "kind"),
          path(true, "missing"));
  private static final List<String> OPERANDS =
      List.of(
          "git",
          "Git",
          "terraform",
          "a%b",
          "0",
          "1",
          "2",
          "-1",
          "2.5",
          "true",
          "false",
          "\"git\"",
          "plan",
          "ai-do",
          "x",
          "MergeConflict",
          "[\"git\",\"commit\"]",
          "1200");
  private static final List<String> PATTERNS =
      List.of("g%", "%t", "%a\\%%", "x_y", "_it", "%", "T%");

  @TempDir Path dataDir;

  @Test
  void randomQueries_duckDb_matchJava() {
    try (Storage storage = Storages.open(null, dataDir)) {
      storage.migrate();
      check(storage, 1);
    }
  }

  @Test
  void randomQueries_postgres_matchJava() {
    try (TestPostgres pg = TestPostgres.create(RowQueryPropertyTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), dataDir)) {
      storage.migrate();
      check(storage, 2);
    }
  }

  @Test
  void randomQueries_clickHouse_matchJava() {
    try (TestClickHouse ch = TestClickHouse.create(RowQueryPropertyTest.class);
        Storage storage = Storages.open(ch.databaseUrl(), dataDir)) {
      storage.migrate();
      check(storage, 3);
    }
  }

  private static void check(Storage storage, long seed) {
    Random random = new Random(seed);
    List<UUID> ids = fill(storage, random);
    List<Row> all =
        storage
            .query(new RowQuery(new RowQuery.All(List.of()), List.of(), 0, 10_000), false)
            .rows();
    assertEquals(ids.size(), all.size(), "every stored row but the hidden marker");
    int nonEmpty = 0;
    int filtered = 0;
    for (int i = 0; i < 400; i++) {
      RowQuery q =
          new RowQuery(
              filter(random, ids, 0), orders(random), random.nextInt(6), 1 + random.nextInt(40));
      RowQuery.Page expected = q.apply(all, true);
      RowQuery.Page actual = storage.query(q, true);
      assertEquals(idsOf(expected.rows()), idsOf(actual.rows()), "rows of " + q);
      assertEquals(expected.total(), actual.total(), "count of " + q);
      // the same query written as PostgREST parameters and read back by the parser
      Map<String, List<String>> params = PostgrestSyntax.params(q);
      RestQuery parsed = RestQuery.of(params);
      RowQuery.Page viaParser =
          storage.query(new RowQuery(parsed.filter(), parsed.order(), q.offset(), q.limit()), true);
      assertEquals(idsOf(expected.rows()), idsOf(viaParser.rows()), "rows of " + params);
      assertEquals(expected.total(), viaParser.total(), "count of " + params);
      nonEmpty += expected.rows().isEmpty() ? 0 : 1;
      filtered += expected.total() > 0 && expected.total() < all.size() ? 1 : 0;
    }
    // the random trees must exercise the filters, not only match everything or nothing
    assertTrue(
        nonEmpty > 100 && filtered > 100, nonEmpty + " non-empty, " + filtered + " filtered");
  }

  private static List<UUID> fill(Storage storage, Random random) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      boolean failed = random.nextBoolean();
      events.add(
          new Event(
              BASE.plusSeconds(random.nextInt(1000)).plusNanos(1000L * random.nextInt(1000)),
              TOOLS.get(random.nextInt(TOOLS.size())),
              random.nextBoolean() ? "1.0" : null,
              random.nextBoolean() ? List.of("git", "commit") : List.of("terraform", "plan", "x"),
              List.of(),
              failed ? List.of(1, 2, -1, 127).get(random.nextInt(4)) : 0,
              random.nextBoolean() ? (long) random.nextInt(3000) : null,
              failed && random.nextBoolean() ? "MergeConflict" : null,
              null,
              "actor-" + random.nextInt(5),
              null,
              null,
              random.nextBoolean(),
              UUID.randomUUID()));
    }
    Event marker = events.getFirst();
    events.add(
        new Event(
            BASE,
            "git",
            null,
            List.of("git"),
            List.of(),
            RowQuery.HIDDEN_EXIT_CODE,
            null,
            null,
            null,
            "actor-0",
            null,
            null,
            false,
            UUID.randomUUID()));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("command", random.nextBoolean() ? "ai-do" : "plan");
      if (random.nextBoolean()) {
        doc.put("weeks", random.nextBoolean() ? (Object) (long) random.nextInt(4) : 2.5);
      }
      if (random.nextBoolean()) {
        doc.put("ok", random.nextBoolean());
      }
      if (random.nextBoolean()) {
        doc.put("exit_code", random.nextBoolean() ? (Object) 1L : "1");
      }
      if (random.nextInt(4) == 0) {
        doc.put("timestamp", BASE.plusSeconds(random.nextInt(1000)).toString());
      }
      if (random.nextBoolean()) {
        doc.put("meta", Map.of("kind", random.nextBoolean() ? "x" : "git"));
      }
      documents.add(doc);
    }
    Storage.BatchResult stored = storage.insertBatch(events, documents, BASE.plusSeconds(5000));
    List<UUID> ids = new ArrayList<>();
    for (Event e : events) {
      if (e.exitCode() != RowQuery.HIDDEN_EXIT_CODE) {
        ids.add(e.eventId());
      }
    }
    ids.addAll(stored.documentIds());
    assertEquals(marker.eventId(), ids.getFirst());
    return ids;
  }

  private static Filter filter(Random random, List<UUID> ids, int depth) {
    int kind = depth >= 3 ? 3 : random.nextInt(6);
    return switch (kind) {
      case 0 -> new RowQuery.All(children(random, ids, depth));
      case 1 -> new RowQuery.Any(children(random, ids, depth));
      case 2 -> new RowQuery.Not(filter(random, ids, depth + 1));
      default -> test(random, ids);
    };
  }

  private static List<Filter> children(Random random, List<UUID> ids, int depth) {
    List<Filter> out = new ArrayList<>();
    for (int i = 1 + random.nextInt(3); i > 0; i--) {
      out.add(filter(random, ids, depth + 1));
    }
    return out;
  }

  private static Filter test(Random random, List<UUID> ids) {
    Field f = FIELDS.get(random.nextInt(FIELDS.size()));
    Op op = Op.values()[random.nextInt(Op.values().length)];
    if (op == Op.IS) {
      return new RowQuery.Test(
          f, op, List.of(List.of("null", "true", "false").get(random.nextInt(3))));
    }
    if (f.isId() || RowQuery.isTimestamp(f)) {
      if (op == Op.LIKE || op == Op.ILIKE) {
        op = Op.EQ;
      }
      List<String> values = new ArrayList<>();
      for (int i = op == Op.IN ? 1 + random.nextInt(3) : 1; i > 0; i--) {
        values.add(
            f.isId()
                ? ids.get(random.nextInt(ids.size())).toString()
                : BASE.plusSeconds(random.nextInt(1000)).toString());
      }
      return new RowQuery.Test(f, op, values);
    }
    if (op == Op.LIKE || op == Op.ILIKE) {
      return new RowQuery.Test(f, op, List.of(PATTERNS.get(random.nextInt(PATTERNS.size()))));
    }
    List<String> values = new ArrayList<>();
    for (int i = op == Op.IN ? 1 + random.nextInt(3) : 1; i > 0; i--) {
      values.add(OPERANDS.get(random.nextInt(OPERANDS.size())));
    }
    return new RowQuery.Test(f, op, values);
  }

  private static List<RowQuery.Order> orders(Random random) {
    List<RowQuery.Order> out = new ArrayList<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      boolean desc = random.nextBoolean();
      out.add(
          new RowQuery.Order(
              FIELDS.get(random.nextInt(FIELDS.size())),
              desc,
              random.nextInt(3) == 0 ? !desc : desc));
    }
    return out;
  }

  private static Field path(boolean text, String... keys) {
    return new Field(List.of(keys), text);
  }

  private static List<UUID> idsOf(List<Row> rows) {
    return rows.stream().map(Row::id).toList();
  }
}
