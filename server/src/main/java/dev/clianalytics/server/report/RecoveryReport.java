package dev.clianalytics.server.report;

import java.util.List;
import java.util.Map;

/** {@code GET /reports/recovery}: failing commands and their recovery; CSV: one row each. */
record RecoveryReport(List<RecoveryRow> commands) implements Report {
  @Override
  public Map<String, Object> toJson() {
    return Map.of("commands", csvRows());
  }

  @Override
  public List<Map<String, Object>> csvRows() {
    return Report.json(commands, RecoveryRow::toJson);
  }
}
