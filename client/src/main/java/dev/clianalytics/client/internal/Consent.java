package dev.clianalytics.client.internal;

/**
 * Which setting decided whether this tool's telemetry is on, in the order they are consulted
 * (docs/client.md): {@code DO_NOT_TRACK}, {@code --analytics}, the saved {@code telemetry on|off},
 * the per-tool variable, the shared {@code EVENTS_ENABLED}, and last the maintainer's default.
 */
public enum Consent {
  DO_NOT_TRACK(false),
  ANALYTICS_FLAG(true),
  SAVED_ON(true),
  SAVED_OFF(false),
  TOOL_VARIABLE_ON(true),
  TOOL_VARIABLE_OFF(false),
  SHARED_VARIABLE_ON(true),
  SHARED_VARIABLE_OFF(false),
  OPT_OUT_DEFAULT(true),
  OPT_IN_DEFAULT(false);

  private final boolean on;

  Consent(boolean on) {
    this.on = on;
  }

  public boolean on() {
    return on;
  }

  /** Decides from the settings in their order; the first one that is set wins. */
  static Consent of(ToolEnv env, ToolState saved, boolean analyticsFlag, boolean optOut) {
    if (Truthy.isTruthy(env.shared(ToolEnv.DO_NOT_TRACK))) {
      return DO_NOT_TRACK;
    }
    if (analyticsFlag) {
      return ANALYTICS_FLAG;
    }
    if (saved.choice() != null) {
      return saved.choice() ? SAVED_ON : SAVED_OFF;
    }
    String own = env.raw().get(env.toolName(ToolEnv.ENABLED));
    if (Truthy.isTruthy(own) || Truthy.isFalsy(own)) {
      return Truthy.isTruthy(own) ? TOOL_VARIABLE_ON : TOOL_VARIABLE_OFF;
    }
    String shared = env.shared(ToolEnv.ENABLED);
    if (Truthy.isTruthy(shared) || Truthy.isFalsy(shared)) {
      return Truthy.isTruthy(shared) ? SHARED_VARIABLE_ON : SHARED_VARIABLE_OFF;
    }
    return optOut ? OPT_OUT_DEFAULT : OPT_IN_DEFAULT;
  }

  /** One line for {@code telemetry status}: why it is on or off, naming the setting. */
  String describe(String toolName, String toolVariable) {
    return switch (this) {
      case DO_NOT_TRACK -> "off: DO_NOT_TRACK is set (it wins over every other setting)";
      case ANALYTICS_FLAG -> "on for this run: --analytics was given";
      case SAVED_ON -> "on: saved with `" + toolName + " telemetry on`";
      case SAVED_OFF -> "off: saved with `" + toolName + " telemetry off`";
      case TOOL_VARIABLE_ON -> "on: " + toolVariable + " is set to a true value";
      case TOOL_VARIABLE_OFF -> "off: " + toolVariable + " is set to a false value";
      case SHARED_VARIABLE_ON -> "on: EVENTS_ENABLED is set to a true value";
      case SHARED_VARIABLE_OFF -> "off: EVENTS_ENABLED is set to a false value";
      case OPT_OUT_DEFAULT -> "on: " + toolName + " sends usage events unless you turn them off";
      case OPT_IN_DEFAULT -> "off: " + toolName + " sends nothing unless you turn it on";
    };
  }
}
