-- Where a command ran (docs/what-is-collected.md): optional, each one of a closed set of short
-- values checked before storing, so a low-cardinality text column each.
ALTER TABLE events ADD COLUMN os VARCHAR;

ALTER TABLE events ADD COLUMN arch VARCHAR;

ALTER TABLE events ADD COLUMN runtime VARCHAR;

ALTER TABLE events_staging ADD COLUMN os VARCHAR;

ALTER TABLE events_staging ADD COLUMN arch VARCHAR;

ALTER TABLE events_staging ADD COLUMN runtime VARCHAR;
