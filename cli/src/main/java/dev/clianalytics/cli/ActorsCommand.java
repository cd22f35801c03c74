package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

    @Option(
        names = "--url",
        defaultValue = "${env:CLI_ANALYTICS_URL:-http://localhost:8000}",
        description = "Server URL (default: CLI_ANALYTICS_URL, else ${DEFAULT-VALUE}).")
    String url;

    @Option(
        names = "--token",
        defaultValue = "${env:CLI_ANALYTICS_TOKEN}",
        description = "Admin token (default: CLI_ANALYTICS_TOKEN).")
    String token;

    @Option(names = "--json", description = "Print the server's JSON answer.")
    boolean json;

    @Override
    public Integer call() throws IOException, InterruptedException {
      String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
      String path =
          "/actors/" + URLEncoder.encode(actorId, StandardCharsets.UTF_8).replace("+", "%20");
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).DELETE();
      if (token != null && !token.isBlank()) {
        request.header("Authorization", "Bearer " + token.strip());
      }
      HttpResponse<String> response;
      try (HttpClient client =
          HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IOException(
            "cannot reach "
                + base
                + " ("
                + e.getClass().getSimpleName()
                + "); start the server"
                + " or pass --url",
            e);
      }
      return report(response);
    }

    private int report(HttpResponse<String> response) {
      Object body;
      try {
        body = Json.parse(response.body());
      } catch (RuntimeException e) {
        body = null;
      }
      if (response.statusCode() != 200 || !(body instanceof Map<?, ?> map)) {
        String detail = body instanceof Map<?, ?> m ? String.valueOf(m.get("detail")) : "";
        System.err.println("error: the server answered " + response.statusCode() + ": " + detail);
        return 1;
      }
      System.out.println(
          json ? response.body() : "erased: " + map.get("deleted") + " rows removed");
      return 0;
    }
  }
}
