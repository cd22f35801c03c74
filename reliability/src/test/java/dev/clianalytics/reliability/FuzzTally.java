package dev.clianalytics.reliability;

import dev.clianalytics.reliability.FuzzRequests.FuzzRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the fuzz run saw, request by request, and which answers broke the rules: a 5xx, a hang, a
 * connection closed without an answer, or an error that is not problem+json.
 */
final class FuzzTally {
  private static final int KEPT_FAILURES = 20;

  private final Map<String, Integer> statuses = new TreeMap<>();
  private final Map<String, Integer> endpoints = new TreeMap<>();
  private final Map<String, java.util.Set<Integer>> endpointStatuses = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();
  private int failureCount;
  private int versionRefusals;
  private int total;
  private long maxMillis;

  synchronized void record(FuzzRequest request, RawHttp.Answer answer) {
    total++;
    endpoints.merge(request.endpoint().name(), 1, Integer::sum);
    String key =
        switch (answer.ending()) {
          case ANSWERED -> Integer.toString(answer.status());
          case CLOSED -> "closed";
          case TIMED_OUT -> "timeout";
        };
    statuses.merge(key, 1, Integer::sum);
    maxMillis = Math.max(maxMillis, answer.millis());
    if (answer.ending() == RawHttp.Ending.ANSWERED) {
      endpointStatuses
          .computeIfAbsent(request.endpoint().name(), k -> new java.util.TreeSet<>())
          .add(answer.status());
    }
    if (answer.status() == 505 && !speaksHttp11(request)) {
      versionRefusals++;
      return;
    }
    String broken = broken(request, answer);
    if (broken != null) {
      failureCount++;
      if (failures.size() < KEPT_FAILURES) {
        failures.add(broken + " <- " + requestLine(request));
      }
    }
  }

  private static String broken(FuzzRequest request, RawHttp.Answer answer) {
    return switch (answer.ending()) {
      case TIMED_OUT -> "no complete answer in time";
      case CLOSED -> "closed without an answer";
      case ANSWERED -> {
        if (answer.status() >= 500) {
          yield "answered " + answer.status();
        }
        if (answer.status() >= 400
            && !answer.contentType().startsWith("application/problem+json")
            && !isOtlpStatus(request, answer)) {
          yield "answered " + answer.status() + " as '" + answer.contentType() + "'";
        }
        yield null;
      }
    };
  }

  /**
   * OTLP/HTTP answers its errors with a {@code google.rpc.Status} in the request's encoding, as
   * OTLP clients expect; only a Content-Type that is neither OTLP encoding gets problem+json.
   */
  private static boolean isOtlpStatus(FuzzRequest request, RawHttp.Answer answer) {
    String type = answer.contentType();
    return request.endpoint().template().equals("/v1/traces")
        && answer.status() < 500
        && (type.startsWith(FuzzOtlp.PROTOBUF) || type.startsWith(FuzzOtlp.JSON));
  }

  /**
   * Whether the request line names HTTP/1.0 or 1.1. For any other version (HTTP/1.2, HTTP/2.0 in
   * text, none at all, garbage) Jetty's parser answers 505 before the application sees the request:
   * the protocol's answer, counted apart from the 5xx that would be the server's fault.
   */
  private static boolean speaksHttp11(FuzzRequest request) {
    String text = new String(request.bytes(), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    String line = end < 0 ? text : text.substring(0, end);
    return line.endsWith(" HTTP/1.1") || line.endsWith(" HTTP/1.0");
  }

  private static String requestLine(FuzzRequest request) {
    String text = new String(request.bytes(), StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n");
    String line = end < 0 ? text : text.substring(0, end);
    return (line.length() > 160 ? line.substring(0, 160) + "..." : line)
        + " ("
        + request.bytes().length
        + " bytes)";
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  synchronized Map<String, Integer> statuses() {
    return Map.copyOf(statuses);
  }

  /** Server errors that are not the protocol's answer to an unknown HTTP version. */
  synchronized int serverErrors() {
    return statuses.entrySet().stream()
            .filter(e -> e.getKey().startsWith("5"))
            .mapToInt(Map.Entry::getValue)
            .sum()
        - versionRefusals;
  }

  /** The statuses the requests aimed at {@code endpoint} ({@code "POST /ingest"}) were given. */
  synchronized java.util.Set<Integer> statusesOf(String endpoint) {
    return java.util.Set.copyOf(endpointStatuses.getOrDefault(endpoint, java.util.Set.of()));
  }

  synchronized int total() {
    return total;
  }

  synchronized int endpoints() {
    return endpoints.size();
  }

  /** The one-line figure the README quotes. */
  synchronized String summary() {
    return "fuzz requests="
        + total
        + " endpoints="
        + endpoints.size()
        + " statuses="
        + statuses
        + " 5xx="
        + serverErrors()
        + " (505_bad_http_version="
        + versionRefusals
        + " apart)"
        + " failures="
        + failureCount
        + " max_ms="
        + maxMillis;
  }
}
