package dev.clianalytics.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@code duckdb-merge [--rows N] [--batch N]}: what the embedded database's write path costs by
 * itself, with the server's shape of it (appender into a temporary staging table, one {@code INSERT
 * ... SELECT} with the window functions into {@code events}, empty the staging table, commit), for
 * each set of indexes on {@code events}: all four of the schema (primary key, unique seq, {@code
 * (actor_id, ts)}, {@code ts}), the primary key alone, none; and, as the floor of any write path on
 * DuckDB, {@code append}: the appender straight into a table with every column of the server's
 * {@code events} (the other three have a subset) and no index, staging table or merge, so no
 * duplicate check at all. No HTTP, no JSON, no privacy rules: an upper bound for the {@code ingest}
 * benchmark on the embedded database (docs/server.md). Each line also gives the process's CPU time
 * per row (both of DuckDB's threads and the JVM's).
 */
final class DuckDbMergeBench {
  private DuckDbMergeBench() {}

  static void run(String[] args) throws SQLException, IOException {
    int rows = 200_000;
    int batch = 2_000;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("duckdb-merge");
    try {
      OperatingSystemMXBean os =
          (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      for (String indexes : List.of("all", "primary-key", "none", "append")) {
        long cpu = os.getProcessCpuTime();
        double perSecond = measure(dir.resolve(indexes + ".db"), indexes, rows, batch);
        System.out.printf(
            Locale.ROOT,
            "rows_per_s %-12s %.0f cpu_us_per_row %.1f (batch %d, %d rows)%n",
            indexes,
            perSecond,
            (os.getProcessCpuTime() - cpu) / 1e3 / rows,
            batch,
            rows);
      }
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static double measure(Path file, String indexes, int rows, int batch)
      throws SQLException {
    if (indexes.equals("append")) {
      return append(file, rows, batch);
    }
    boolean pk = !indexes.equals("none");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE events (event_id UUID"
              + (pk ? " PRIMARY KEY" : "")
              + ", seq BIGINT NOT NULL"
              + (indexes.equals("all") ? " UNIQUE" : "")
              + ", received_at TIMESTAMPTZ NOT NULL, ts TIMESTAMPTZ NOT NULL, tool_name VARCHAR"
              + " NOT NULL, command_path VARCHAR[] NOT NULL, exit_code INTEGER NOT NULL, actor_id"
              + " VARCHAR NOT NULL, error_message VARCHAR)");
      if (indexes.equals("all")) {
        s.execute("CREATE INDEX events_actor_ts ON events (actor_id, ts)");
        s.execute("CREATE INDEX events_ts ON events (ts)");
      }
      s.execute(
          "CREATE TEMP TABLE staging (ord INTEGER, event_id UUID, ts TIMESTAMPTZ, tool_name"
              + " VARCHAR, command_path VARCHAR[], exit_code INTEGER, actor_id VARCHAR,"
              + " error_message VARCHAR, received_at TIMESTAMPTZ)");
      c.setAutoCommit(false);
      String merge =
          "INSERT INTO events SELECT event_id, ? + row_number() OVER (ORDER BY ord), received_at,"
              + " ts, tool_name, command_path, exit_code, actor_id, error_message FROM (SELECT *,"
              + " row_number() OVER (PARTITION BY event_id ORDER BY ord) AS nth FROM staging) s"
              + " WHERE nth = 1"
              + (pk ? " ON CONFLICT (event_id) DO NOTHING" : "")
              + " RETURNING event_id";
      Random random = new Random(1);
      long seq = 0;
      long now = System.currentTimeMillis() * 1_000;
      long start = System.nanoTime();
      for (int done = 0; done < rows; done += batch) {
        try (DuckDBAppender a =
            c.unwrap(DuckDBConnection.class)
                .createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, "staging")) {
          for (int i = 0; i < batch; i++) {
            a.beginRow();
            a.append(i);
            a.append(UUID.randomUUID());
            appendValues(a, random, now);
            a.appendEpochMicros(now);
            a.endRow();
          }
        }
        try (PreparedStatement m = c.prepareStatement(merge)) {
          m.setLong(1, seq);
          try (ResultSet rs = m.executeQuery()) {
            while (rs.next()) {
              seq++;
            }
          }
        }
        s.execute("DELETE FROM staging");
        c.commit();
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** Rows per second for the appender alone into an unindexed table of all the event columns. */
  private static double append(Path file, int rows, int batch) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE events (event_id UUID NOT NULL, seq BIGINT NOT NULL, received_at"
              + " TIMESTAMPTZ NOT NULL, ts TIMESTAMPTZ NOT NULL, tool_name VARCHAR NOT NULL,"
              + " tool_version VARCHAR, command_path VARCHAR[] NOT NULL, flags_present VARCHAR[]"
              + " NOT NULL, exit_code INTEGER NOT NULL, duration_ms BIGINT, error_type VARCHAR,"
              + " error_message VARCHAR, actor_id VARCHAR NOT NULL, machine_id VARCHAR,"
              + " session_hint VARCHAR, ci_detected BOOLEAN NOT NULL, os VARCHAR, arch VARCHAR,"
              + " runtime VARCHAR)");
      c.setAutoCommit(false);
      Random random = new Random(1);
      String[] ids = new String[300];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = String.format(Locale.ROOT, "%016x%016x", random.nextLong(), random.nextLong());
      }
      long seq = 0;
      long now = System.currentTimeMillis() * 1_000;
      long start = System.nanoTime();
      for (int done = 0; done < rows; done += batch) {
        try (DuckDBAppender a =
            c.unwrap(DuckDBConnection.class)
                .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "events")) {
          for (int i = 0; i < batch; i++) {
            boolean failed = random.nextInt(3) == 0;
            a.beginRow();
            a.append(UUID.randomUUID());
            a.append(++seq);
            a.appendEpochMicros(now);
            a.appendEpochMicros(now - random.nextInt(1_000_000_000));
            a.append("terraform");
            a.append("1.9.2");
            a.append(List.of("terraform", "apply"));
            a.append(List.of("--auto-approve", "--var-file"));
            a.append(failed ? 1 : 0);
            a.append((Long) (long) random.nextInt(60_000));
            a.append(failed ? "UsageError" : null);
            a.append(failed ? "Error: something failed" : null);
            a.append(ids[random.nextInt(ids.length)]);
            a.append(ids[random.nextInt(ids.length)]);
            a.append(ids[random.nextInt(ids.length)].substring(0, 16));
            a.append(false);
            a.append("linux");
            a.append("x86_64");
            a.append("go1.22");
            a.endRow();
          }
        }
        c.commit();
      }
      return rows / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** The columns from {@code ts} to {@code error_message}, in both tables' order. */
  private static void appendValues(DuckDBAppender a, Random random, long now) throws SQLException {
    a.appendEpochMicros(now - random.nextInt(1_000_000_000));
    a.append("terraform");
    a.append(List.of("terraform", "apply"));
    a.append(random.nextInt(3));
    a.append("actor-" + random.nextInt(300));
    a.append("Error: something failed");
  }
}
