package dev.clianalytics.reliability;

import dev.clianalytics.reliability.FuzzTargets.Endpoint;
import dev.clianalytics.reliability.FuzzTargets.Need;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded HTTP/1.1 requests, as raw bytes, spread over every endpoint: mostly well aimed (the right
 * method and token, so mutations reach the handlers), with methods, versions, headers, framing and
 * bodies damaged at random. {@link #GARBAGE_TOKEN} marks the wrong tokens it sends.
 */
final class FuzzRequests {
  /** Part of every wrong token sent; the log must never hold it either. */
  static final String GARBAGE_TOKEN = "garbagetok-Pw5e";

  private static final String[] METHODS = {
    "GET",
    "POST",
    "PUT",
    "DELETE",
    "PATCH",
    "HEAD",
    "OPTIONS",
    "TRACE",
    "CONNECT",
    "FOO",
    "get",
    "G\tET",
    "PROPFIND"
  };
  private static final String[] VERSIONS = {"HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "HTTX/1.1", ""};
  private static final String[] CONTENT_TYPES = {
    "application/json",
    "application/x-ndjson",
    "text/plain",
    "application/xml",
    "application/json; charset=latin1",
    "application/json; charset=\"UTF-8\"",
    "multipart/form-data",
    "application/x-www-form-urlencoded",
    "*/*",
    "application/json;;;",
    "application/vnd.x+json",
    ""
  };
  private static final String[] ENCODINGS = {
    "gzip", "gzip", "x-gzip", "identity", "br", "deflate", "gzip, gzip", "compress", ""
  };
  private static final String[] ACCEPTS = {
    "application/xml",
    "text/csv",
    "*/*",
    "",
    "application/json;q=0",
    "text/html",
    "application/vnd.pgrst.object+json",
    "\u00ff\u00fe",
    "a/b/c"
  };

  /** One request, ready to send. */
  record FuzzRequest(Endpoint endpoint, byte[] bytes) {}

  private final Random random;
  private final FuzzTargets targets;
  private final FuzzBodies bodies;
  private final FuzzOtlp otlp;
  private final int port;

  FuzzRequests(long seed, int port) {
    this.random = new Random(seed);
    this.targets = new FuzzTargets(random);
    this.bodies = new FuzzBodies(random);
    this.otlp = new FuzzOtlp(random);
    this.port = port;
  }

  FuzzRequest next() {
    Endpoint endpoint = FuzzTargets.ENDPOINTS.get(random.nextInt(FuzzTargets.ENDPOINTS.size()));
    String method = random.nextInt(100) < 88 ? endpoint.method() : pick(METHODS);
    String version = random.nextInt(100) < 95 ? "HTTP/1.1" : pick(VERSIONS);
    FuzzOtlp.Body otlpBody =
        method.equals("POST") && endpoint.template().equals("/v1/traces") ? otlp.next() : null;
    byte[] body = otlpBody != null ? otlpBody.bytes() : body(endpoint, method);
    List<String> headers = new ArrayList<>();
    if (random.nextInt(100) < 97) {
      headers.add("Host: 127.0.0.1:" + port);
    }
    headers.add("Connection: close");
    credentials(endpoint.need(), headers);
    if (body.length > 0 || random.nextInt(10) == 0) {
      body = content(headers, body, otlpBody == null ? "application/json" : otlpBody.contentType());
    }
    if (random.nextInt(100) < 20) {
      headers.add("Accept: " + pick(ACCEPTS));
    }
    byte[] framed = FuzzHeaders.oddities(random, headers, body);
    String head =
        method + " " + targets.target(endpoint) + (version.isEmpty() ? "" : " " + version);
    ByteArrayOutputStream out = new ByteArrayOutputStream(framed.length + 512);
    out.writeBytes((head + "\r\n").getBytes(StandardCharsets.UTF_8));
    for (String h : headers) {
      out.writeBytes((h + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(framed);
    return new FuzzRequest(endpoint, out.toByteArray());
  }

  private byte[] body(Endpoint endpoint, String method) {
    if (method.equals("POST") && endpoint.template().equals("/ingest")) {
      return bodies.ingest();
    }
    if (method.equals("POST") && endpoint.template().equals("/rest/v1/events")) {
      return bodies.rest();
    }
    if (method.equals("POST") && endpoint.template().endsWith("/")) {
      return bodies.posthog(random.nextBoolean() ? TokenedPostgresServer.INGEST : GARBAGE_TOKEN);
    }
    return random.nextInt(12) == 0 ? bodies.stray() : new byte[0];
  }

  /** Content-Type and Content-Encoding; gzips the body when it says gzip, now and then. */
  private byte[] content(List<String> headers, byte[] body, String usualType) {
    String type = random.nextInt(100) < 80 ? usualType : pick(CONTENT_TYPES);
    if (!type.isEmpty()) {
      headers.add("Content-Type: " + type);
    }
    if (random.nextInt(100) < 12) {
      String encoding = pick(ENCODINGS);
      headers.add("Content-Encoding: " + encoding);
      if (encoding.contains("gzip") && random.nextBoolean()) {
        return FuzzBodies.gzip(body);
      }
    }
    return body;
  }

  /** Mostly the token the endpoint needs, as Bearer or apikey; otherwise any kind or garbage. */
  private void credentials(Need need, List<String> headers) {
    int roll = random.nextInt(100);
    String token;
    if (roll < 70) {
      token =
          switch (need) {
            case NONE, READ -> TokenedPostgresServer.READ;
            case INGEST -> TokenedPostgresServer.INGEST;
            case ADMIN -> TokenedPostgresServer.ADMIN;
          };
      if (random.nextInt(4) == 0) {
        token = TokenedPostgresServer.ADMIN;
      }
    } else if (roll < 80) {
      token = pick(TokenedPostgresServer.tokens().toArray(String[]::new));
    } else if (roll < 88) {
      headers.add(FuzzHeaders.garbageCredentials(random, GARBAGE_TOKEN));
      return;
    } else {
      return;
    }
    headers.add(random.nextBoolean() ? "Authorization: Bearer " + token : "apikey: " + token);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
