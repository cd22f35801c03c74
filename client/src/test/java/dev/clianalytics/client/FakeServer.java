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
import java.util.function.Function;

/**
 * The one hand-written HTTP fake of the test suites, on 127.0.0.1 and a random port: records every
 * request and answers from a script (200 and an ingest answer by default), from a function of the
 * request, or stalls (accepts, never answers). The client's and the CLI's tests both use it.
 */
public final class FakeServer implements AutoCloseable {
  /** One recorded request; header names are lowercase. */
  public record Request(
      String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
      return header("Content-Type");
    }

    public String authorization() {
      return header("Authorization");
    }
  }

  /** A scripted answer: a status and an optional Retry-After. */
  public record Answer(int status, String retryAfter) {}

  /** A computed answer: status, JSON body (empty for none) and an optional Retry-After. */
  public record Reply(int status, String body, String retryAfter) {
    public static Reply json(String body) {
      return new Reply(200, body, null);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private volatile CountDownLatch released = new CountDownLatch(1);
  private volatile boolean stalling;
  private final Function<Request, Reply> replies;

  public FakeServer() {
    this(0);
  }

  /** A server that answers every request with {@code replies.apply(request)}. */
  public FakeServer(Function<Request, Reply> replies) {
    this(0, replies);
  }

  /** A server on {@code port}, e.g. the port of an earlier {@link #refusedUrl()}. */
  public FakeServer(int port) {
    this(port, null);
  }

  private FakeServer(int port, Function<Request, Reply> replies) {
    this.replies = replies;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's base URL, without a path. */
  public String url() {
    return url("");
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
    String query = exchange.getRequestURI().getRawQuery();
    Request request =
        new Request(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath() + (query == null ? "" : "?" + query),
            headers,
            body,
            System.nanoTime());
    requests.add(request);
    if (stalling) {
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
    }
    Reply reply = replies != null ? replies.apply(request) : scripted();
    if (reply.retryAfter() != null) {
      exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
    }
    byte[] response = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), response.length == 0 ? -1 : response.length);
    if (response.length > 0) {
      exchange.getResponseBody().write(response);
    }
    exchange.close();
  }

  /** The next scripted answer, else 200 with an ingest answer for one event. */
  private Reply scripted() {
    Answer answer = script.pollFirst();
    int status = answer == null ? 200 : answer.status();
    String body = status == 200 ? "{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}" : "{}";
    return new Reply(status, body, answer == null ? null : answer.retryAfter());
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
