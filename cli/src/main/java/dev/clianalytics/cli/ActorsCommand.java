package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "actors",
    mixinStandardHelpOptions = true,
    description = "Erase an actor: actors delete ACTOR_ID.",
    subcommands = ActorsCommand.Delete.class)
final class ActorsCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = {
        "Delete every event and derived row of one actor (needs the admin token).",
        "ACTOR_ID may be the raw id or its SHA-256 form; both reach the same rows."
      })
  static final class Delete implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "ACTOR_ID")
    String actorId;

    @Mixin ServerOptions server;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Override
    public Integer call() {
      String path =
          "/actors/" + URLEncoder.encode(actorId, StandardCharsets.UTF_8).replace("+", "%20");
      ApiClient.Answer answer = server.client().delete(path);
      if (answer.status() != 200) {
        throw new CliException("erasure failed: " + answer.problem());
      }
      Map<String, Object> r = answer.object();
      System.out.println(json ? Json.write(r) : "erased: " + r.get("deleted") + " rows removed");
      return 0;
    }
  }
}
