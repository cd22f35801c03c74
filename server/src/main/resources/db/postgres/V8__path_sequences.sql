-- The hot-paths report ranks sequences by their failures, then reads the occurrences and failing
-- actors of only the few sequences it can show: these indexes find those sequences' rows without
-- reading either table whole. Hash indexes, as a sequence of long command names can be longer
-- than a B-tree entry may be.
CREATE INDEX path_totals_sequence ON path_totals USING hash (sequence);

CREATE INDEX path_actors_sequence ON path_actors USING hash (sequence);
