package dev.clianalytics.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.testing.InMemoryStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow-request (slowloris) limits: a client that trickles its request headers, one byte now and
 * then so the idle timeout never fires, is cut off once the header deadline has passed; one that
 * trickles a body is answered 408 on every endpoint that reads one (see docs/server.md, "Slow
 * clients").
 */
class SlowRequestTest {
  @TempDir Path dir;

  /** True once the server has closed the connection (end of stream or a reset). */
  private static boolean closedByServer(Socket socket) throws IOException {
    socket.setSoTimeout(1_000);
    InputStream in = socket.getInputStream();
    try {
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) > 0) {
        // a 408 answer may come before the close
      }
      return n < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Test
  void tricklingHeaders_areCutOffAtTheHeaderDeadline() throws Exception {
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString(), "PORT", "0"), dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, new InMemoryStorage());
        Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = socket.getOutputStream();
      out.write("GET /health HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      boolean closed = false;
      // well past the deadline, far below the idle timeout a trickle keeps resetting forever
      long rounds = SlowRequests.HEADER_DEADLINE.toSeconds() + 10;
      for (int i = 0; i < rounds && !closed; i++) {
        try {
          out.write('X');
          out.flush();
        } catch (IOException e) {
          closed = true;
          break;
        }
        closed = closedByServer(socket);
      }
      assertTrue(closed, "the server kept a connection whose headers never completed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/ingest", "/capture", "/v1/traces"})
  void bodyBelowTheMinimumRate_isAnswered408_notAFailure(String path) throws Exception {
    ServerConfig config =
        ServerConfig.from(Map.of("DATA_DIR", dir.toString(), "PORT", "0"), dir.resolve("none"));
    try (CliAnalyticsServer server = CliAnalyticsServer.start(config, new InMemoryStorage());
        Socket socket = new Socket("127.0.0.1", server.port())) {
      String contentType =
          path.equals("/v1/traces") ? "application/x-protobuf" : "application/json";
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                  + contentType
                  + "\r\nContent-Length: 100000\r\n\r\n[")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // 2 bytes in 2.5 s, where the minimum rate asks for over 2 KB
      Thread.sleep(2_500);
      out.write('{');
      out.flush();
      socket.setSoTimeout(10_000);
      String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 408", answer, "status line of the answer to a trickled body");
    }
  }
}
