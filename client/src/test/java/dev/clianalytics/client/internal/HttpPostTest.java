package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The hand-written HTTP/1.1 POST: what goes on the wire and how answers are read. */
@Timeout(30)
class HttpPostTest {
  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
  static final byte[] BODY = "[{\"a\":\"é\"}]".getBytes(StandardCharsets.UTF_8);

  @Test
  void exchange_postsTheHeadersAndBodyToThePathAndQuery() throws IOException {
    try (RawServer server = new RawServer(OK)) {
      URI url = URI.create(server.url("/ingest?source=cli"));
      String[][] headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer t"}};
      HttpPost.Response answer = post(url, HttpPost.request(url, headers, BODY));
      assertEquals(200, answer.status());
      String request = server.requests().get(0);
      assertTrue(request.startsWith("POST /ingest?source=cli HTTP/1.1\r\n"), request);
      assertTrue(request.contains("\r\nHost: 127.0.0.1:" + url.getPort() + "\r\n"), request);
      assertTrue(request.contains("\r\nAuthorization: Bearer t\r\n"), request);
      assertTrue(request.contains("\r\nContent-Length: " + BODY.length + "\r\n"), request);
      assertTrue(request.endsWith("\r\n\r\n[{\"a\":\"é\"}]"), request);
    }
  }

  @Test
  void request_urlWithoutPathOrPort_postsToTheRootOfTheHost() throws IOException {
    String head =
        new String(
            HttpPost.request(URI.create("http://events.example"), new String[0][], BODY),
            StandardCharsets.ISO_8859_1);
    assertTrue(head.startsWith("POST / HTTP/1.1\r\nHost: events.example\r\n"), head);
  }

  @Test
  void request_headerValueWithALineBreak_isRefusedWithoutRepeatingTheValue() {
    String[][] headers = {{"Authorization", "Bearer abc\r\nX-Injected: 1"}};
    IOException e =
        assertThrows(
            IOException.class,
            () -> HttpPost.request(URI.create("http://127.0.0.1/ingest"), headers, BODY));
    assertTrue(e.getMessage().contains("Authorization"), e.getMessage());
    assertFalse(e.getMessage().contains("abc"), e.getMessage());
  }

  @Test
  void exchange_interimContinue_isSkippedForTheFinalAnswerAndItsRetryAfter() throws IOException {
    String replies =
        "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 429 Too Many Requests\r\nretry-after:  7 \r\nContent-Length: 0\r\n\r\n";
    try (RawServer server = new RawServer(replies)) {
      URI url = URI.create(server.url("/ingest"));
      HttpPost.Response answer = post(url, HttpPost.request(url, new String[0][], BODY));
      assertEquals(429, answer.status());
      assertEquals("7", answer.retryAfter());
    }
  }

  @Test
  void exchange_connectionClosedBeforeAnyAnswer_returnsNull() throws IOException {
    try (RawServer server = new RawServer(RawServer.NO_ANSWER)) {
      URI url = URI.create(server.url("/ingest"));
      assertNull(post(url, HttpPost.request(url, new String[0][], BODY)));
    }
  }

  @Test
  void exchange_answerThatIsNotHttp_throws() throws IOException {
    try (RawServer server = new RawServer("SSH-2.0-OpenSSH_9.6\r\n\r\n")) {
      URI url = URI.create(server.url("/ingest"));
      byte[] request = HttpPost.request(url, new String[0][], BODY);
      assertThrows(IOException.class, () -> post(url, request));
    }
  }

  @Test
  void exchange_answerCutOffInsideTheHeaders_throws() throws IOException {
    try (RawServer server = new RawServer("HTTP/1.1 200 OK\r\nContent-Le")) {
      URI url = URI.create(server.url("/ingest"));
      byte[] request = HttpPost.request(url, new String[0][], BODY);
      assertThrows(IOException.class, () -> post(url, request));
    }
  }

  private static HttpPost.Response post(URI url, byte[] request) throws IOException {
    try (Socket socket = HttpPost.open(url, 2_000, 5_000, s -> {})) {
      return HttpPost.exchange(socket, request);
    }
  }
}
