-- Raw events, one row per accepted event_id. seq is the arrival order (assigned in commit order,
-- see PostgresStorage) that incremental inference uses as its high-water mark.
CREATE TABLE events (
  event_id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  received_at timestamptz NOT NULL,
  ts timestamptz NOT NULL,
  tool_name text NOT NULL,
  tool_version text,
  command_path text[] NOT NULL,
  flags_present text[] NOT NULL,
  exit_code integer NOT NULL,
  duration_ms bigint,
  error_type text,
  error_message text,
  actor_id text NOT NULL,
  machine_id text,
  session_hint text,
  ci_detected boolean NOT NULL
);

CREATE INDEX events_actor_ts ON events (actor_id, ts);

CREATE INDEX events_ts ON events (ts);

-- JSON documents that are not events, such as uploaded north-star aggregates.
CREATE TABLE documents (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  received_at timestamptz NOT NULL,
  payload jsonb NOT NULL
);
