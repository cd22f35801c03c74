-- Hot path contributions move from one session_paths row per session and sequence (about twice as
-- many rows as events) to a compact trail on the session row: one line per event, "!" or "." for
-- failed or not, then its command path. The contributions follow from the trail and path_depth
-- (the k they were counted with), which is all that recomputing or erasing a session needs.
ALTER TABLE sessions ADD COLUMN path_depth integer;

ALTER TABLE sessions ADD COLUMN path_trail text;

DROP TABLE session_paths;

-- Sessions stored until now have no trail: an empty fingerprint makes the next inference a full
-- recomputation, which writes them. Until then path totals stay as they were.
UPDATE inference_state SET fingerprint = '' WHERE id = 1;

-- A full inference builds its indexes from scratch (see PostgresRewrite); on the workflow name
-- alone this one builds in less than half the time and still finds one workflow's runs.
DROP INDEX workflow_runs_workflow;

CREATE INDEX workflow_runs_workflow ON workflow_runs (workflow);
