package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.RowWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Derived rows into {@code <table>_rows}, each tagged with the generation of the inference writing
 * it (see docs/scaling-out.md), sent as {@code RowBinary} inserts of a few megabytes. Each body's
 * rows go in the order of the table's sorting key ({@link #SORTING_KEYS}): ClickHouse sorts every
 * insert by that key before writing it, and sorts rows that come in order in a fraction of the
 * time.
 */
final class GenRows implements RowWriter {
  /**
   * Rows per insert, in bytes: each insert makes a part ClickHouse later merges, so large bodies
   * cost its CPU less (4 MB bodies took 1.5 s more of it per million events than 32 MB ones). Just
   * under a power of two, so the buffer, doubling from 64 KB, stops at 32 MB.
   */
  static final int FLUSH_BYTES = 31 << 20;

  /**
   * The {@code ORDER BY} columns of each {@code *_rows} table (db/clickhouse's migrations), all
   * {@code String}s; a table not listed here is sent in the order its rows were written.
   */
  static final Map<String, List<String>> SORTING_KEYS =
      Map.of(
          "sessions", List.of("actor_id", "session_id"),
          "workflow_runs", List.of("workflow", "start_day", "session_id"),
          "session_recovery", List.of("start_day", "session_id"),
          "event_counts", List.of("day", "tool", "command"),
          "error_counts", List.of("day", "tool", "error_type"),
          "platform_counts", List.of("day", "tool", "actor_id"),
          "path_totals", List.of("day", "tool", "sequence"),
          "path_actors", List.of("day", "tool", "sequence", "actor_id"),
          "workflow_weeks", List.of("start_day", "workflow"));

  /** Where a body of rows goes: {@link ClickHouseSql#insertRows} or {@link BackgroundInserts}. */
  @FunctionalInterface
  interface Inserts {
    void insert(String table, List<String> columns, byte[] body);
  }

  private final Inserts inserts;
  private final String table;
  private final List<String> columns;
  private final long gen;
  private final RowBinaryBytes rows = new RowBinaryBytes(64 << 10);
  private final int flushBytes;

  /** For each column, its place in the sorting key, or -1. */
  private final int[] keyOf;

  private final int keyLength;

  /** The key values of the rows so far, {@link #keyLength} a row. */
  private String[] keys = new String[0];

  /** Where each row so far ends in {@link #rows}. */
  private int[] ends = new int[0];

  private int count;
  private int column;

  GenRows(Inserts inserts, String table, String columns, long gen) {
    this(inserts, table, columns, gen, FLUSH_BYTES);
  }

  GenRows(Inserts inserts, String table, String columns, long gen, int flushBytes) {
    this.flushBytes = flushBytes;
    this.inserts = inserts;
    this.table = table + "_rows";
    List<String> names =
        new ArrayList<>(Arrays.stream(columns.split(",")).map(String::strip).toList());
    List<String> key = SORTING_KEYS.getOrDefault(table, List.of());
    keyOf = new int[names.size()];
    for (int i = 0; i < keyOf.length; i++) {
      keyOf[i] = key.indexOf(names.get(i));
    }
    keyLength = key.size();
    names.add("gen");
    this.columns = List.copyOf(names);
    this.gen = gen;
  }

  @Override
  public RowWriter text(String value) {
    if (keyLength > 0 && keyOf[column] >= 0) {
      int at = count * keyLength + keyOf[column];
      if (at >= keys.length) {
        keys = Arrays.copyOf(keys, Math.max(keyLength * 1024, keys.length * 2));
      }
      keys[at] = value;
    }
    column++;
    rows.string(value);
    return this;
  }

  @Override
  public RowWriter int64(long value) {
    column++;
    rows.int64(value);
    return this;
  }

  @Override
  public RowWriter int32(int value) {
    column++;
    rows.int32(value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) {
    column++;
    rows.uint8(value ? 1 : 0);
    return this;
  }

  @Override
  public RowWriter timestamp(Instant value) {
    return int64(DerivedRows.micros(value));
  }

  @Override
  public void endRow() {
    rows.int64(gen); // UInt64
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, Math.max(1024, ends.length * 2));
    }
    ends[count++] = rows.length();
    column = 0;
    if (rows.length() >= flushBytes) {
      flush();
    }
  }

  @Override
  public void flush() {
    if (rows.isEmpty()) {
      return;
    }
    byte[] body = keyLength == 0 ? rows.take() : rows.take(ends, inKeyOrder());
    Arrays.fill(keys, 0, count * keyLength, null);
    count = 0;
    inserts.insert(table, columns, body);
  }

  // The rows' numbers in the order of their keys (UTF-16 order, which is ClickHouse's byte order
  // for every key short of characters past U+FFFF; close enough for it to sort little).
  private int[] inKeyOrder() {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          for (int k = 0; k < keyLength; k++) {
            String x = keys[a * keyLength + k];
            String y = keys[b * keyLength + k];
            // days, tools and sequences are mostly shared instances: equal without a scan
            int c = x == y ? 0 : x.compareTo(y);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        });
    int[] out = new int[count];
    for (int i = 0; i < count; i++) {
      out[i] = order[i];
    }
    return out;
  }

  @Override
  public void close() {
    flush();
  }
}
