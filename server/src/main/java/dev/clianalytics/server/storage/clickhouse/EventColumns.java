package dev.clianalytics.server.storage.clickhouse;

import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import dev.clianalytics.server.storage.derived.DerivedRows;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The columns of the {@code events} table and their mapping to {@link Event}, both ways. */
final class EventColumns {
  // seq is UInt64 in the table but read (and written) as Int64: seqs stay below 2^63, where both
  // are the same eight bytes, and an Int64 is read without a BigInteger.
  private static final String READ_TYPES =
      "seq Int64, received_us Int64, event_id String, ts_us Int64, tool_name String,"
          + " tool_version Nullable(String), command_path Array(String),"
          + " flags_present Array(String), exit_code Int32, duration_ms Nullable(Int64),"
          + " error_type Nullable(String), error_message Nullable(String), actor_id String,"
          + " machine_id Nullable(String), session_hint Nullable(String), ci_detected UInt8,"
          + " os Nullable(String), arch Nullable(String), runtime Nullable(String)";

  /** The select list every event read uses, in {@link #read}'s order. */
  static final String SELECT = READ_TYPES.replaceAll(" [A-Z][A-Za-z0-9]*(\\([^)]*\\))?", "");

  static final TableSchema READ = ClickHouseSql.schema(READ_TYPES);
  static final TableSchema WRITE = READ;

  private EventColumns() {}

  // Strings are taken as read (readValue) rather than through getString, which converts them.
  static StoredEvent read(ClickHouseBinaryFormatReader r) {
    Event event =
        new Event(
            instant(r.getLong(4)),
            r.readValue(5),
            r.readValue(6),
            strings(r.getList(7)),
            strings(r.getList(8)),
            r.getInteger(9),
            r.hasValue(10) ? r.getLong(10) : null,
            r.readValue(11),
            r.readValue(12),
            r.readValue(13),
            r.readValue(14),
            r.readValue(15),
            r.getInteger(16) != 0,
            UUID.fromString(r.readValue(3)),
            new Platform(r.readValue(17), r.readValue(18), r.readValue(19)));
    return new StoredEvent(r.getLong(1), instant(r.getLong(2)), event);
  }

  static void write(RowBinaryFormatWriter w, Event e, long seq, long receivedUs)
      throws IOException {
    w.setValue(1, seq);
    w.setLong(2, receivedUs);
    w.setString(3, e.eventId().toString());
    w.setLong(4, DerivedRows.micros(e.timestamp()));
    w.setString(5, e.toolName());
    w.setValue(6, e.toolVersion());
    w.setList(7, e.commandPath());
    w.setList(8, e.flagsPresent());
    w.setInteger(9, e.exitCode());
    w.setValue(10, e.durationMs());
    w.setValue(11, e.errorType());
    w.setValue(12, e.errorMessage());
    w.setString(13, e.actorId());
    w.setValue(14, e.machineId());
    w.setValue(15, e.sessionHint());
    w.setValue(16, (short) (e.ciDetected() ? 1 : 0));
    w.setValue(17, e.platform().os());
    w.setValue(18, e.platform().arch());
    w.setValue(19, e.platform().runtime());
    w.commitRow();
  }

  /**
   * The ReplacingMergeTree version of {@code event_ids}: highest for the lowest seq, so merges keep
   * the first copy. Seqs are below 2^63, so this stays positive.
   */
  static long keep(long seq) {
    return Long.MAX_VALUE - seq;
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static List<String> strings(List<?> values) {
    List<String> out = new ArrayList<>(values.size());
    for (Object v : values) {
      out.add((String) v);
    }
    return out;
  }
}
