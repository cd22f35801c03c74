package dev.clianalytics.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Posts batches of sanitized events: a JSON array to {@code /ingest}, or {@code {"payload": ...}}
 * rows for a PostgREST {@code /rest/v1/} URL. The token goes only into request headers, never into
 * a URL, an argument list or a message.
 *
 * <p>Uses {@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: both live in the
 * JDK, but the latter's first use loads and initializes enough classes (TLS context included, even
 * for http URLs) to cost a short-lived CLI process hundreds of milliseconds of CPU, which the
 * client bench measured as wall time added to every run.
 */
final class Transport {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private final ClientConfig config;
  private URL url;
  private volatile HttpURLConnection current;
  private volatile boolean shutDown;

  Transport(ClientConfig config) {
    this.config = config;
  }

  /**
   * The URL, made on the sender thread: the first {@code URI.toURL()} of a JVM looks up protocol
   * handlers, some 10 ms that a tool's start-up should not pay.
   */
  private synchronized URL url() throws IOException {
    if (url == null) {
      url = config.url().toURL();
    }
    return url;
  }

  /**
   * Does the first-use work of a request ahead of time, while the tool runs: loads the HTTP
   * classes, resolves the host and consults the proxy settings. Connects nowhere.
   */
  void warmUp() {
    try {
      HttpURLConnection c = (HttpURLConnection) url().openConnection();
      prepare(c);
      java.net.InetAddress.getAllByName(config.url().getHost());
      if (c instanceof javax.net.ssl.HttpsURLConnection) {
        // TLS set-up (providers, trust store) is the costliest first use of all.
        javax.net.ssl.HttpsURLConnection.getDefaultSSLSocketFactory();
      }
      // An unconnected socket loads and initializes the socket stack; nothing goes on the wire.
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.setTcpNoDelay(true);
      }
      System.getLogger(HttpURLConnection.class.getName()).isLoggable(System.Logger.Level.DEBUG);
      preload();
      java.net.ProxySelector selector = java.net.ProxySelector.getDefault();
      if (selector != null) {
        selector.select(config.url());
      }
    } catch (IOException | RuntimeException e) {
      // The real send reports the same problem and is retried.
    }
  }

  /**
   * JDK classes a first request loads, named so the warm-up can load them; a name a future JDK
   * drops is skipped, costing only the time this saves.
   */
  private static final List<String> REQUEST_CLASSES =
      List.of(
          "sun.net.www.http.HttpClient",
          "sun.net.www.http.KeepAliveCache",
          "sun.net.www.protocol.http.AuthenticationInfo",
          "sun.net.www.protocol.http.HttpURLConnection$StreamingOutputStream",
          "sun.net.www.protocol.http.HttpURLConnection$HttpInputStream",
          "sun.net.www.MeteredStream",
          "dev.clianalytics.client.internal.SendResult$Outcome");

  private static void preload() {
    for (String name : REQUEST_CLASSES) {
      try {
        Class.forName(name, true, Transport.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        // Not in this JDK: the first request loads whatever it needs instead.
      }
    }
  }

  SendResult send(List<String> events) {
    if (shutDown) {
      return SendResult.retry(0, Optional.empty());
    }
    HttpURLConnection connection = null;
    try {
      connection = (HttpURLConnection) url().openConnection();
      current = connection;
      prepare(connection);
      byte[] body = body(events).getBytes(StandardCharsets.UTF_8);
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      int status = connection.getResponseCode();
      drain(connection, status);
      return classify(status, connection.getHeaderField("Retry-After"));
    } catch (IOException | RuntimeException e) {
      return SendResult.retry(0, Optional.empty());
    } finally {
      current = null;
    }
  }

  private void prepare(HttpURLConnection connection) throws IOException {
    connection.setRequestMethod("POST");
    connection.setDoOutput(true);
    connection.setUseCaches(false);
    connection.setInstanceFollowRedirects(false);
    connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
    connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
    connection.setRequestProperty("Content-Type", "application/json");
    if (config.token() != null) {
      connection.setRequestProperty("Authorization", "Bearer " + config.token());
      if (config.postgrest()) {
        connection.setRequestProperty("apikey", config.token());
      }
    }
    if (config.postgrest()) {
      connection.setRequestProperty("Prefer", "return=minimal");
    }
  }

  /** Reads the (small) answer so the connection can be reused by the next batch. */
  private static void drain(HttpURLConnection connection, int status) throws IOException {
    InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
    if (in != null) {
      try (in) {
        in.readNBytes(64 * 1024);
      }
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

  /** Aborts a request in flight; called at close, once unsent events are spooled. */
  void shutdown() {
    shutDown = true;
    HttpURLConnection c = current;
    if (c != null) {
      c.disconnect();
    }
  }
}
