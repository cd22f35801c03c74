package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.RowWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Derived rows into {@code <table>_rows}, each tagged with the generation of the inference writing
 * it (see docs/scaling-out.md), sent as {@code RowBinary} inserts of a few megabytes.
 */
final class GenRows implements RowWriter {
  /**
   * Rows per insert, in bytes: each insert makes a part ClickHouse later merges, so large bodies
   * cost its CPU less (4 MB bodies took 1.5 s more of it per million events than 32 MB ones). Just
   * under a power of two, so the buffer, doubling from 64 KB, stops at 32 MB.
   */
  static final int FLUSH_BYTES = 31 << 20;

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

  GenRows(Inserts inserts, String table, String columns, long gen) {
    this(inserts, table, columns, gen, FLUSH_BYTES);
  }

  GenRows(Inserts inserts, String table, String columns, long gen, int flushBytes) {
    this.flushBytes = flushBytes;
    this.inserts = inserts;
    this.table = table + "_rows";
    List<String> names =
        new ArrayList<>(Arrays.stream(columns.split(",")).map(String::strip).toList());
    names.add("gen");
    this.columns = List.copyOf(names);
    this.gen = gen;
  }

  @Override
  public RowWriter text(String value) {
    rows.string(value);
    return this;
  }

  @Override
  public RowWriter int64(long value) {
    rows.int64(value);
    return this;
  }

  @Override
  public RowWriter int32(int value) {
    rows.int32(value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) {
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
    if (rows.length() >= flushBytes) {
      flush();
    }
  }

  @Override
  public void flush() {
    if (!rows.isEmpty()) {
      inserts.insert(table, columns, rows.take());
    }
  }

  @Override
  public void close() {
    flush();
  }
}
