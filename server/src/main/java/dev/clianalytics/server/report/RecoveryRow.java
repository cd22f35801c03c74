package dev.clianalytics.server.report;

import dev.clianalytics.core.recovery.Recovery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A failing command and how its users recovered (docs/reports.md). */
record RecoveryRow(Recovery recovery) {
  Map<String, Object> toJson() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("command", recovery.command());
    row.put("failures", recovery.failures());
    row.put("recovered", Math.round(recovery.recoveredShare() * recovery.failures()));
    row.put("recovery_rate", recovery.recoveredShare());
    row.put("median_time_to_recover_ms", recovery.medianRecoveryMs());
    row.put("actors", recovery.actors());
    List<Map<String, Object>> next = new ArrayList<>();
    recovery
        .nextCommands()
        .forEach(
            (command, n) -> {
              Map<String, Object> item = new LinkedHashMap<>();
              item.put("command", command);
              item.put("count", n);
              next.add(item);
            });
    row.put("next_commands", next);
    return row;
  }
}
