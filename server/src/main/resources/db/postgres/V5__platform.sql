-- Where a command ran (docs/what-is-collected.md): optional, each one of a closed set of short
-- values checked before storing, so a low-cardinality text column each.
ALTER TABLE events ADD COLUMN os text, ADD COLUMN arch text, ADD COLUMN runtime text;
