package dev.clianalytics.server.storage.clickhouse;

import com.clickhouse.client.api.metadata.TableSchema;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.server.storage.derived.DerivedRows;
import java.util.List;
import java.util.UUID;

/**
 * The writes of {@link ClickHouseStorage}, each called under its write lock. Deletions are
 * ClickHouse mutations ({@code ALTER TABLE ... DELETE}), which run in the background; each call
 * waits for its mutations to finish, so a deletion is complete when it returns.
 */
final class EventWrites {
  private static final TableSchema IDS =
      ClickHouseSql.schema(
          "event_id String, seq UInt64, keep UInt64, actor_id String, ts_us Int64");
  private static final TableSchema DOCUMENTS =
      ClickHouseSql.schema("id String, seq UInt64, received_us Int64, payload String");
  private static final long MUTATION_TIMEOUT_MS = 600_000;

  /** Every table that can hold an actor's data, and how erasure finds the actor's rows in it. */
  static final java.util.Map<String, String> ACTOR_TABLES =
      java.util.Map.of(
          "events", "actor_id = %s",
          "event_ids", "actor_id = %s",
          // a stored actor id is 64 hex digits: found in a document's text, it names the actor
          "documents", "position(payload, %s) > 0");

  private EventWrites() {}

  /**
   * Inserts events with seqs from {@code first}, each received at its {@code receivedUs}: the
   * events, then their ids, which commit them. A crash between the two leaves events that no read
   * sees and that a retry stores again (see {@link ClickHouseStorage#FIRST_COPY}).
   */
  static void insert(ClickHouseSql sql, List<Event> events, long first, List<Long> receivedUs) {
    if (events.isEmpty()) {
      return;
    }
    sql.insert(
        "events",
        EventColumns.WRITE,
        w -> {
          for (int i = 0; i < events.size(); i++) {
            EventColumns.write(w, events.get(i), SeqClock.nth(first, i), receivedUs.get(i));
          }
        });
    sql.insert(
        "event_ids",
        IDS,
        w -> {
          for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            long seq = SeqClock.nth(first, i);
            w.setString(1, e.eventId().toString());
            w.setValue(2, seq);
            w.setValue(3, EventColumns.keep(seq));
            w.setString(4, e.actorId());
            w.setLong(5, DerivedRows.micros(e.timestamp()));
            w.commitRow();
          }
        });
  }

  static void documents(
      ClickHouseSql sql, List<UUID> ids, List<String> json, long first, List<Long> receivedUs) {
    if (ids.isEmpty()) {
      return;
    }
    sql.insert(
        "documents",
        DOCUMENTS,
        w -> {
          for (int i = 0; i < ids.size(); i++) {
            w.setString(1, ids.get(i).toString());
            w.setValue(2, SeqClock.nth(first, i));
            w.setLong(3, receivedUs.get(i));
            w.setString(4, json.get(i));
            w.commitRow();
          }
        });
  }

  /** Removes what a failed batch wrote: every row with a seq in {@code [from, to)}. */
  static void undo(ClickHouseSql sql, long from, long to) {
    String range = "seq >= " + from + " AND seq < " + to;
    delete(sql, "events", range);
    delete(sql, "event_ids", range);
    delete(sql, "documents", range);
  }

  /** Erasure: returns the events and documents removed. */
  static long deleteActor(ClickHouseSql sql, String actorId) {
    String actor = ACTOR_TABLES.get("events").formatted(ClickHouseSql.quote(actorId));
    String inDocument = ACTOR_TABLES.get("documents").formatted(ClickHouseSql.quote(actorId));
    long removed =
        sql.queryLong(
                "SELECT count() FROM events WHERE "
                    + actor
                    + " AND "
                    + ClickHouseStorage.firstCopy(actor))
            + sql.queryLong("SELECT count() FROM documents WHERE " + inDocument);
    for (var table : ACTOR_TABLES.entrySet()) {
      delete(sql, table.getKey(), table.getValue().formatted(ClickHouseSql.quote(actorId)));
    }
    return removed;
  }

  /** Retention: events that happened and documents received before the cutoff. */
  static long deleteBefore(ClickHouseSql sql, long cutoffUs) {
    String older = "ts_us < " + cutoffUs;
    long removed =
        sql.queryLong(
            "SELECT count() FROM events WHERE "
                + older
                + " AND "
                + ClickHouseStorage.firstCopy(older));
    delete(sql, "events", older);
    delete(sql, "event_ids", older);
    delete(sql, "documents", "received_us < " + cutoffUs);
    return removed;
  }

  /** Deletes matching rows and waits until the mutation has rewritten every part. */
  static void delete(ClickHouseSql sql, String table, String where) {
    if (sql.queryLong("SELECT count() FROM " + table + " WHERE " + where) == 0) {
      return;
    }
    Topology topology = sql.topology();
    sql.execute(
        "ALTER TABLE " + topology.local(table) + topology.onCluster() + " DELETE WHERE " + where);
    long deadline = System.currentTimeMillis() + MUTATION_TIMEOUT_MS;
    String mutations =
        topology.clustered()
            ? "cluster(" + ClickHouseSql.quote(topology.cluster()) + ", system, mutations)"
            : "system.mutations";
    String pending =
        "SELECT count() FROM "
            + mutations
            + " WHERE database = "
            + ClickHouseSql.quote(topology.database())
            + " AND table = "
            + ClickHouseSql.quote(topology.clustered() ? table + "_local" : table)
            + " AND is_done = 0";
    while (sql.queryLong(pending) > 0) {
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "deleting from " + table + " did not finish within " + MUTATION_TIMEOUT_MS + " ms");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while deleting from " + table, e);
      }
    }
  }
}
