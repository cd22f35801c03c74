-- Derived tables written by inference. Every row can be recomputed from events; rows of one
-- session are replaced together. Times are epoch microseconds, days ISO dates (yyyy-mm-dd) and
-- weeks ISO weeks (2026-W03) in UTC, so both dialects compare them the same way.
CREATE TABLE inference_state (
  id integer PRIMARY KEY,
  last_seq bigint NOT NULL,
  horizon_us bigint,
  fingerprint text NOT NULL,
  generation bigint NOT NULL
);

INSERT INTO inference_state VALUES (1, 0, NULL, '', 0);

-- hint is '' for events without a session_hint; tools is space-delimited with spaces around.
CREATE TABLE sessions (
  session_id text NOT NULL,
  actor_id text NOT NULL,
  hint text NOT NULL,
  start_us bigint NOT NULL,
  end_us bigint NOT NULL,
  is_open boolean NOT NULL,
  start_day text NOT NULL,
  events integer NOT NULL,
  ci boolean NOT NULL,
  tools text NOT NULL
);

-- error_types are joined with newlines; tool_version is '' when unknown.
CREATE TABLE workflow_runs (
  instance_id text NOT NULL,
  session_id text NOT NULL,
  actor_id text NOT NULL,
  workflow text NOT NULL,
  tool text NOT NULL,
  category text NOT NULL,
  auto boolean NOT NULL,
  start_us bigint NOT NULL,
  end_us bigint NOT NULL,
  start_day text NOT NULL,
  week text NOT NULL,
  duration_ms bigint NOT NULL,
  outcome text NOT NULL,
  events integer NOT NULL,
  goal_attempts integer NOT NULL,
  failures_before_success integer NOT NULL,
  error_types text NOT NULL,
  tool_version text NOT NULL,
  ci boolean NOT NULL
);

-- One row per session and command sequence; tool is the tool of the sequence's last command.
CREATE TABLE session_paths (
  session_id text NOT NULL,
  actor_id text NOT NULL,
  start_day text NOT NULL,
  tool text NOT NULL,
  sequence text NOT NULL,
  failures integer NOT NULL,
  occurrences integer NOT NULL
);

-- next_commands: "command<TAB>count" lines; recovery_ms: comma-separated milliseconds.
CREATE TABLE session_recovery (
  session_id text NOT NULL,
  actor_id text NOT NULL,
  start_day text NOT NULL,
  tool text NOT NULL,
  command text NOT NULL,
  failures integer NOT NULL,
  recovered integer NOT NULL,
  next_commands text NOT NULL,
  recovery_ms text NOT NULL
);

-- Event counts per day, actor, command and CI flag, added to by each inference (several rows
-- may share a key; readers sum them). Feeds totals, failing commands and the north-star.
CREATE TABLE event_counts (
  day text NOT NULL,
  week text NOT NULL,
  actor_id text NOT NULL,
  tool text NOT NULL,
  command text NOT NULL,
  subcommand text NOT NULL,
  ci boolean NOT NULL,
  events bigint NOT NULL,
  successes bigint NOT NULL,
  failures bigint NOT NULL
);

CREATE TABLE error_counts (
  day text NOT NULL,
  actor_id text NOT NULL,
  tool text NOT NULL,
  error_type text NOT NULL,
  events bigint NOT NULL
);

-- Scratch rows of the running inference, removed before its transaction ends.
CREATE TABLE infer_ranges (
  actor_id text NOT NULL,
  hint text NOT NULL,
  from_ts timestamptz NOT NULL,
  to_ts timestamptz NOT NULL,
  from_us bigint NOT NULL,
  to_us bigint NOT NULL
);

CREATE TABLE doomed_sessions (
  session_id text NOT NULL
);

-- Deletes and lookups by session and key; DuckDB scans instead (its indexes slow bulk appends).
CREATE INDEX sessions_id ON sessions (session_id);

CREATE INDEX sessions_key ON sessions (actor_id, hint, end_us);

CREATE INDEX sessions_open ON sessions (end_us) WHERE is_open;

CREATE INDEX workflow_runs_session ON workflow_runs (session_id);

CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow, start_day);

CREATE INDEX session_paths_session ON session_paths (session_id);

CREATE INDEX session_recovery_session ON session_recovery (session_id);

CREATE INDEX event_counts_actor ON event_counts (actor_id);

CREATE INDEX event_counts_day ON event_counts (day);

CREATE INDEX error_counts_actor ON error_counts (actor_id);
