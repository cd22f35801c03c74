package dev.clianalytics.server.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** A command of the summary's {@code top_failing_commands}. */
record FailingCommand(String command, long failures, long actors, long runs, Double failureRate) {
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("command", command);
    json.put("failures", failures);
    json.put("actors", actors);
    json.put("runs", runs);
    json.put("failure_rate", failureRate);
    return json;
  }
}
