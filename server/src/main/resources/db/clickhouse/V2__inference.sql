-- Derived tables of inference on ClickHouse (docs/scaling-out.md, "Inference and reports").
-- ClickHouse has no transactions, so an inference cannot replace rows in place. Each run gets a
-- new generation number, gen; it appends its rows to the *_rows tables tagged with gen, and
-- commits by appending one row to inference_runs, last. Reports read the views named like the
-- PostgreSQL tables, which show only rows of committed runs, since the last full recomputation,
-- minus the sessions a later committed run recomputed (derived_gone). A run that fails before
-- committing leaves rows no view ever shows. Every statement is idempotent.
CREATE TABLE IF NOT EXISTS inference_runs (
  gen UInt64,
  last_seq UInt64,
  horizon_us Nullable(Int64),
  fingerprint String,
  full UInt8,
  at_us Int64
) ENGINE = MergeTree ORDER BY gen;

-- The sessions (all rows of one session carry the gen of the run that wrote them) that the run
-- gone_gen deleted or recomputed.
CREATE TABLE IF NOT EXISTS derived_gone (
  session_id String,
  gen UInt64,
  gone_gen UInt64
) ENGINE = MergeTree ORDER BY session_id;

CREATE VIEW IF NOT EXISTS inference_state AS SELECT toInt32(1) AS id,
  argMax(last_seq, gen) AS last_seq, argMax(horizon_us, gen) AS horizon_us,
  argMax(fingerprint, gen) AS fingerprint, count() AS generation FROM inference_runs;

CREATE TABLE IF NOT EXISTS sessions_rows (
  session_id String,
  actor_id String,
  hint String,
  start_us Int64,
  end_us Int64,
  is_open UInt8,
  start_day String,
  events Int32,
  ci UInt8,
  tools String,
  path_depth Int32,
  path_trail String,
  gen UInt64
) ENGINE = MergeTree ORDER BY (actor_id, session_id);

CREATE VIEW IF NOT EXISTS sessions AS SELECT session_id, actor_id, hint, start_us, end_us, is_open, start_day, events, ci, tools, path_depth, path_trail
  FROM sessions_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

CREATE TABLE IF NOT EXISTS workflow_runs_rows (
  instance_id String,
  session_id String,
  actor_id String,
  workflow String,
  tool String,
  category String,
  auto UInt8,
  start_us Int64,
  end_us Int64,
  start_day String,
  week String,
  duration_ms Int64,
  outcome String,
  events Int32,
  goal_attempts Int32,
  failures_before_success Int32,
  error_types String,
  tool_version String,
  ci UInt8,
  gen UInt64
) ENGINE = MergeTree ORDER BY (workflow, start_day, session_id);

CREATE VIEW IF NOT EXISTS workflow_runs AS SELECT instance_id, session_id, actor_id, workflow, tool, category, auto, start_us, end_us, start_day, week, duration_ms, outcome, events, goal_attempts, failures_before_success, error_types, tool_version, ci
  FROM workflow_runs_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

CREATE TABLE IF NOT EXISTS session_recovery_rows (
  session_id String,
  actor_id String,
  start_day String,
  tool String,
  command String,
  failures Int32,
  recovered Int32,
  next_commands String,
  recovery_ms String,
  gen UInt64
) ENGINE = MergeTree ORDER BY (start_day, session_id);

CREATE VIEW IF NOT EXISTS session_recovery AS SELECT session_id, actor_id, start_day, tool, command, failures, recovered, next_commands, recovery_ms
  FROM session_recovery_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

CREATE TABLE IF NOT EXISTS event_counts_rows (
  day String,
  week String,
  actor_id String,
  tool String,
  command String,
  subcommand String,
  ci UInt8,
  events Int64,
  successes Int64,
  failures Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (day, tool, command);

CREATE VIEW IF NOT EXISTS event_counts AS SELECT day, week, actor_id, tool, command, subcommand, ci, events, successes, failures
  FROM event_counts_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1);

CREATE TABLE IF NOT EXISTS error_counts_rows (
  day String,
  actor_id String,
  tool String,
  error_type String,
  events Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (day, tool, error_type);

CREATE VIEW IF NOT EXISTS error_counts AS SELECT day, actor_id, tool, error_type, events
  FROM error_counts_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1);

CREATE TABLE IF NOT EXISTS path_totals_rows (
  day String,
  tool String,
  sequence String,
  failures Int64,
  occurrences Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (day, tool, sequence);

CREATE VIEW IF NOT EXISTS path_totals AS SELECT day, tool, sequence, failures, occurrences
  FROM path_totals_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1);

CREATE TABLE IF NOT EXISTS path_actors_rows (
  day String,
  tool String,
  sequence String,
  actor_id String,
  failures Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (day, tool, sequence, actor_id);

CREATE VIEW IF NOT EXISTS path_actors AS SELECT day, tool, sequence, actor_id, failures
  FROM path_actors_rows WHERE gen IN (SELECT gen FROM inference_runs) AND gen >= (SELECT max(gen) FROM inference_runs WHERE full = 1);

CREATE TABLE IF NOT EXISTS workflow_weeks_rows (
  start_day String,
  week String,
  workflow String,
  tool String,
  category String,
  auto UInt8,
  runs Int64,
  success Int64,
  failed Int64,
  abandoned Int64,
  in_progress Int64,
  actors Int64,
  events Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (start_day, workflow);

-- Retention alone writes workflow_weeks (runs rolled up before they go); a full recomputation
-- does not replace them, so they are not limited to rows since the last one.
CREATE VIEW IF NOT EXISTS workflow_weeks AS SELECT start_day, week, workflow, tool, category, auto, runs, success, failed, abandoned, in_progress, actors, events
  FROM workflow_weeks_rows WHERE gen IN (SELECT gen FROM inference_runs);
