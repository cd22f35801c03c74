package dev.clianalytics.server.report;

import dev.clianalytics.core.hotpath.HotPath;
import java.util.List;
import java.util.Map;

/** {@code GET /reports/hot-paths}: ranked failure paths; CSV: one row per path. */
record HotPathsReport(List<HotPath> paths) implements Report {
  @Override
  public Map<String, Object> toJson() {
    return Map.of("paths", csvRows());
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.json(paths, HotPath::toJson);
  }
}
