package dev.clianalytics.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts one JSON document to an events URL, the way the client SDK authenticates. */
final class DocumentPoster {
  private DocumentPoster() {}

  static void post(String url, String token, boolean postgrest, String body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token);
      if (postgrest) {
        request.header("apikey", token);
      }
    }
    if (postgrest) {
      request.header("Prefer", "return=minimal");
    }
    try {
      HttpResponse<String> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new CliException(
            "upload refused: HTTP " + response.statusCode() + " from " + URI.create(url).getHost());
      }
    } catch (java.net.ConnectException e) {
      throw new CliException(
          "cannot connect to " + URI.create(url).getHost() + ":" + URI.create(url).getPort());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
