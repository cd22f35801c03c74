package dev.clianalytics.client.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The {@code telemetry on|off|status} subcommand the picocli integration adds: saves the user's
 * choice for this tool, or shows what would be sent. Its own runs are never recorded.
 */
final class TelemetryCommand implements Callable<Integer> {
  static final String NAME = "telemetry";

  /** What the user asks for; parsed case-insensitively. */
  enum Action {
    ON,
    OFF,
    STATUS
  }

  private final Client client;
  private final CommandSpec spec;
  private final PositionalParamSpec action;

  private TelemetryCommand(Client client) {
    this.client = client;
    this.spec = CommandSpec.wrapWithoutInspection(this);
    this.action =
        PositionalParamSpec.builder()
            .paramLabel("on|off|status")
            .arity("0..1")
            .type(Action.class)
            .completionCandidates(List.of("on", "off", "status"))
            .description("on or off: save the choice for this tool; status (default): show it.")
            .build();
    spec.name(NAME).mixinStandardHelpOptions(true).addPositional(action);
    spec.usageMessage()
        .description(
            "Turn usage analytics of " + client.settings().toolName() + " on or off for good,",
            "or show whether it is on and exactly what one run would send.");
  }

  /** Adds the subcommand to {@code root} unless the tool already has one by that name. */
  static CommandLine addTo(CommandLine root, Client client) {
    if (root.getSubcommands().containsKey(NAME)) {
      return null;
    }
    CommandLine sub = new CommandLine(new TelemetryCommand(client).spec);
    sub.setCaseInsensitiveEnumValuesAllowed(true);
    // A subcommand added now does not take the streams the tool set earlier; later ones it does.
    sub.setOut(root.getOut());
    sub.setErr(root.getErr());
    root.addSubcommand(NAME, sub);
    return sub;
  }

  @Override
  public Integer call() {
    Action a = action.getValue() == null ? Action.STATUS : action.getValue();
    try {
      return run(a, spec.root().commandLine().getOut());
    } catch (IOException e) {
      PrintWriter err = spec.root().commandLine().getErr();
      err.println(
          "error: could not save the choice in "
              + client.stateFile()
              + " ("
              + e.getClass().getSimpleName()
              + "); check that the directory is writable, or set "
              + ToolEnv.prefix(client.settings().toolName())
              + "_TELEMETRY=0 instead");
      err.flush();
      return 1;
    }
  }

  private int run(Action a, PrintWriter out) throws IOException {
    String tool = client.settings().toolName();
    switch (a) {
      case STATUS -> out.print(Status.text(client));
      case ON -> {
        Path file = client.saveChoice(true);
        out.println("Telemetry for " + tool + " is on (saved in " + file + ").");
        if (client.config().consent() == Consent.DO_NOT_TRACK) {
          out.println("DO_NOT_TRACK is set, so nothing is sent while it is.");
        }
      }
      case OFF -> {
        Path file = client.saveChoice(false);
        out.println("Telemetry for " + tool + " is off (saved in " + file + ").");
      }
    }
    out.flush();
    return 0;
  }
}
