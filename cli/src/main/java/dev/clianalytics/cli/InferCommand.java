package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "infer",
    mixinStandardHelpOptions = true,
    description = "Run inference on the server now (incremental unless --full).")
final class InferCommand implements Callable<Integer> {
  @Mixin ServerOptions server;

  @Option(names = "--full", description = "Recompute everything instead of only what changed.")
  boolean full;

  @Option(names = "--json", description = "Print the server's answer as JSON.")
  boolean json;

  @Override
  public Integer call() {
    run(server.client(), full, json);
    return 0;
  }

  static void run(ApiClient client, boolean json) {
    run(client, false, json);
  }

  static void run(ApiClient client, boolean full, boolean json) {
    ApiClient.Answer answer =
        client.post(full ? "/infer?full=true" : "/infer", "application/json", "");
    if (answer.status() != 200) {
      throw new CliException("inference failed: " + answer.problem());
    }
    Map<String, Object> r = answer.object();
    if (json) {
      System.out.println(Json.write(r));
      return;
    }
    System.out.printf(
        "inference: %s events processed, %s sessions, %s workflow runs in %s%n",
        Format.count(r.get("events_processed")),
        Format.count(r.get("sessions")),
        Format.count(r.get("workflow_runs")),
        Format.duration(r.get("duration_ms")));
  }
}
