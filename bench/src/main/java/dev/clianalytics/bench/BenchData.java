package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.core.sample.SampleGenerator;
import dev.clianalytics.core.sample.SampleOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import dev.clianalytics.server.storage.postgres.DatabaseUrl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A scratch database for one benchmark run (a new schema on PostgreSQL, a new database on
 * ClickHouse, a temporary file for DuckDB) and sample events in their stored form (validated,
 * privacy applied), as ingest would store them.
 */
final class BenchData implements AutoCloseable {
  static final String SALT = "bench-salt-0123456789abcdef";

  private final String baseUrl;
  private final String schema;
  final String url;
  final Path dir;

  private BenchData(String baseUrl, String schema, String url, Path dir) {
    this.baseUrl = baseUrl;
    this.schema = schema;
    this.url = url;
    this.dir = dir;
  }

  static BenchData create(String baseUrl) throws IOException, SQLException {
    Path dir = Files.createTempDirectory("bench");
    if (baseUrl == null) {
      return new BenchData(null, null, null, dir);
    }
    String schema = "bench_" + Long.toHexString(System.nanoTime());
    if (ClickHouseUrl.isClickHouse(baseUrl)) {
      BenchClickHouse.execute(baseUrl, "CREATE DATABASE " + schema);
      return new BenchData(baseUrl, schema, BenchClickHouse.withDatabase(baseUrl, schema), dir);
    }
    execute(baseUrl, "CREATE SCHEMA " + schema);
    String url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new BenchData(baseUrl, schema, url, dir);
  }

  /**
   * A server on this data, as the benchmarks run it: a free port, {@code ingestToken} (and {@code
   * adminToken} when not null), no rate limits, inference every {@code inferInterval} ({@code "0"}:
   * only when asked).
   */
  Map<String, String> serverEnv(String ingestToken, String adminToken, String inferInterval) {
    Map<String, String> env = new HashMap<>();
    env.put("HASH_SALT", SALT);
    env.put("PORT", "0");
    env.put("INGEST_TOKENS", ingestToken);
    if (adminToken != null) {
      env.put("ADMIN_TOKEN", adminToken);
    }
    env.put("INFER_INTERVAL", inferInterval);
    env.put("RATE_LIMIT_PER_TOKEN", "0");
    env.put("RATE_LIMIT_PER_ADDRESS", "0");
    env.put("DATA_DIR", dir.toString());
    if (url != null) {
      env.put("DATABASE_URL", url);
    }
    return env;
  }

  /** {@link #serverEnv} as a configuration, with no inference unless asked. */
  ServerConfig serverConfig(String ingestToken) {
    return ServerConfig.from(serverEnv(ingestToken, null, "0"), dir.resolve("no.env"));
  }

  Storage open() {
    Storage storage = Storages.open(url, dir);
    storage.migrate();
    return storage;
  }

  /**
   * Generates {@code stored + extra} sample events (28 days ending yesterday, about one actor per
   * 2,000 events, at least 30) in their stored form, inserts the first {@code stored} in batches of
   * 10,000 as ingest would, and returns the last {@code extra} uninserted. Memory stays at one
   * batch.
   */
  static List<Event> load(Storage storage, int stored, int extra) {
    return load(storage, stored, extra, 0);
  }

  /**
   * As {@link #load(Storage, int, int)} with {@code later} more events generated after those and
   * dropped (so the first ones are the same as {@link #insertLater} expects); {@link #insertLater}
   * inserts them when asked, without their being kept meanwhile.
   */
  static List<Event> load(Storage storage, int stored, int extra, int later) {
    List<Event> rest = new ArrayList<>(extra);
    List<Event> batch = new ArrayList<>(10_000);
    generate(
        stored + extra + later,
        (index, event) -> {
          if (index < stored) {
            add(storage, batch, event);
          } else if (index < stored + extra) {
            rest.add(event);
          }
        });
    flush(storage, batch);
    return rest;
  }

  /** Inserts the {@code later} events of {@code load(storage, stored, extra, later)}. */
  static void insertLater(Storage storage, int stored, int extra, int later) {
    List<Event> batch = new ArrayList<>(10_000);
    generate(
        stored + extra + later,
        (index, event) -> {
          if (index >= stored + extra) {
            add(storage, batch, event);
          }
        });
    flush(storage, batch);
  }

  private interface Sink {
    void accept(int index, Event event);
  }

  // The same options for the same total, so the same events (but for random event ids) each time.
  private static void generate(int total, Sink sink) {
    LocalDate end = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    SampleOptions options = new SampleOptions(total, Math.max(30, total / 2_000), 28, 42, end);
    Privacy privacy = Privacy.server(SALT);
    Instant now = Instant.now();
    int[] seen = {0};
    new SampleGenerator(options)
        .generate(
            raw -> {
              if (!(EventValidator.validate(raw, now) instanceof Validation.Valid(Event e))) {
                return;
              }
              Event safe = privacy.apply(e);
              safe = safe.eventId() == null ? safe.withEventId(UUID.randomUUID()) : safe;
              sink.accept(seen[0]++, safe);
            });
  }

  private static void add(Storage storage, List<Event> batch, Event event) {
    batch.add(event);
    if (batch.size() == 10_000) {
      flush(storage, batch);
    }
  }

  private static void flush(Storage storage, List<Event> batch) {
    if (!batch.isEmpty()) {
      storage.insertEvents(batch, Instant.now());
      batch.clear();
    }
  }

  /** Refreshes planner statistics after the bulk load, as autovacuum soon would. */
  void analyze() throws SQLException {
    if (postgres()) {
      execute(url, "ANALYZE");
    }
  }

  /**
   * On ClickHouse, waits (at most two minutes) until no merge of this run's tables has run for
   * {@link #QUIET_SECONDS}, so a timed step does not pay for merging the parts an earlier step
   * inserted (ClickHouse starts merging a table's new parts some time after the insert, so an empty
   * list of merges right after a step does not mean none is coming); returns the seconds waited.
   * Merges a timed step's own inserts start are part of its time.
   */
  double settle() throws IOException, InterruptedException {
    if (url == null || postgres()) {
      return 0;
    }
    long t = System.nanoTime();
    String merges =
        "SELECT count() FROM system.merges WHERE database = '" + schema + "' FORMAT TSV";
    long deadline = t + 120_000_000_000L;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline
        && System.nanoTime() - quietSince < QUIET_SECONDS * 1_000_000_000L) {
      if (!new String(BenchClickHouse.post(baseUrl, merges, new byte[0]), StandardCharsets.UTF_8)
          .strip()
          .equals("0")) {
        quietSince = System.nanoTime();
      }
      Thread.sleep(100);
    }
    return (System.nanoTime() - t) / 1e9;
  }

  /** How long no merge may have run before {@link #settle} returns. */
  static final long QUIET_SECONDS = 3;

  @Override
  public void close() throws SQLException, IOException {
    if (schema != null && System.getenv("BENCH_KEEP_SCHEMA") == null) {
      if (postgres()) {
        execute(baseUrl, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      } else {
        BenchClickHouse.execute(baseUrl, "DROP DATABASE IF EXISTS " + schema);
      }
    }
  }

  /** Whether this run is on PostgreSQL (not embedded, not ClickHouse). */
  boolean postgres() {
    return url != null && !ClickHouseUrl.isClickHouse(url);
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection c = DatabaseUrl.parse(url).connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
