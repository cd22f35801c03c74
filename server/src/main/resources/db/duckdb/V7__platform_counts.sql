-- Events per day, actor, tool, tool version and where they ran, added to by each inference like
-- event_counts (several rows may share a key; readers sum them). Feeds the adoption and platforms
-- reports, which read these few rows per actor and day instead of every raw event. Missing
-- values are stored as 'unknown', the name the reports give them.
CREATE TABLE platform_counts (
  day text NOT NULL,
  week text NOT NULL,
  actor_id text NOT NULL,
  tool text NOT NULL,
  tool_version text NOT NULL,
  os text NOT NULL,
  arch text NOT NULL,
  runtime text NOT NULL,
  events bigint NOT NULL
);
