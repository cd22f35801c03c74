package dev.clianalytics.client.internal;

import static dev.clianalytics.client.internal.Tools.MYTOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} URLs: the request goes over TLS to a server whose certificate names the URL's
 * host, and to no other. The certificate is made for each test with the JDK's keytool and trusted
 * through the default socket factory, which the transport uses as {@code HttpsURLConnection} does.
 */
@Timeout(60)
class TlsTest {
  static final char[] PASSWORD = "changeit".toCharArray();
  static final String EVENT = "{\"event_id\":\"e1\"}";

  @TempDir Path dir;

  /** What one send came to, and how many requests the server read. */
  record Sent(SendResult.Outcome outcome, int received) {}

  @Test
  void send_httpsToTheHostTheCertificateNames_isDelivered() throws Exception {
    assertEquals(
        new Sent(SendResult.Outcome.DELIVERED, 1), sendWithCertificateFor("dns:localhost"));
  }

  @Test
  void send_httpsToAHostTheCertificateDoesNotName_sendsNothing() throws Exception {
    assertEquals(
        new Sent(SendResult.Outcome.RETRY, 0), sendWithCertificateFor("dns:events.example"));
  }

  /** Sends one event to https://localhost with a certificate for {@code names}. */
  private Sent sendWithCertificateFor(String names) throws Exception {
    KeyStore keys = keyStore(names);
    SSLContext serverContext = SSLContext.getInstance("TLS");
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASSWORD);
    serverContext.init(kmf.getKeyManagers(), null, null);
    SSLContext clientContext = SSLContext.getInstance("TLS");
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keys);
    clientContext.init(null, tmf.getTrustManagers(), null);

    AtomicInteger received = new AtomicInteger();
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    SSLSocketFactory previous = HttpsURLConnection.getDefaultSSLSocketFactory();
    HttpsURLConnection.setDefaultSSLSocketFactory(clientContext.getSocketFactory());
    try {
      String url = "https://localhost:" + server.getAddress().getPort() + "/ingest";
      Transport transport =
          new Transport(
              ClientConfig.from(
                  MYTOOL,
                  Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url, "XDG_CACHE_HOME", "/none"),
                  List.of()));
      transport.warmUp();
      SendResult result = transport.send(List.of(EVENT));
      return new Sent(result.outcome(), received.get());
    } finally {
      HttpsURLConnection.setDefaultSSLSocketFactory(previous);
      server.stop(0);
    }
  }

  private KeyStore keyStore(String names) throws Exception {
    Path file = dir.resolve("server.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=test",
                "-ext",
                "SAN=" + names,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("keytool.log").toFile())
            .start();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("keytool failed; see " + dir.resolve("keytool.log"));
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(file.toFile())) {
      store.load(in, PASSWORD);
    }
    return store;
  }
}
