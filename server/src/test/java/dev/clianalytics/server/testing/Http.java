package dev.clianalytics.server.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small HTTP client for tests against a server on localhost. */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final int port;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.port = port;
  }

  /** The server's port, for tests that open their own connections. */
  public int port() {
    return port;
  }

  /** Sends {@code requestLine} and a Host header over a raw socket: for what clients refuse. */
  public Response raw(String requestLine) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      String request = requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int status = Integer.parseInt(text.substring(9, 12));
      Map<String, String> headers = new java.util.HashMap<>();
      String[] parts = text.split("\r\n\r\n", 2);
      for (String line : parts[0].split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT),
              line.substring(colon + 1).strip());
        }
      }
      return new Response(
          status,
          headers.getOrDefault("content-type", ""),
          parts.length > 1 ? parts[1] : "",
          headers);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One response: status, the headers that tests look at, the body as text. */
  public record Response(
      int status, String contentType, String body, Map<String, String> headers) {}

  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  public Response delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), headers);
  }

  public Response post(String path, String body, String... headers) {
    return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
  }

  /** POSTs a JSON body with a bearer token, as the SDK and {@code post-events} send events. */
  public Response postJson(String path, String json, String token) {
    return post(path, json, "Content-Type", "application/json", "Authorization", "Bearer " + token);
  }

  public Response post(String path, byte[] body, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        headers);
  }

  /** POSTs a body chunked, without a {@code Content-Length}, as a streaming client sends it. */
  public Response postChunked(String path, byte[] body, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(body))),
        headers);
  }

  private Response send(HttpRequest.Builder builder, String... headers) {
    builder.timeout(Duration.ofSeconds(60));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r =
          CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Map<String, String> flat = new java.util.HashMap<>();
      r.headers().map().forEach((k, v) -> flat.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
      return new Response(
          r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), flat);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
