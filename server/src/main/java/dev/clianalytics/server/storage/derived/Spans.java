package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.session.Recompute;
import dev.clianalytics.core.session.SessionKey;
import dev.clianalytics.core.session.SessionSpan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Stored sessions as spans, and the scratch ranges incremental inference looks them up by. */
public final class Spans {
  private Spans() {}

  /** Stored sessions as spans, from a query selecting their id, actor, hint, start, end, open. */
  public static List<SessionSpan> read(Connection c, String sql, long... params)
      throws SQLException {
    List<SessionSpan> out = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setLong(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String hint = rs.getString(3);
          SessionKey key = new SessionKey(rs.getString(2), hint.isEmpty() ? null : hint);
          out.add(
              new SessionSpan(
                  key,
                  rs.getString(1),
                  DerivedRows.instant(rs.getLong(4)),
                  DerivedRows.instant(rs.getLong(5)),
                  rs.getBoolean(6)));
        }
      }
    }
    return out;
  }

  /** Fills {@code infer_ranges} with the ranges widened by {@code margin} on both sides. */
  public static void putRanges(
      Connection c, RowWriter.Factory rows, List<Recompute> ranges, Duration margin)
      throws SQLException {
    try (RowWriter w =
        rows.open(c, "infer_ranges", "actor_id, hint, from_ts, to_ts, from_us, to_us")) {
      for (Recompute r : ranges) {
        Instant from = r.from().minus(margin);
        Instant to = r.to().plus(margin);
        w.text(r.key().actorId())
            .text(Objects.toString(r.key().sessionHint(), ""))
            .timestamp(from)
            .timestamp(to)
            .int64(DerivedRows.micros(from))
            .int64(DerivedRows.micros(to))
            .endRow();
      }
    }
    rows.sync();
  }
}
