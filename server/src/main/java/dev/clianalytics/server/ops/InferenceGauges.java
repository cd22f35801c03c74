package dev.clianalytics.server.ops;

import dev.clianalytics.server.report.RegressionWatch;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the database at each scrape (docs/server.md, "Metrics"): how far inference is
 * behind (events stored but not yet inferred, and the age of the oldest) and the regressions the
 * versions report flags. Left out of the scrape when the database does not answer, and for stores
 * without inference (test fakes).
 */
public final class InferenceGauges {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceGauges.class);

  private final Database database;
  private final RegressionWatch regressions;
  private final Clock clock;

  public InferenceGauges(Database database, RegressionWatch regressions, Clock clock) {
    this.database = database;
    this.regressions = regressions;
    this.clock = clock;
  }

  /** The figures of one scrape. */
  record Figures(
      long pendingEvents, double lagSeconds, int regressions, Long newestRegressionMicros) {}

  /** The figures now, or null when they cannot be read. */
  Figures read() {
    try {
      Storage storage = database.ready();
      return storage
          .inference()
          .read(
              c -> {
                Object[] row =
                    c.list(
                            "SELECT count(*), min(received_at) FROM "
                                + c.events()
                                + " WHERE seq >"
                                + " (SELECT last_seq FROM inference_state WHERE id = 1)",
                            java.util.List.of(),
                            rs -> new Object[] {rs.getLong(1), rs.getInstant(2)})
                        .getFirst();
                long pending = (Long) row[0];
                Instant oldest = (Instant) row[1];
                double lag =
                    oldest == null
                        ? 0
                        : Math.max(0, Duration.between(oldest, clock.instant()).toMillis())
                            / 1000.0;
                RegressionWatch.Flagged flagged = regressions.read(c);
                return new Figures(pending, lag, flagged.count(), flagged.newestFirstSeenMicros());
              });
    } catch (UnsupportedOperationException e) {
      return null; // a store without inference (a test fake)
    } catch (RuntimeException e) {
      LOG.debug("inference gauges not read: {}", e.getClass().getSimpleName());
      return null;
    }
  }

  /** Appends the gauges in the Prometheus text format; nothing when they cannot be read. */
  void write(StringBuilder out) {
    Figures f = read();
    if (f == null) {
      return;
    }
    gauge(
        out,
        "cli_analytics_inference_pending_events",
        "Events stored but not yet inferred.",
        Long.toString(f.pendingEvents()));
    gauge(
        out,
        "cli_analytics_inference_lag_seconds",
        "Age of the oldest event not yet inferred (0 when none waits).",
        Double.toString(f.lagSeconds()));
    gauge(
        out,
        "cli_analytics_version_regressions",
        "Significant success-rate drops GET /reports/versions flags now.",
        Integer.toString(f.regressions()));
    if (f.newestRegressionMicros() != null) {
      gauge(
          out,
          "cli_analytics_version_regression_newest_timestamp_seconds",
          "When the newest flagged regressed version first ran (Unix time).",
          Long.toString(f.newestRegressionMicros() / 1_000_000));
    }
  }

  private static void gauge(StringBuilder out, String name, String help, String value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
    out.append(name).append(' ').append(value).append('\n');
  }
}
