package dev.clianalytics.server.storage.clickhouse;

import dev.clianalytics.server.storage.derived.DerivedRows;
import dev.clianalytics.server.storage.derived.RowWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Derived rows into {@code <table>_rows}, each tagged with the generation of the inference writing
 * it (see docs/scaling-out.md), sent as {@code TabSeparated} inserts of a few megabytes.
 */
final class GenRows implements RowWriter {
  private static final int FLUSH_BYTES = 4 << 20;

  /** Where a body of rows goes: {@link ClickHouseSql#insertText} or {@link BackgroundInserts}. */
  @FunctionalInterface
  interface Inserts {
    void insert(String table, List<String> columns, byte[] body);
  }

  private final Inserts inserts;
  private final String table;
  private final List<String> columns;
  private final byte[] gen;
  private final TsvBytes rows = new TsvBytes(64 << 10);
  private boolean rowStarted;

  GenRows(Inserts inserts, String table, String columns, long gen) {
    this.inserts = inserts;
    this.table = table + "_rows";
    List<String> names =
        new ArrayList<>(Arrays.stream(columns.split(",")).map(String::strip).toList());
    names.add("gen");
    this.columns = List.copyOf(names);
    this.gen = Long.toUnsignedString(gen).getBytes(StandardCharsets.US_ASCII);
  }

  private RowWriter field() {
    if (rowStarted) {
      rows.ascii('\t');
    }
    rowStarted = true;
    return this;
  }

  @Override
  public RowWriter text(String value) {
    field();
    rows.escaped(value);
    return this;
  }

  @Override
  public RowWriter int64(long value) {
    field();
    rows.decimal(value);
    return this;
  }

  @Override
  public RowWriter int32(int value) {
    field();
    rows.decimal(value);
    return this;
  }

  @Override
  public RowWriter bool(boolean value) {
    field();
    rows.ascii(value ? '1' : '0');
    return this;
  }

  @Override
  public RowWriter timestamp(Instant value) {
    return int64(DerivedRows.micros(value));
  }

  @Override
  public void endRow() {
    field();
    rows.raw(gen);
    rows.ascii('\n');
    rowStarted = false;
    if (rows.length() >= FLUSH_BYTES) {
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
