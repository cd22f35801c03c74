package dev.clianalytics.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A hand-written stand-in for the ingest server on 127.0.0.1 and a random port: records every
 * request and answers from a script (200 by default), or stalls (accepts, never answers).
 */
public final class FakeServer implements AutoCloseable {
  /** One recorded request; header names are lowercase. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** A scripted answer: a status and an optional Retry-After. */
  public record Answer(int status, String retryAfter) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile boolean stalling;

  public FakeServer() {
    this(0);
  }

  /** A server on {@code port}, e.g. the port of an earlier {@link #refusedUrl()}. */
  public FakeServer(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The URL of an endpoint on this server, e.g. {@code url("/ingest")}. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  /** A URL on which nothing listens: connections are refused. */
  public static String refusedUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/ingest";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** From now on, accept requests and never answer them. */
  public FakeServer stall() {
    stalling = true;
    return this;
  }

  /** Stops stalling: stalled requests are dropped without an answer, later ones are answered. */
  public FakeServer resume() {
    stalling = false;
    CountDownLatch old = released;
    released = new CountDownLatch(1);
    old.countDown();
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Answers the next request with {@code status} and a Retry-After header (null for none). */
  public FakeServer thenAnswer(int status, String retryAfter) {
    script.addLast(new Answer(status, retryAfter));
    return this;
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Every event received, unwrapped from arrays, {@code {"events"}} and PostgREST rows. */
  public List<Map<String, Object>> events() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (Request r : requests) {
      collect(Json.parse(r.body()), events);
    }
    return events;
  }

  /** Waits until at least {@code n} events arrived or {@code timeout} passed; returns them. */
  public List<Map<String, Object>> awaitEvents(int n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events().size() < n && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return events();
  }

  @SuppressWarnings("unchecked") // JSON objects parse as Map<String, Object>.
  private static void collect(Object json, List<Map<String, Object>> out) {
    if (json instanceof List<?> list) {
      list.forEach(item -> collect(item, out));
    } else if (json instanceof Map<?, ?> map) {
      if (map.get("payload") instanceof Map<?, ?> payload) {
        out.add((Map<String, Object>) payload);
      } else if (map.get("events") instanceof List<?> list) {
        list.forEach(item -> collect(item, out));
      } else {
        out.add((Map<String, Object>) map);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, List<String>> headers = new java.util.HashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            headers,
            body,
            System.nanoTime()));
    if (stalling) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    Answer answer = script.pollFirst();
    int status = answer == null ? 200 : answer.status();
    if (answer != null && answer.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
    }
    byte[] response =
        (status == 200 ? "{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}" : "{}")
            .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, response.length);
    exchange.getResponseBody().write(response);
    exchange.close();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
