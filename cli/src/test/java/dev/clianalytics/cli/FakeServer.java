package dev.clianalytics.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A hand-written HTTP fake on 127.0.0.1 that records requests and answers with a function. */
final class FakeServer implements AutoCloseable {
  record Request(
      String method, String path, String contentType, String authorization, String body) {}

  record Reply(int status, String body, String retryAfter) {
    static Reply json(String body) {
      return new Reply(200, body, null);
    }
  }

  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;

  FakeServer(Function<Request, Reply> handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Request r = read(exchange);
          requests.add(r);
          Reply reply = handler.apply(r);
          byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          if (reply.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
          }
          exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static Request read(HttpExchange e) throws IOException {
    String body = new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path =
        e.getRequestURI().getRawPath()
            + (e.getRequestURI().getRawQuery() == null
                ? ""
                : "?" + e.getRequestURI().getRawQuery());
    return new Request(
        e.getRequestMethod(),
        path,
        e.getRequestHeaders().getFirst("Content-Type"),
        e.getRequestHeaders().getFirst("Authorization"),
        body);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
