-- Hot path totals per day, tool and sequence, always equal to the sums of session_paths: rows are
-- added as sessions are written and negative rows subtract sessions that are recomputed, erased
-- or expired (readers sum; a full inference rewrites them compactly). Reports read these instead
-- of the much larger session_paths.
CREATE TABLE path_totals (
  day text NOT NULL,
  tool text NOT NULL,
  sequence text NOT NULL,
  failures bigint NOT NULL,
  occurrences bigint NOT NULL
);

-- Failures per actor of the same sequences (failing windows only), for distinct-actor counts.
CREATE TABLE path_actors (
  day text NOT NULL,
  tool text NOT NULL,
  sequence text NOT NULL,
  actor_id text NOT NULL,
  failures bigint NOT NULL
);

CREATE INDEX path_actors_actor ON path_actors (actor_id);
