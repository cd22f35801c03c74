-- Raw events, one row per accepted event_id. seq is the arrival order, assigned by DuckDbStorage
-- from the counters table (never reused, even after deletions).
CREATE TABLE events (
  event_id UUID PRIMARY KEY,
  seq BIGINT NOT NULL UNIQUE,
  received_at TIMESTAMPTZ NOT NULL,
  ts TIMESTAMPTZ NOT NULL,
  tool_name VARCHAR NOT NULL,
  tool_version VARCHAR,
  command_path VARCHAR[] NOT NULL,
  flags_present VARCHAR[] NOT NULL,
  exit_code INTEGER NOT NULL,
  duration_ms BIGINT,
  error_type VARCHAR,
  error_message VARCHAR,
  actor_id VARCHAR NOT NULL,
  machine_id VARCHAR,
  session_hint VARCHAR,
  ci_detected BOOLEAN NOT NULL
);

CREATE INDEX events_actor_ts ON events (actor_id, ts);

CREATE INDEX events_ts ON events (ts);

-- Where the appender puts a batch before it is merged into events; emptied after every batch.
CREATE TABLE events_staging (
  ord INTEGER NOT NULL,
  event_id UUID NOT NULL,
  ts TIMESTAMPTZ NOT NULL,
  tool_name VARCHAR NOT NULL,
  tool_version VARCHAR,
  command_path VARCHAR[] NOT NULL,
  flags_present VARCHAR[] NOT NULL,
  exit_code INTEGER NOT NULL,
  duration_ms BIGINT,
  error_type VARCHAR,
  error_message VARCHAR,
  actor_id VARCHAR NOT NULL,
  machine_id VARCHAR,
  session_hint VARCHAR,
  ci_detected BOOLEAN NOT NULL
);

CREATE TABLE documents (
  id UUID PRIMARY KEY,
  seq BIGINT NOT NULL UNIQUE,
  received_at TIMESTAMPTZ NOT NULL,
  payload VARCHAR NOT NULL
);

-- Last value handed out per counter ('events', 'documents').
CREATE TABLE counters (
  name VARCHAR PRIMARY KEY,
  last_value BIGINT NOT NULL
);

INSERT INTO counters VALUES ('events', 0), ('documents', 0);
