package dev.clianalytics.server.storage.clickhouse;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import dev.clianalytics.server.storage.derived.DerivedRows;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
  static final String SELECT = names(READ_TYPES);

  // What inference reads of an event: not its seq, arrival time or error message.
  private static final String INFERENCE_TYPES =
      "event_id String, ts_us Int64, tool_name String, tool_version Nullable(String),"
          + " command_path Array(String), flags_present Array(String), exit_code Int32,"
          + " duration_ms Nullable(Int64), error_type Nullable(String), actor_id String,"
          + " machine_id Nullable(String), session_hint Nullable(String), ci_detected UInt8,"
          + " os Nullable(String), arch Nullable(String), runtime Nullable(String)";

  /** The select list of {@link #readForInference}, in its order. */
  static final String INFERENCE_SELECT = names(INFERENCE_TYPES);

  static final TableSchema WRITE = ClickHouseSql.schema(READ_TYPES);

  private EventColumns() {}

  /** One row of {@link #SELECT}: the whole stored event. */
  static StoredEvent read(RowBinaryInput r) throws IOException {
    long seq = r.int64();
    long receivedUs = r.int64();
    return new StoredEvent(seq, instant(receivedUs), event(r, true));
  }

  /**
   * One row of {@link #INFERENCE_SELECT}: the event with the fields inference uses, its error
   * message absent (the reports read it from {@code events} directly).
   */
  static Event readForInference(RowBinaryInput r) throws IOException {
    return event(r, false);
  }

  // The columns from event_id on, in both select lists' order; the error message only when whole.
  private static Event event(RowBinaryInput r, boolean whole) throws IOException {
    UUID id = r.uuidText();
    Instant ts = instant(r.int64());
    String tool = r.string();
    String version = r.nullableString();
    List<String> command = r.strings();
    List<String> flags = r.strings();
    int exit = r.int32();
    Long duration = r.nullableInt64();
    String errorType = r.nullableString();
    String errorMessage = whole ? r.nullableString() : null;
    String actor = r.string();
    String machine = r.nullableString();
    String hint = r.nullableString();
    boolean ci = r.uint8() != 0;
    Platform platform = new Platform(r.nullableString(), r.nullableString(), r.nullableString());
    return new Event(
        ts,
        tool,
        version,
        command,
        flags,
        exit,
        duration,
        errorType,
        errorMessage,
        actor,
        machine,
        hint,
        ci,
        id,
        platform);
  }

  private static String names(String types) {
    return types.replaceAll(" [A-Z][A-Za-z0-9]*(\\([^)]*\\))?", "");
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
}
