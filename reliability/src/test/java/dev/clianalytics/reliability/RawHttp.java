package dev.clianalytics.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP exchange over a fresh loopback connection with the request bytes exactly as given, for
 * requests that a well-behaved client library refuses to send (bad percent-encoding, repeated or
 * malformed headers, wrong framing). The write side is shut after the request, so a request that
 * promises more body than it sends ends instead of waiting for the server's idle timeout.
 */
final class RawHttp {
  private RawHttp() {}

  /** How an exchange ended. */
  enum Ending {
    /** A status line came back. */
    ANSWERED,
    /** The server closed (or reset) the connection without a status line. */
    CLOSED,
    /** Nothing complete within the timeout: a hang. */
    TIMED_OUT
  }

  /** The answer: status (0 when none), lower-cased headers, and the time it took. */
  record Answer(Ending ending, int status, Map<String, String> headers, long millis) {
    String contentType() {
      return headers.getOrDefault("content-type", "");
    }
  }

  static Answer exchange(int port, byte[] request, int timeoutMillis) {
    long start = System.nanoTime();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    Ending ending = Ending.ANSWERED;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      try {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException refusedMidway) {
        // the server may answer (413, 429, 431) and close before taking the whole request
      }
      ending = readAll(socket.getInputStream(), received, start, timeoutMillis);
    } catch (IOException e) {
      ending = Ending.CLOSED;
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    return parse(received.toByteArray(), ending, millis);
  }

  private static Ending readAll(
      InputStream in, ByteArrayOutputStream into, long start, int timeoutMillis) {
    byte[] buffer = new byte[16384];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        into.write(buffer, 0, n);
        if ((System.nanoTime() - start) / 1_000_000 > timeoutMillis) {
          return Ending.TIMED_OUT;
        }
      }
      return Ending.ANSWERED;
    } catch (SocketTimeoutException e) {
      return Ending.TIMED_OUT;
    } catch (IOException reset) {
      // a reset after the answer arrived still counts as answered
      return Ending.ANSWERED;
    }
  }

  private static Answer parse(byte[] bytes, Ending ending, long millis) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    // skip interim answers such as "100 Continue"
    while (text.startsWith("HTTP/") && text.length() > 12 && text.charAt(9) == '1') {
      int end = text.indexOf("\r\n\r\n");
      if (end < 0) {
        break;
      }
      text = text.substring(end + 4);
    }
    if (!text.startsWith("HTTP/") || text.length() < 12) {
      return new Answer(
          ending == Ending.TIMED_OUT ? Ending.TIMED_OUT : Ending.CLOSED, 0, Map.of(), millis);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    Map<String, String> headers = new HashMap<>();
    int headEnd = text.indexOf("\r\n\r\n");
    String head = headEnd < 0 ? text : text.substring(0, headEnd);
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    return new Answer(ending, status, headers, millis);
  }
}
