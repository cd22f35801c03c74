package dev.clianalytics.client.internal;

import dev.clianalytics.client.TelemetrySettings;

/** The one-time notice of a tool in opt-out mode, printed on stderr at its first run. */
final class Notice {
  private Notice() {}

  static String text(TelemetrySettings settings, boolean withCommand) {
    String tool = settings.toolName();
    String variable = ToolEnv.prefix(tool) + "_TELEMETRY";
    StringBuilder t = new StringBuilder();
    t.append(tool)
        .append(" collects pseudonymous usage data to help its maintainers, from the next run on:")
        .append(System.lineSeparator())
        .append("  the command and option names used, exit code, duration, error type, OS,")
        .append(" CPU architecture and Java version,")
        .append(System.lineSeparator())
        .append("  with a random id for this tool on this machine; never argument values, paths")
        .append(" or names.")
        .append(System.lineSeparator())
        .append("  Turn it off: ");
    if (withCommand) {
      t.append('`').append(tool).append(" telemetry off` or ");
    }
    t.append(variable).append("=0 (DO_NOT_TRACK=1 turns off every tool).");
    if (settings.moreInfoUrl() != null) {
      t.append(System.lineSeparator()).append("  More: ").append(settings.moreInfoUrl());
    }
    return t.toString();
  }
}
