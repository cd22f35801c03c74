package dev.clianalytics.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Damaged credentials, framing and headers for the fuzz run's requests. */
final class FuzzHeaders {
  private FuzzHeaders() {}

  /** A credential header that is wrong in one of the ways clients get it wrong. */
  static String garbageCredentials(Random random, String marker) {
    return switch (random.nextInt(12)) {
      case 0 -> "Authorization: Bearer";
      case 1 -> "Authorization: Bearer ";
      case 2 -> "Authorization: Bearer " + marker;
      case 3 ->
          "Authorization: Basic "
              + Base64.getEncoder().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
      case 4 -> "Authorization: bearer " + marker;
      case 5 -> "Authorization: Bearer " + marker + " " + marker;
      case 6 -> "Authorization: Bearer " + marker.repeat(200 + random.nextInt(2000));
      case 7 -> "apikey: " + marker;
      case 8 -> "apikey: ";
      case 9 -> "Authorization: Bearer \u00e9" + marker;
      case 10 -> "Authorization: " + marker;
      default -> "Authorization: Bearer " + TokenedPostgresServer.READ + marker;
    };
  }

  /**
   * Adds the framing headers for {@code body} to {@code headers} (usually a correct Content-Length)
   * plus, now and then, one oddity; returns the bytes to send after the head.
   */
  static byte[] oddities(Random random, List<String> headers, byte[] body) {
    int roll = random.nextInt(100);
    if (roll < 80) {
      contentLength(random, headers, body);
      return body;
    }
    return switch (random.nextInt(16)) {
      case 0 -> chunked(headers, body, false);
      case 1 -> chunked(headers, body, true);
      case 2 -> lyingLength(headers, body, body.length + 1 + random.nextInt(100));
      case 3 -> lyingLength(headers, body, body.length / 2);
      case 4 -> lyingLength(headers, body, -1);
      case 5 -> conflictingFraming(random, headers, body);
      case 6 -> withLength(headers, body, "X-Big: " + "a".repeat(9_000 + random.nextInt(60_000)));
      case 7 -> manyHeaders(random, headers, body);
      case 8 ->
          withLength(
              headers,
              body,
              "Authorization: Bearer " + TokenedPostgresServer.INGEST,
              "Authorization: Bearer " + TokenedPostgresServer.READ,
              "Content-Type: text/plain");
      case 9 -> withLength(headers, body, "Bad Header: x");
      case 10 -> withLength(headers, body, "NoColonHere");
      case 11 -> withLength(headers, body, "X-Folded: a", "\tcontinued");
      case 12 -> withLength(headers, body, "X-Unicode: \u00e9\u00ff\u2603");
      case 13 -> withLength(headers, body, "Expect: 100-continue");
      case 14 ->
          withLength(
              headers,
              body,
              "Prefer: return=representation, " + "count=exact",
              "Range: bytes=0-10",
              "X-Forwarded-For: 203.0.113.9, " + FuzzBodies.ACTOR_MARKER);
      default -> withLength(headers, body, "Cookie: session=" + FuzzRequests.GARBAGE_TOKEN);
    };
  }

  private static void contentLength(Random random, List<String> headers, byte[] body) {
    if (body.length > 0 || random.nextInt(4) == 0) {
      headers.add("Content-Length: " + body.length);
    }
  }

  private static byte[] withLength(List<String> headers, byte[] body, String... extra) {
    headers.addAll(List.of(extra));
    headers.add("Content-Length: " + body.length);
    return body;
  }

  private static byte[] lyingLength(List<String> headers, byte[] body, int length) {
    headers.add("Content-Length: " + length);
    return body;
  }

  private static byte[] conflictingFraming(Random random, List<String> headers, byte[] body) {
    headers.add("Content-Length: " + body.length);
    headers.add(
        random.nextBoolean()
            ? "Content-Length: " + (body.length + 7)
            : "Transfer-Encoding: chunked");
    return body;
  }

  private static byte[] manyHeaders(Random random, List<String> headers, byte[] body) {
    for (int i = 0, n = 100 + random.nextInt(400); i < n; i++) {
      headers.add("X-Header-" + i + ": value-" + i);
    }
    headers.add("Content-Length: " + body.length);
    return body;
  }

  private static byte[] chunked(List<String> headers, byte[] body, boolean broken) {
    headers.add("Transfer-Encoding: chunked");
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
    int half = body.length / 2;
    chunk(out, body, 0, half);
    if (broken) {
      out.writeBytes("zz\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    chunk(out, body, half, body.length - half);
    out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, byte[] body, int from, int length) {
    if (length == 0) {
      return;
    }
    out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(body, from, length);
    out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
  }
}
