package dev.clianalytics.server.report;

import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.List;

/**
 * The significant drops {@code GET /reports/versions} flags, for the metrics of docs/server.md: how
 * many there are and when the newest regressed version first ran. Recomputed only when inference,
 * erasure or retention changed the derived tables.
 */
public final class RegressionWatch {
  private final Reports reports;
  private Cached cached;

  /** How many drops are flagged, and the first run of the newest regressed version (or null). */
  public record Flagged(int count, Long newestFirstSeenMicros) {}

  private record Cached(long generation, Flagged flagged) {}

  public RegressionWatch(ReportSettings settings) {
    this.reports = new Reports(settings);
  }

  /** The drops flagged now, read on {@code c}'s snapshot of the derived tables. */
  public synchronized Flagged read(SqlReads c) throws SQLException {
    long generation = ReportCache.generation(c);
    if (cached != null && cached.generation() == generation) {
      return cached.flagged();
    }
    VersionsReport versions = reports.versions(c, ReportFilter.NONE);
    Long newest = null;
    for (VersionsReport.Regression r : versions.regressions()) {
      Long first =
          Query.list(
                  c,
                  "SELECT min(start_us) FROM workflow_runs WHERE workflow = ? AND tool_version = ?",
                  List.of(r.workflow(), r.toVersion()),
                  rs -> Query.longOrNull(rs, 1))
              .getFirst();
      if (first != null && (newest == null || first > newest)) {
        newest = first;
      }
    }
    Flagged flagged = new Flagged(versions.regressions().size(), newest);
    cached = new Cached(generation, flagged);
    return flagged;
  }
}
