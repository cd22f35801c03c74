package dev.clianalytics.client.internal;

import static dev.clianalytics.client.internal.Tools.MYTOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.FakeServer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The transport's connection handling: the early connection, and proxies. */
@Timeout(30)
class TransportTest {
  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
  static final String EVENT = "{\"event_id\":\"e1\"}";

  static Transport transport(String url) {
    return new Transport(
        ClientConfig.from(
            MYTOOL,
            Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url, "XDG_CACHE_HOME", "/nonexistent"),
            List.of()));
  }

  @Test
  void send_earlyConnectionDroppedByTheServer_deliversOnAFreshOne() {
    try (RawServer server = new RawServer(RawServer.DROP, OK)) {
      Transport transport = transport(server.url("/ingest"));
      transport.warmUp();
      SendResult result = transport.send(List.of(EVENT));
      assertEquals(SendResult.Outcome.DELIVERED, result.outcome());
      assertEquals(1, server.requests().size());
      assertTrue(server.requests().get(0).endsWith("[" + EVENT + "]"));
    }
  }

  @Test
  void send_earlyConnectionAnswered408_isRetriedAtOnceOnAFreshOne() {
    String timedOut = "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\n\r\n";
    try (RawServer server = new RawServer(timedOut, OK)) {
      Transport transport = transport(server.url("/ingest"));
      transport.warmUp();
      assertEquals(SendResult.Outcome.DELIVERED, transport.send(List.of(EVENT)).outcome());
      assertEquals(2, server.requests().size());
    }
  }

  @Test
  void send_afterShutdown_sendsNothing() {
    try (RawServer server = new RawServer(OK)) {
      Transport transport = transport(server.url("/ingest"));
      transport.warmUp();
      transport.shutdown();
      assertEquals(SendResult.Outcome.RETRY, transport.send(List.of(EVENT)).outcome());
      assertEquals(List.of(), server.requests());
    }
  }

  @Test
  void proxyConfigured_followsTheStandardProxyPropertiesOfTheUrlsScheme() {
    URI https = URI.create("https://events.example/ingest");
    URI http = URI.create("http://events.example/ingest");
    withProperty(
        "https.proxyHost",
        "proxy.example",
        () -> {
          assertTrue(Transport.proxyConfigured(https));
          assertFalse(Transport.proxyConfigured(http));
        });
    assertFalse(Transport.proxyConfigured(https));
  }

  @Test
  void send_throughAConfiguredHttpProxy_reachesTheProxy() {
    try (FakeServer proxy = new FakeServer()) {
      withProperty(
          "http.proxyHost",
          "127.0.0.1",
          () ->
              withProperty(
                  "http.proxyPort",
                  Integer.toString(proxy.port()),
                  () -> {
                    // The proxy, not this test, would resolve the name; it is never looked up.
                    Transport transport = transport("http://events.example.invalid/ingest");
                    SendResult result = transport.send(List.of(EVENT));
                    assertEquals(SendResult.Outcome.DELIVERED, result.outcome());
                  }));
      assertEquals("/ingest", proxy.requests().get(0).path());
      assertEquals("e1", proxy.events().get(0).get("event_id"));
    }
  }

  private static void withProperty(String name, String value, Runnable action) {
    String old = System.getProperty(name);
    System.setProperty(name, value);
    try {
      action.run();
    } finally {
      if (old == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, old);
      }
    }
  }
}
