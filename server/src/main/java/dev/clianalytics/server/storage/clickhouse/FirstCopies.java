package dev.clianalytics.server.storage.clickhouse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The seq of the first committed copy of every event id, held in a {@code Set} table for the time
 * of one full read. A full read for inference goes in several statements, one per range of actor
 * ids, so that ClickHouse sorts the next range while inference works through this one
 * (docs/scaling-out.md, "Reading in actor ranges"); with the first copies grouped once here, each
 * statement looks its rows up in the set instead of grouping every id again. Every statement of the
 * read sees the same first copies, as the subquery of a single statement would.
 */
final class FirstCopies implements AutoCloseable {
  static final String PREFIX = "infer_first_";

  /** A set this old was left by a process that stopped during its read; it is dropped. */
  static final Duration STALE = Duration.ofDays(1);

  /** The most statements one read is split into. */
  static final int MAX_RANGES = 64;

  private final ClickHouseSql sql;
  private final String table;

  private FirstCopies(ClickHouseSql sql, String table) {
    this.sql = sql;
    this.table = table;
  }

  /** Groups the first copies of all ids committed so far into a new set table. */
  static FirstCopies create(ClickHouseSql sql, long nowMillis) {
    dropStale(sql, nowMillis);
    String table =
        PREFIX
            + nowMillis
            + "_"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    sql.execute("CREATE TABLE " + table + " ENGINE = Set AS " + ClickHouseStorage.FIRST_COPY_SEQS);
    return new FirstCopies(sql, table);
  }

  /** The condition that keeps an {@code events} row if it is the first committed copy of its id. */
  String condition() {
    return "seq IN " + table;
  }

  /**
   * {@code n} conditions on {@code actor_id} that together hold for every string and never two at
   * once, in ascending order: bounds are four-hex-digit prefixes spread evenly, since stored actor
   * ids are hex digests (other strings are covered too, in unevenly sized ranges).
   */
  static List<String> actorRanges(int n) {
    if (n < 1 || n > MAX_RANGES) {
      throw new IllegalArgumentException("ranges must be 1 to " + MAX_RANGES + ", was " + n);
    }
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String from = i == 0 ? null : bound(i, n);
      String to = i == n - 1 ? null : bound(i + 1, n);
      if (from == null && to == null) {
        out.add("1");
      } else if (from == null) {
        out.add("actor_id < '" + to + "'");
      } else if (to == null) {
        out.add("actor_id >= '" + from + "'");
      } else {
        out.add("actor_id >= '" + from + "' AND actor_id < '" + to + "'");
      }
    }
    return out;
  }

  private static String bound(int i, int n) {
    return String.format(Locale.ROOT, "%04x", i * 0x10000 / n);
  }

  /** Drops the sets of reads that began more than {@link #STALE} ago. */
  private static void dropStale(ClickHouseSql sql, long nowMillis) {
    long before = nowMillis - STALE.toMillis();
    List<String[]> rows =
        sql.queryText(
            "SELECT name FROM system.tables WHERE database = currentDatabase() AND name LIKE '"
                + PREFIX
                + "%'");
    for (String[] row : rows.subList(Math.min(1, rows.size()), rows.size())) {
      if (startedBefore(row[0], before)) {
        sql.execute("DROP TABLE IF EXISTS " + row[0]);
      }
    }
  }

  private static boolean startedBefore(String name, long millis) {
    int end = name.indexOf('_', PREFIX.length());
    try {
      return end > 0 && Long.parseLong(name.substring(PREFIX.length(), end)) < millis;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  @Override
  public void close() {
    sql.execute("DROP TABLE IF EXISTS " + table);
  }
}
