package dev.clianalytics.cli;

import picocli.CommandLine.Option;

/** The {@code --url} and {@code --token} every server-talking command takes. */
final class ServerOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      description = "Server URL (default: CLI_ANALYTICS_URL, else http://localhost:8000).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "API token (default: CLI_ANALYTICS_TOKEN). Prefer the variable: arguments show in process lists.")
  String token;

  ApiClient client() {
    String base =
        url != null
            ? url
            : System.getenv().getOrDefault("CLI_ANALYTICS_URL", "http://localhost:8000");
    String t = token != null ? token : System.getenv("CLI_ANALYTICS_TOKEN");
    return new ApiClient(base, t);
  }
}
