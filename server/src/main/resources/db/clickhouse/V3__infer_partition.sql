-- Inference split by actor across instances, INFER_PARTITION=i/n (docs/scaling-out.md, "Several
-- instances inferring"). Each run records the share it inferred, part i of parts n (0 of 1: every
-- actor), and its base: the run whose state it continued (an incremental run), or itself (a full
-- run, and the runs before this script). A run is live, its rows shown by the views, unless
--   * a full run of its share, or of another layout (another n, whose shares it cannot tell apart),
--     committed after its base: the rows it built on were replaced;
--   * another incremental run of its share continued the same base with a lower gen: two
--     instances given the same share inferred at once, and the first one's work counts.
ALTER TABLE inference_runs ADD COLUMN part UInt32 DEFAULT 0, ADD COLUMN parts UInt32 DEFAULT 1, ADD COLUMN base UInt64 DEFAULT gen;

-- 18.16 finds the columns a lambda takes from the row only when the query names them outside a
-- lambda too, hence part < parts and base <= gen (true of every run).
CREATE VIEW IF NOT EXISTS inference_live AS SELECT gen, part, parts, base FROM inference_runs
  WHERE part < parts AND base <= gen
  AND NOT arrayExists(f -> tupleElement(f, 1) > base AND tupleElement(f, 1) != gen
    AND (tupleElement(f, 3) != parts OR tupleElement(f, 2) = part),
    (SELECT groupArray((gen, part, parts)) FROM inference_runs WHERE full = 1))
  AND (base = gen OR (part, parts, base, gen) IN (SELECT part, parts, base, min(gen)
    FROM inference_runs WHERE base != gen GROUP BY part, parts, base));

DROP TABLE IF EXISTS sessions;

CREATE VIEW IF NOT EXISTS sessions AS SELECT session_id, actor_id, hint, start_us, end_us, is_open, start_day, events, ci, tools, path_depth, path_trail
  FROM sessions_rows WHERE gen IN (SELECT gen FROM inference_live)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

DROP TABLE IF EXISTS workflow_runs;

CREATE VIEW IF NOT EXISTS workflow_runs AS SELECT instance_id, session_id, actor_id, workflow, tool, category, auto, start_us, end_us, start_day, week, duration_ms, outcome, events, goal_attempts, failures_before_success, error_types, tool_version, ci
  FROM workflow_runs_rows WHERE gen IN (SELECT gen FROM inference_live)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

DROP TABLE IF EXISTS session_recovery;

CREATE VIEW IF NOT EXISTS session_recovery AS SELECT session_id, actor_id, start_day, tool, command, failures, recovered, next_commands, recovery_ms
  FROM session_recovery_rows WHERE gen IN (SELECT gen FROM inference_live)
  AND (session_id, gen) NOT IN (SELECT session_id, gen FROM derived_gone
  WHERE gone_gen IN (SELECT gen FROM inference_runs));

DROP TABLE IF EXISTS event_counts;

CREATE VIEW IF NOT EXISTS event_counts AS SELECT day, week, actor_id, tool, command, subcommand, ci, events, successes, failures
  FROM event_counts_rows WHERE gen IN (SELECT gen FROM inference_live);

DROP TABLE IF EXISTS error_counts;

CREATE VIEW IF NOT EXISTS error_counts AS SELECT day, actor_id, tool, error_type, events
  FROM error_counts_rows WHERE gen IN (SELECT gen FROM inference_live);

DROP TABLE IF EXISTS path_totals;

CREATE VIEW IF NOT EXISTS path_totals AS SELECT day, tool, sequence, failures, occurrences
  FROM path_totals_rows WHERE gen IN (SELECT gen FROM inference_live);

DROP TABLE IF EXISTS path_actors;

CREATE VIEW IF NOT EXISTS path_actors AS SELECT day, tool, sequence, actor_id, failures
  FROM path_actors_rows WHERE gen IN (SELECT gen FROM inference_live);
