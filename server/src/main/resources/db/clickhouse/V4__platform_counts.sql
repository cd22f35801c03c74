-- Events per day, actor, tool, tool version and where they ran, added to by each inference like
-- event_counts. Feeds the adoption and platforms reports, which read these few rows per actor and
-- day instead of every raw event. Missing values are stored as 'unknown', the name the reports
-- give them.
CREATE TABLE IF NOT EXISTS platform_counts_rows (
  day String,
  week String,
  actor_id String,
  tool String,
  tool_version String,
  os String,
  arch String,
  runtime String,
  events Int64,
  gen UInt64
) ENGINE = MergeTree ORDER BY (day, tool, actor_id);

CREATE VIEW IF NOT EXISTS platform_counts AS SELECT day, week, actor_id, tool, tool_version, os, arch, runtime, events
  FROM platform_counts_rows WHERE gen IN (SELECT gen FROM inference_live);
