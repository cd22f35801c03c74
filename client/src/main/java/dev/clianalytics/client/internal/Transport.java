package dev.clianalytics.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Posts batches of sanitized events: a JSON array to {@code /ingest}, or {@code {"payload": ...}}
 * rows for a PostgREST {@code /rest/v1/} URL. The token goes only into request headers, never into
 * a URL, an argument list or a message.
 *
 * <p>Requests go out through {@link HttpPost}, a few lines of HTTP/1.1 on a socket, and the
 * connection is opened ahead of time ({@link #warmUp}) while the tool runs, so at exit only the
 * request and its answer remain. {@code java.net.http.HttpClient} initializes TLS even for {@code
 * http://} and {@code HttpURLConnection} loads a few hundred classes on first use; both cost a
 * short-lived process more than the whole send. {@code HttpURLConnection} is still used when the
 * JVM is configured for a proxy, whose rules it knows.
 */
final class Transport implements Consumer<Socket> {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /**
   * A connection opened ahead of time is used only while younger than this: a server may drop an
   * idle connection, and a long-running tool reconnects at exit rather than find out the slow way.
   */
  static final Duration MAX_READY_AGE = Duration.ofSeconds(10);

  private final ClientConfig config;
  private final boolean proxied;
  private volatile Socket ready;
  private long readyAt;
  private volatile Socket current;
  private volatile HttpURLConnection currentProxied;
  private volatile boolean shutDown;

  Transport(ClientConfig config) {
    this.config = config;
    this.proxied = proxyConfigured(config.url());
  }

  /**
   * Whether the JVM is set to use a proxy for this URL's scheme (the standard networking
   * properties). Read from system properties only: asking {@link java.net.ProxySelector} would load
   * and initialize the JDK's proxy machinery on every run.
   */
  static boolean proxyConfigured(URI url) {
    String scheme = url == null ? "http" : url.getScheme().toLowerCase(Locale.ROOT);
    return isSet(scheme + ".proxyHost")
        || isSet("socksProxyHost")
        || "true".equalsIgnoreCase(System.getProperty("java.net.useSystemProxies"));
  }

  private static boolean isSet(String property) {
    String value = System.getProperty(property);
    return value != null && !value.isBlank();
  }

  /**
   * Opens the connection for the first request while the tool runs: resolves the host, connects,
   * and for {@code https} completes the TLS handshake. A failure is left to the real send, which
   * reports it and is retried.
   */
  void warmUp() {
    if (proxied || shutDown || ready != null) {
      return;
    }
    try {
      Socket socket = open();
      // The stream and answer classes load now, while the tool runs, rather than at exit.
      socket.getOutputStream();
      socket.getInputStream();
      HttpPost.loadClasses();
      classify(200, null).outcome(); // and those of the result the sender then settles
      readyAt = System.nanoTime();
      ready = socket;
      current = null;
      if (shutDown) {
        socket.close();
      }
    } catch (IOException | RuntimeException e) {
      current = null;
    }
  }

  /**
   * Resolves the URL's host ahead of the early connect, from another thread: the answer lands in
   * the JDK's address cache, where the connect finds it, and the first use of {@link InetAddress}
   * (which reads the JDK's security properties) overlaps the sender's own socket set-up. Nothing
   * when a proxy is configured, which resolves the host itself; a failure is left to the connect.
   */
  void resolveAhead() {
    if (proxied || shutDown) {
      return;
    }
    try {
      InetAddress.getByName(config.url().getHost());
    } catch (IOException | RuntimeException e) {
      // The connect resolves again and reports it.
    }
  }

  /** Called by {@link HttpPost#open} before connecting, so {@link #shutdown} can abort it. */
  @Override
  public void accept(Socket socket) {
    current = socket;
    if (shutDown) {
      closeQuietly(socket);
    }
  }

  SendResult send(List<String> events) {
    if (shutDown) {
      return SendResult.retry(0, Optional.empty());
    }
    try {
      byte[] body = body(events).getBytes(StandardCharsets.UTF_8);
      if (proxied) {
        return sendProxied(body);
      }
      byte[] request = HttpPost.request(config.url(), headers(), body);
      Socket early = takeReady();
      if (early != null) {
        HttpPost.Response answer = exchange(early, request);
        // No answer, or 408, from a connection opened earlier: the server gave up on it.
        if (answer != null && answer.status() != 408) {
          return classify(answer.status(), answer.retryAfter());
        }
      }
      HttpPost.Response answer = exchange(open(), request);
      return answer == null
          ? SendResult.retry(0, Optional.empty())
          : classify(answer.status(), answer.retryAfter());
    } catch (IOException | RuntimeException e) {
      return SendResult.retry(0, Optional.empty());
    }
  }

  private Socket open() throws IOException {
    return HttpPost.open(
        config.url(), (int) CONNECT_TIMEOUT.toMillis(), (int) READ_TIMEOUT.toMillis(), this);
  }

  /** The connection opened ahead of time, if still young enough; closes a stale one. */
  private Socket takeReady() {
    Socket socket = ready;
    ready = null;
    if (socket != null && System.nanoTime() - readyAt > MAX_READY_AGE.toNanos()) {
      closeQuietly(socket);
      return null;
    }
    return socket;
  }

  private HttpPost.Response exchange(Socket socket, byte[] request) throws IOException {
    current = socket;
    try {
      if (shutDown) {
        return null;
      }
      return HttpPost.exchange(socket, request);
    } finally {
      current = null;
      closeQuietly(socket);
    }
  }

  private String[][] headers() {
    String token = config.token();
    if (token == null) {
      return config.postgrest()
          ? new String[][] {{"Content-Type", "application/json"}, {"Prefer", "return=minimal"}}
          : new String[][] {{"Content-Type", "application/json"}};
    }
    String bearer = "Bearer " + token;
    return config.postgrest()
        ? new String[][] {
          {"Content-Type", "application/json"},
          {"Authorization", bearer},
          {"apikey", token},
          {"Prefer", "return=minimal"}
        }
        : new String[][] {{"Content-Type", "application/json"}, {"Authorization", bearer}};
  }

  /** The same request through {@link HttpURLConnection}, which applies the JVM's proxy rules. */
  private SendResult sendProxied(byte[] body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) config.url().toURL().openConnection();
    currentProxied = connection;
    try {
      connection.setRequestMethod("POST");
      connection.setDoOutput(true);
      connection.setUseCaches(false);
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
      for (String[] header : headers()) {
        connection.setRequestProperty(header[0], header[1]);
      }
      connection.setFixedLengthStreamingMode(body.length);
      if (shutDown) {
        return SendResult.retry(0, Optional.empty());
      }
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      if (in != null) {
        try (in) {
          in.readNBytes(HttpPost.MAX_HEAD);
        }
      }
      return classify(status, connection.getHeaderField("Retry-After"));
    } finally {
      currentProxied = null;
    }
  }

  SendResult classify(int status, String retryAfter) {
    if (status >= 200 && status < 300 || (config.postgrest() && status == 409)) {
      return SendResult.delivered(status);
    }
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
      return SendResult.retry(status, RetryAfter.parse(retryAfter, Instant.now()));
    }
    return SendResult.rejected(status);
  }

  String body(List<String> events) {
    boolean wrap = config.postgrest();
    if (wrap && events.size() == 1) {
      return "{\"payload\":" + events.get(0) + "}";
    }
    StringBuilder out = new StringBuilder(events.size() * 400);
    out.append('[');
    for (int i = 0; i < events.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(wrap ? "{\"payload\":" : "").append(events.get(i)).append(wrap ? "}" : "");
    }
    return out.append(']').toString();
  }

  /** Aborts a request in flight and drops the early connection; called at close. */
  void shutdown() {
    shutDown = true;
    closeQuietly(ready);
    closeQuietly(current);
    HttpURLConnection c = currentProxied;
    if (c != null) {
      c.disconnect();
    }
  }

  private static void closeQuietly(Socket socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing is all that was wanted.
      }
    }
  }
}
