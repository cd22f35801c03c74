package dev.clianalytics.server.otlp;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A real server on a random port with one token of each kind, and OTLP requests to send it. */
final class OtlpServer implements AutoCloseable {
  static final String SALT = "otlp-test-salt-0123456789";
  static final String INGEST = "otlp-ingest-token-1";
  static final String READ = "otlp-read-token-1";
  static final String ADMIN = "otlp-admin-token-1";

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final CliAnalyticsServer server;
  final Http http;

  OtlpServer(Storage storage, String databaseUrl, Map<String, String> settings) {
    try {
      Path dir = Files.createTempDirectory("otlp-test");
      Map<String, String> env = new HashMap<>();
      env.put("DATA_DIR", dir.toString());
      env.put("HASH_SALT", SALT);
      env.put("PORT", "0");
      env.put("INGEST_TOKENS", INGEST);
      env.put("READ_TOKENS", READ);
      env.put("ADMIN_TOKEN", ADMIN);
      env.put("INFER_INTERVAL", "0");
      if (databaseUrl != null) {
        env.put("DATABASE_URL", databaseUrl);
      }
      env.putAll(settings);
      server = CliAnalyticsServer.start(ServerConfig.from(env, dir.resolve("no.env")), storage);
      http = new Http(server.port());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return server.port();
  }

  String tracesUrl() {
    return "http://127.0.0.1:" + server.port() + "/v1/traces";
  }

  /** One answer, with the body as bytes (protobuf answers are binary). */
  record Answer(int status, String contentType, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    Map<?, ?> json() {
      return (Map<?, ?>) Json.parse(text());
    }
  }

  Answer post(byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(tracesUrl()))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Answer(
          r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer protobuf(byte[] body) {
    return post(
        body, "Content-Type", "application/x-protobuf", "Authorization", "Bearer " + INGEST);
  }

  Answer json(String body) {
    return post(
        body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "Content-Type",
        "application/json",
        "Authorization",
        "Bearer " + INGEST);
  }

  /** The stored events' payloads, oldest first. */
  List<Map<?, ?>> storedEvents() {
    Http.Response r = http.get("/rest/v1/events?limit=1000", "Authorization", "Bearer " + READ);
    if (r.status() != 200) {
      throw new IllegalStateException(r.body());
    }
    List<Map<?, ?>> out = new java.util.ArrayList<>();
    for (Object row : (List<?>) Json.parse(r.body())) {
      out.add((Map<?, ?>) ((Map<?, ?>) row).get("payload"));
    }
    return out;
  }

  Map<?, ?> summary() {
    Http.Response inferred = http.post("/infer", "", "Authorization", "Bearer " + ADMIN);
    if (inferred.status() != 200) {
      throw new AssertionError(
          "POST /infer answered " + inferred.status() + ": " + inferred.body());
    }
    Http.Response r = http.get("/reports/summary", "Authorization", "Bearer " + READ);
    return (Map<?, ?>) Json.parse(r.body());
  }

  static String stored(String rawId) {
    return Privacy.server(SALT).identifier(rawId);
  }

  /** The message of a protobuf-encoded {@code google.rpc.Status}. */
  static String statusMessage(byte[] status) throws IOException {
    CodedInputStream in = CodedInputStream.newInstance(status);
    String message = null;
    int tag;
    while ((tag = in.readTag()) != 0) {
      if (WireFormat.getTagFieldNumber(tag) == 2) {
        message = in.readString();
      } else {
        in.skipField(tag);
      }
    }
    return message;
  }

  static byte[] gzip(byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    server.close();
  }
}
