-- Placeholder for the PostgreSQL V6 migration of a parallel branch; dropped when they merge.
SELECT 1;
