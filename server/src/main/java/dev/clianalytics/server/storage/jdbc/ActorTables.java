package dev.clianalytics.server.storage.jdbc;

import java.util.List;

/**
 * Every table that can hold an actor's data, with how erasure ({@code DELETE /actors/{id}}) and
 * retention ({@code RETENTION_DAYS}) reach its rows: the one list {@link ActorDeletes} follows. A
 * test compares it with the tables of both databases' schemas that have an identifier column or a
 * free-form payload, so a new table that can hold an actor fails the build until it is listed here
 * (see docs/storage.md, "Erasure and retention").
 */
final class ActorTables {
  private ActorTables() {}

  /** How erasure finds one actor's rows in a table. */
  enum Erasure {
    /** Rows of the actor's sessions, deleted before the sessions themselves. */
    BY_SESSION,
    /** Rows whose {@code actor_id} is the stored actor id. */
    BY_ACTOR_ID,
    /** Documents whose JSON text contains the stored actor id anywhere. */
    BY_DOCUMENT_TEXT,
    /** Emptied by the transaction that fills it, so it holds nothing between transactions. */
    TRANSIENT
  }

  /** How retention finds a table's rows older than the cutoff. */
  enum Retention {
    /** Rows of sessions that ended before the cutoff, deleted before those sessions. */
    SESSION_ENDED,
    /** Sessions that ended before the cutoff ({@code end_us}). */
    ENDED,
    /** Hot-path contributions: subtracted with their sessions, groups summing to zero dropped. */
    PATH_GROUPS,
    /** Daily counts of days wholly before the cutoff ({@code day}). */
    DAY,
    /** Raw events that happened before the cutoff ({@code ts}). */
    TIMESTAMP,
    /** Documents received before the cutoff ({@code received_at}). */
    RECEIVED,
    /** Holds nothing between transactions. */
    TRANSIENT
  }

  /** A table and how erasure and retention reach its rows. */
  record Table(String name, Erasure erasure, Retention retention) {}

  /** In deletion order: rows found through sessions go before the sessions. */
  static final List<Table> ALL =
      List.of(
          new Table("workflow_runs", Erasure.BY_SESSION, Retention.SESSION_ENDED),
          new Table("session_recovery", Erasure.BY_SESSION, Retention.SESSION_ENDED),
          new Table("sessions", Erasure.BY_ACTOR_ID, Retention.ENDED),
          new Table("path_actors", Erasure.BY_ACTOR_ID, Retention.PATH_GROUPS),
          new Table("event_counts", Erasure.BY_ACTOR_ID, Retention.DAY),
          new Table("error_counts", Erasure.BY_ACTOR_ID, Retention.DAY),
          new Table("platform_counts", Erasure.BY_ACTOR_ID, Retention.DAY),
          new Table("events", Erasure.BY_ACTOR_ID, Retention.TIMESTAMP),
          new Table("documents", Erasure.BY_DOCUMENT_TEXT, Retention.RECEIVED),
          new Table("infer_ranges", Erasure.TRANSIENT, Retention.TRANSIENT),
          new Table("events_staging", Erasure.TRANSIENT, Retention.TRANSIENT));
}
