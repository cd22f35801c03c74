package dev.clianalytics.client.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Posts batches of sanitized events with the JDK HTTP client: a JSON array to {@code /ingest}, or
 * {@code {"payload": ...}} rows for a PostgREST {@code /rest/v1/} URL. The token goes only into
 * request headers, never into a URL, an argument list or a message.
 */
final class Transport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

  private final ClientConfig config;
  private HttpClient http;

  Transport(ClientConfig config) {
    this.config = config;
  }

  /** Builds the HTTP client ahead of the first send, so its start-up cost overlaps the tool run. */
  synchronized void warmUp() {
    if (http == null) {
      http =
          HttpClient.newBuilder()
              .connectTimeout(CONNECT_TIMEOUT)
              .followRedirects(HttpClient.Redirect.NEVER)
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    }
  }

  SendResult send(List<String> events) {
    warmUp();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(config.url())
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(events), StandardCharsets.UTF_8));
    if (config.token() != null) {
      request.header("Authorization", "Bearer " + config.token());
      if (config.postgrest()) {
        request.header("apikey", config.token());
      }
    }
    if (config.postgrest()) {
      request.header("Prefer", "return=minimal");
    }
    try {
      HttpResponse<Void> response =
          http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      return classify(
          response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
    } catch (IOException e) {
      return new SendResult.Retry(java.util.Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new SendResult.Retry(java.util.Optional.empty());
    }
  }

  SendResult classify(int status, String retryAfter) {
    if (status >= 200 && status < 300 || (config.postgrest() && status == 409)) {
      return new SendResult.Delivered();
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return new SendResult.Retry(RetryAfter.parse(retryAfter, Instant.now()));
    }
    return new SendResult.Rejected(status);
  }

  String body(List<String> events) {
    StringBuilder out = new StringBuilder(events.size() * 400);
    boolean wrap = config.postgrest();
    if (wrap && events.size() == 1) {
      return "{\"payload\":" + events.get(0) + "}";
    }
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(wrap ? "{\"payload\":" : "").append(events.get(i)).append(wrap ? "}" : "");
    }
    return out.append(']').toString();
  }

  /** Aborts any request in flight; called at close, once unsent events are spooled. */
  synchronized void shutdown() {
    if (http != null) {
      http.shutdownNow();
    }
  }
}
