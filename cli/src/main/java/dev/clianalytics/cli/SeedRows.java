package dev.clianalytics.cli;

import java.util.List;

/**
 * The rows of a Supabase starter table {@code events(id uuid, payload jsonb)}, read in pages in
 * {@code id} order so a page boundary never skips or repeats a row while others are written.
 */
interface SeedRows extends AutoCloseable {
  /** One row: its id as text and its payload as parsed JSON (null when the column is null). */
  record Row(String id, Object payload) {}

  /** How many rows there are, or -1 when the source cannot say. */
  long total();

  /** The next page of at most {@code size} rows after {@code afterId} (null: from the start). */
  List<Row> page(String afterId, int size);

  @Override
  void close();

  /** The source a {@code cli-analytics import} argument names. */
  static SeedRows open(String source, String table, String token) {
    String s = source.strip();
    if (s.startsWith("http://") || s.startsWith("https://")) {
      return PostgrestRows.open(s, token);
    }
    if (dev.clianalytics.server.storage.postgres.DatabaseUrl.isPostgres(s)) {
      return PostgresRows.open(s, table);
    }
    throw new CliException(
        "import reads a PostgreSQL URL (postgres://user:pass@host:5432/db) or a PostgREST table URL"
            + " (https://PROJECT.supabase.co/rest/v1/events); the argument is neither");
  }
}
