package dev.clianalytics.client.internal;

/** Whether events of this run are sent, and if not, why; the reason is shown by EVENTS_DEBUG. */
public enum Decision {
  SEND("telemetry on"),
  OFF_BY_DEFAULT("telemetry off: EVENTS_ENABLED is not truthy and --analytics was not given"),
  OFF_DO_NOT_TRACK("telemetry off: DO_NOT_TRACK is set"),
  OFF_NO_URL("telemetry off: EVENTS_URL is not set"),
  OFF_BAD_URL("telemetry off: EVENTS_URL must be an http:// or https:// URL");

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
