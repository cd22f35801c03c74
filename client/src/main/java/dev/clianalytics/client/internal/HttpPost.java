package dev.clianalytics.client.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 POST over a plain socket (TLS for {@code https://}), answered with the status and
 * the {@code Retry-After} header. A request is a handful of header lines, so writing them directly
 * costs a short-lived tool far less than {@code HttpURLConnection}, whose first use loads the
 * protocol handler lookup (a class-path scan), proxy, cookie, cache, keep-alive and logging
 * machinery: a few hundred classes in all.
 *
 * <p>Every request says {@code Connection: close}: one batch per connection, so no response body
 * framing has to be understood to reuse a connection.
 */
final class HttpPost {
  /** Longest status line plus headers read; a real ingest answer is a few hundred bytes. */
  static final int MAX_HEAD = 64 * 1024;

  private HttpPost() {}

  /**
   * Opens a connection to the URL's host: TCP, plus a verified TLS handshake for {@code https}. The
   * socket is handed to {@code opened} before connecting, so that another thread can abort a
   * connect that hangs by closing it.
   */
  static Socket open(URI url, int connectTimeoutMs, int readTimeoutMs, Consumer<Socket> opened)
      throws IOException {
    // Direct: a plain Socket() would go through the SOCKS layer, which loads and initializes the
    // JDK's proxy selector (reading net.properties) only to learn there is no proxy.
    Socket socket = new Socket(Proxy.NO_PROXY);
    opened.accept(socket);
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(readTimeoutMs);
      socket.connect(new InetSocketAddress(url.getHost(), port(url)), connectTimeoutMs);
      if (!"https".equalsIgnoreCase(url.getScheme())) {
        return socket;
      }
      SSLSocket tls =
          (SSLSocket)
              HttpsURLConnection.getDefaultSSLSocketFactory()
                  .createSocket(socket, bareHost(url), port(url), true);
      opened.accept(tls);
      SSLParameters parameters = tls.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS"); // host name checked as browsers do
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends {@code request} (from {@link #request}) on {@code socket} and reads the answer's head.
   * Returns null when the connection ended before any byte of an answer: a connection opened
   * earlier that the server has since dropped, worth one more try on a fresh one.
   */
  static Response exchange(Socket socket, byte[] request) throws IOException {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
    } catch (IOException e) {
      return null; // reset by the server before anything was read: not an answer
    }
    Response head = new Response(socket.getInputStream());
    String statusLine = firstLine(head);
    if (statusLine == null) {
      return null;
    }
    while (true) {
      Response answer = headers(head, status(statusLine));
      if (answer.status() >= 200) {
        return answer;
      }
      // 1xx interim answer (100 Continue, 103 Early Hints): the real one follows.
      statusLine = head.line();
      if (statusLine == null) {
        return fail("the connection closed inside the answer");
      }
    }
  }

  /** Reads the header lines after a status line; for a final answer also its (small) body. */
  private static Response headers(Response head, int status) throws IOException {
    String retryAfter = null;
    long length = -1;
    String line;
    while ((line = head.line()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Retry-After")) {
          retryAfter = value;
        } else if (name.equalsIgnoreCase("Content-Length")) {
          length = length(value);
        }
      }
    }
    if (line == null) {
      return fail("the connection closed inside the answer's headers");
    }
    if (status >= 200) {
      head.skipBody(length);
    }
    head.status = status;
    head.retryAfter = retryAfter;
    return head;
  }

  /**
   * The status line; null when the connection ended or was reset before any byte came, which is how
   * a server's dropping of an idle connection shows. A timeout is a server that did not answer in
   * time, and is thrown.
   */
  private static String firstLine(Response head) throws IOException {
    try {
      return head.line();
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      if (head.read == 0) {
        return null;
      }
      throw e;
    }
  }

  /** Loads the classes that read an answer, so that the first answer is read without delay. */
  static void loadClasses() throws IOException {
    Response answer = new Response(InputStream.nullInputStream());
    answer.line();
    answer.status();
    answer.retryAfter();
  }

  /** The request bytes: head and body in one buffer, so they leave in one write. */
  static byte[] request(URI url, String[][] headers, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    head.append("POST ").append(path);
    if (url.getRawQuery() != null) {
      head.append('?').append(url.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(url.getHost());
    if (url.getPort() >= 0) {
      head.append(':').append(url.getPort());
    }
    head.append("\r\nUser-Agent: cli-analytics-client\r\nConnection: close\r\n");
    for (String[] header : headers) {
      checkValue(header[0], header[1]);
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return all;
  }

  /** A value with a line break would start a header of its own; names the header, not the value. */
  private static void checkValue(String name, String value) throws IOException {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        throw new IOException("the " + name + " header holds a control or non-Latin-1 character");
      }
    }
  }

  static int port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }

  /** The host without the brackets of an IPv6 literal, as TLS wants it. */
  private static String bareHost(URI url) {
    String host = url.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static int status(String statusLine) throws IOException {
    // "HTTP/1.1 200 OK": the code is the three digits after the first space.
    int space = statusLine.indexOf(' ');
    if (!statusLine.startsWith("HTTP/") || space < 0 || statusLine.length() < space + 4) {
      return fail("the answer does not start with an HTTP status line");
    }
    int code = 0;
    for (int i = space + 1; i < space + 4; i++) {
      char c = statusLine.charAt(i);
      if (c < '0' || c > '9') {
        return fail("the answer's status is not a number");
      }
      code = code * 10 + (c - '0');
    }
    return code;
  }

  private static long length(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static <T> T fail(String why) throws IOException {
    throw new IOException(why);
  }

  /**
   * An answer: reads the CRLF-terminated lines of its head, at most {@link #MAX_HEAD} bytes, and
   * then holds its status and {@code Retry-After}. One class for both: each class costs a
   * short-lived tool its loading (docs/client.md, "Fewer SDK classes on a run").
   */
  static final class Response {
    private final InputStream in;
    private final byte[] buffer = new byte[2048];
    private int start;
    private int end;
    int read;
    private int status;
    private String retryAfter;

    Response(InputStream in) {
      this.in = in;
    }

    /** The final status; 0 until the head is read. */
    int status() {
      return status;
    }

    /** The Retry-After header's value, or null. */
    String retryAfter() {
      return retryAfter;
    }

    /** The next line without its line end; null at the end of the stream. */
    String line() throws IOException {
      StringBuilder line = new StringBuilder(64);
      while (true) {
        if (start == end) {
          int n = in.read(buffer);
          if (n < 0) {
            return line.isEmpty() ? null : line.toString();
          }
          start = 0;
          end = n;
          read += n;
          if (read > MAX_HEAD) {
            throw new IOException("the answer's head is longer than " + MAX_HEAD + " bytes");
          }
        }
        char c = (char) (buffer[start++] & 0xff);
        if (c == '\n') {
          int length = line.length();
          if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
          }
          return line.toString();
        }
        line.append(c);
      }
    }

    /**
     * Reads a body of known length (at most {@link #MAX_HEAD} bytes) so that closing the socket is
     * an orderly close rather than a reset; any other body is left to the close.
     */
    void skipBody(long length) {
      long left = Math.min(length, MAX_HEAD) - (end - start);
      start = end;
      try {
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            return;
          }
          left -= n;
        }
      } catch (IOException e) {
        // The answer's status is all that counts.
      }
    }
  }
}
