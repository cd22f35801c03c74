package dev.clianalytics.client.internal;

import static dev.clianalytics.client.internal.Tools.MYTOOL;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.FakeServer;
import dev.clianalytics.client.SdkThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** A fake server, private config and cache directories, and captured stderr for each test. */
abstract class ClientTestSupport {
  static final String TOKEN = "evt-token-5f2a9c";

  @TempDir Path home;
  final FakeServer server = new FakeServer();
  final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

  private final List<Client> clients = new ArrayList<>();

  /**
   * Closes every client a test made and waits for their threads: a primer still writing the install
   * id into {@link #home} would otherwise race the temporary directory's deletion.
   */
  @AfterEach
  void stopClientsAndServer() throws InterruptedException {
    for (Client c : clients) {
      c.close();
    }
    server.close();
    SdkThreads.awaitEnd();
  }

  /**
   * An opted-in environment for {@code url}; the generous flush timeout keeps content tests free of
   * timing, and tests about timing set their own.
   */
  Map<String, String> env(String url, String... more) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", "1");
    env.put("EVENTS_URL", url);
    env.put("EVENTS_TOKEN", TOKEN);
    env.put("EVENTS_FLUSH_TIMEOUT_MS", "10000");
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  Client client(Map<String, String> env) {
    Client c =
        new Client(
            MYTOOL,
            ClientConfig.from(MYTOOL, env, List.of()),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
    clients.add(c);
    c.start();
    return c;
  }

  static void runOnce(Client c, CommandRun run) {
    c.record(run);
    c.close();
  }

  List<String> spooled(String url) throws IOException {
    return Spool.forDestination(home.resolve("cache/cli-analytics"), URI.create(url)).takeAll();
  }
}
