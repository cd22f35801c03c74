-- Weekly workflow outcome counts kept after RETENTION_DAYS drops the runs they were counted from,
-- until AGGREGATE_RETENTION_DAYS (docs/operations.md, "Aggregate retention"). No actor or session
-- ids: only counts, and the number of distinct actors of each day's group.
CREATE TABLE workflow_weeks (
  start_day text NOT NULL,
  week text NOT NULL,
  workflow text NOT NULL,
  tool text NOT NULL,
  category text NOT NULL,
  auto boolean NOT NULL,
  runs bigint NOT NULL,
  success bigint NOT NULL,
  failed bigint NOT NULL,
  abandoned bigint NOT NULL,
  in_progress bigint NOT NULL,
  actors bigint NOT NULL,
  events bigint NOT NULL
);

CREATE INDEX workflow_weeks_day ON workflow_weeks (start_day);
