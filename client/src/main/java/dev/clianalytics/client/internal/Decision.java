package dev.clianalytics.client.internal;

/** Whether events of this run are sent, and if not, why; the reason is shown by EVENTS_DEBUG. */
public enum Decision {
  SEND("telemetry on"),
  OFF_BY_DEFAULT(
      "telemetry off: not turned on (`telemetry on`, the tool's TELEMETRY variable,"
          + " EVENTS_ENABLED or --analytics)"),
  OFF_DO_NOT_TRACK("telemetry off: DO_NOT_TRACK is set"),
  OFF_TURNED_OFF("telemetry off: turned off for this tool (`telemetry off` or its variable)"),
  OFF_FIRST_RUN("telemetry off for this first run: the notice about it was just shown"),
  OFF_NO_URL("telemetry off: no endpoint (the tool's TELEMETRY_URL variable or EVENTS_URL)"),
  OFF_BAD_URL("telemetry off: the endpoint must be an http:// or https:// URL");

  private final String reason;

  Decision(String reason) {
    this.reason = reason;
  }

  /** One line saying why, for EVENTS_DEBUG; never contains a value from the environment. */
  public String reason() {
    return reason;
  }

  public boolean sends() {
    return this == SEND;
  }
}
