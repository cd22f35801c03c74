package dev.clianalytics.client.internal;

import java.net.URI;

/**
 * What {@code mytool telemetry status} prints: whether telemetry is on and which setting decided,
 * where events go, the tool's actor id (the one to give for erasure), where the choice is saved,
 * and the exact event one run would send.
 */
public final class Status {
  private Status() {}

  public static String text(Client client) {
    ClientConfig c = client.config();
    String tool = client.settings().toolName();
    String variable = ToolEnv.prefix(tool) + "_TELEMETRY";
    String nl = System.lineSeparator();
    StringBuilder t = new StringBuilder();
    t.append("Telemetry for ").append(tool).append(" is ");
    t.append(c.consent().describe(tool, variable)).append('.').append(nl);
    if (c.consent().on() && !c.decision().sends()) {
      t.append("Nothing is sent: ").append(c.decision().reason()).append('.').append(nl);
    }
    t.append("Endpoint:  ").append(c.url() == null ? "(none)" : shown(c.url())).append(nl);
    t.append("Actor id:  ").append(client.actorId());
    t.append(" (give this id to the operator to have this tool's events erased)").append(nl);
    t.append("Saved in:  ").append(client.stateFile()).append(nl);
    t.append("Settings:  `").append(tool).append(" telemetry on|off`, then ").append(variable);
    t.append(", then EVENTS_ENABLED; DO_NOT_TRACK=1 wins over all.").append(nl);
    if (client.settings().moreInfoUrl() != null) {
      t.append("More:      ").append(client.settings().moreInfoUrl()).append(nl);
    }
    t.append(
            c.decision().sends()
                ? "Each run sends one event like this one:"
                : "When on, each run would send one event like this one:")
        .append(nl)
        .append(client.preview())
        .append(nl);
    return t.toString();
  }

  /** Scheme, host, port and path: never a query string, which might carry a key. */
  static String shown(URI url) {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
