-- ClickHouse schema (docs/scaling-out.md). Every statement is idempotent: ClickHouse has no
-- transactions, so two instances migrating at once may both run a script.
--
-- Raw events, ordered by (actor, time) for inference's scans. ClickHouse has no unique keys or
-- transactions, so a stored event is "committed" by its row in event_ids, written after it: reads
-- keep, per event_id, only the events row whose seq is the lowest seq event_ids lists for that id.
-- A copy stored twice (two instances racing, or a retry after a crash between the two inserts) is
-- thus read once, and a row whose event_ids insert never happened is not read at all. No merge
-- changes which row that is: events is a plain MergeTree (merges never drop its rows) and event_ids
-- a ReplacingMergeTree whose merges keep, per id, the row with the highest keep (9223372036854775807
-- - seq), i.e. the lowest seq, the one reads pick anyway.
CREATE TABLE IF NOT EXISTS events (
  seq UInt64,
  event_id String,
  received_us Int64,
  ts_us Int64,
  tool_name String,
  tool_version Nullable(String),
  command_path Array(String),
  flags_present Array(String),
  exit_code Int32,
  duration_ms Nullable(Int64),
  error_type Nullable(String),
  error_message Nullable(String),
  actor_id String,
  machine_id Nullable(String),
  session_hint Nullable(String),
  ci_detected UInt8,
  -- where the command ran (docs/what-is-collected.md): each one of a short closed set, or null
  os Nullable(String),
  arch Nullable(String),
  runtime Nullable(String)
) ENGINE = MergeTree ORDER BY (actor_id, ts_us, event_id);

-- The ids stored, ordered by event_id so that the duplicate check before an insert, and the lookup
-- of the first copy of the ids a partial read touches, read a few index granules.
CREATE TABLE IF NOT EXISTS event_ids (
  event_id String,
  seq UInt64,
  keep UInt64,
  actor_id String,
  ts_us Int64
) ENGINE = ReplacingMergeTree(keep) ORDER BY event_id;

CREATE TABLE IF NOT EXISTS documents (
  id String,
  seq UInt64,
  received_us Int64,
  payload String
) ENGINE = MergeTree ORDER BY seq;
