package dev.clianalytics.client.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A byte-level HTTP peer on 127.0.0.1 for the transport's edge cases: each accepted connection is
 * served by the next scripted reply, written verbatim (or the connection closed), so answers no
 * real server would give can be tested. Requests are recorded as raw text.
 */
final class RawServer implements AutoCloseable {
  /** Closes the connection without reading or answering, like a server dropping an idle one. */
  static final String DROP = "<drop>";

  /** Reads the request, then closes without answering. */
  static final String NO_ANSWER = "<no answer>";

  private final ServerSocket socket;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  RawServer(String... replies) {
    try {
      socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.replies.addAll(List.of(replies));
    acceptor = new Thread(this::serve, "raw-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /** Every request read so far (head and body), in arrival order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  private void serve() {
    try {
      while (true) {
        String reply = replies.poll(10, TimeUnit.SECONDS);
        if (reply == null) {
          return;
        }
        try (Socket connection = socket.accept()) {
          connection.setSoTimeout(5_000);
          if (reply.equals(DROP)) {
            continue;
          }
          String request = readRequest(connection.getInputStream());
          if (request.isEmpty()) {
            continue; // connected and closed without a byte: no request (an unused early one)
          }
          requests.add(request);
          if (!reply.equals(NO_ANSWER)) {
            connection.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
          }
        }
      }
    } catch (SocketException closed) {
      // close() stops the server.
    } catch (IOException | InterruptedException e) {
      // The test sees the missing request.
    }
  }

  /** The head up to the blank line, then as many body bytes as Content-Length says. */
  private static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int lastFour = 0;
    int b;
    while (lastFour != 0x0d0a0d0a && (b = in.read()) >= 0) {
      head.write(b);
      lastFour = (lastFour << 8) | b;
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
    acceptor.interrupt();
  }
}
