package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Talks to a CLI Analytics server: JSON in and out, the token as a Bearer header, retries with
 * backoff on 429 and 503 (honouring {@code Retry-After}) and on refused connections.
 */
final class ApiClient {
  private static final int MAX_ATTEMPTS = 8;

  private final String base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(String base, String token) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token == null || token.isBlank() ? null : token.trim();
  }

  String base() {
    return base;
  }

  /** A JSON answer: the status and the parsed body (null when empty or not JSON). */
  record Answer(int status, Object body) {
    @SuppressWarnings("unchecked") // JSON objects are read as Map<String, Object>
    Map<String, Object> object() {
      return body instanceof Map<?, ?> ? (Map<String, Object>) body : Map.of();
    }

    /** The problem+json detail (or title) of an error answer. */
    String problem() {
      Map<String, Object> o = object();
      Object detail = o.getOrDefault("detail", o.get("title"));
      return "HTTP " + status + (detail == null ? "" : ": " + detail);
    }
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  Answer post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build());
  }

  Answer delete(String path) {
    return send(request(path).DELETE().build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofMinutes(10))
            .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Answer send(HttpRequest request) {
    long backoffMs = 500;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<String> response =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = response.statusCode();
        if ((status == 429 || status == 503) && attempt < MAX_ATTEMPTS) {
          sleep(retryAfterMs(response).orElse(backoffMs));
          backoffMs = Math.min(backoffMs * 2, 30_000);
          continue;
        }
        return new Answer(status, parse(response.body()));
      } catch (ConnectException e) {
        if (attempt >= MAX_ATTEMPTS) {
          throw new CliException(
              "cannot connect to " + base + "; is the server running? (cli-analytics serve)");
        }
        sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
      } catch (IOException e) {
        throw new CliException("request to " + base + " failed: " + Errors.oneLine(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CliException("interrupted");
      }
    }
  }

  private static java.util.Optional<Long> retryAfterMs(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .flatMap(
            v -> {
              try {
                return java.util.Optional.of(
                    Math.min(60_000L, Math.max(0L, Long.parseLong(v.trim()) * 1000)));
              } catch (NumberFormatException e) {
                return java.util.Optional.empty();
              }
            });
  }

  private static Object parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return Json.parse(body);
    } catch (JsonException e) {
      return null;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
