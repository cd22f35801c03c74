package dev.clianalytics.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --url} and {@code --token} every server-talking command takes; each defaults to its
 * environment variable, as {@code --help} shows (the token's value is never shown).
 */
final class ServerOptions {
  @Option(
      names = "--url",
      paramLabel = "URL",
      defaultValue = "${env:CLI_ANALYTICS_URL:-http://localhost:8000}",
      description =
          "Server URL (default: CLI_ANALYTICS_URL, else http://localhost:8000; now ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      defaultValue = "${env:CLI_ANALYTICS_TOKEN}",
      description =
          "API token (default: CLI_ANALYTICS_TOKEN). Prefer the variable: arguments show in process lists.")
  String token;

  ApiClient client() {
    return new ApiClient(url, token);
  }
}
