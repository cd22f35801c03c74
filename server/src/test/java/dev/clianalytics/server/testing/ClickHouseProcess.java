package dev.clianalytics.server.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One {@code clickhouse-server} of Debian's package, run from a temporary directory on free
 * loopback ports with a configuration written there (the package's own service and data are never
 * touched). The server is started through a shell that stops it when this JVM's end of its stdin
 * closes, so a test JVM that is killed leaves no server behind.
 */
final class ClickHouseProcess implements AutoCloseable {
  private static final List<Path> BINARIES =
      List.of(Path.of("/usr/sbin/clickhouse-server"), Path.of("/usr/bin/clickhouse-server"));
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final int httpPort;
  final int tcpPort;
  private final Path dir;
  private final Process process;
  private final OutputStream lifeline;

  private ClickHouseProcess(int httpPort, int tcpPort, Path dir, Process process) {
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
    this.dir = dir;
    this.process = process;
    this.lifeline = process.getOutputStream();
  }

  /** The server binary, or null when the package is not installed. */
  static Path binary() {
    return BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
  }

  /** Free loopback ports for {@code count} servers: an HTTP and a native (TCP) port each. */
  static int[] freePorts(int count) {
    int[] ports = new int[count];
    List<ServerSocket> held = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for a test ClickHouse server", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // the port is only being released
        }
      }
    }
  }

  /**
   * Starts a server on the given ports; {@code remoteServers} is the body of the {@code
   * remote_servers} section (empty for a single node), {@code zooKeeperPort} the loopback port of
   * the ZooKeeper that {@code ON CLUSTER} statements are queued in (0: none). Returns once it
   * answers {@code /ping}.
   */
  static ClickHouseProcess start(
      Path binary, int httpPort, int tcpPort, String remoteServers, int zooKeeperPort) {
    try {
      Path dir = Files.createTempDirectory("clickhouse-test-");
      Files.writeString(
          dir.resolve("config.xml"), config(dir, httpPort, tcpPort, remoteServers, zooKeeperPort));
      Files.writeString(dir.resolve("users.xml"), USERS);
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash",
                  "-c",
                  "\"$0\" --config-file=\"$1\" & pid=$!; cat >/dev/null; kill $pid; wait $pid",
                  binary.toString(),
                  dir.resolve("config.xml").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile());
      ClickHouseProcess server = new ClickHouseProcess(httpPort, tcpPort, dir, pb.start());
      server.awaitReady();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary, e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("clickhouse-server exited at start: " + logTail());
      }
      try {
        String body = sql("SELECT 1");
        if (body.strip().equals("1")) {
          return;
        }
      } catch (IllegalStateException notYet) {
        // still starting
      }
      sleep(100);
    }
    close();
    throw new IllegalStateException(
        "clickhouse-server did not answer within " + START_TIMEOUT + ": " + logTail());
  }

  /** Runs one statement over HTTP and returns the response body (TabSeparated). */
  String sql(String statement) {
    return sql("default", statement);
  }

  /** Runs one statement in {@code database} and returns the response body (TabSeparated). */
  String sql(String database, String statement) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/?database=" + database))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofString(statement, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "ClickHouse refused " + statement + ": " + response.body().strip());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse on port " + httpPort + " is not answering", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private String logTail() {
    try {
      String log = Files.readString(dir.resolve("stdout.log"));
      Path errors = dir.resolve("server.err.log");
      if (Files.exists(errors)) {
        log += Files.readString(errors);
      }
      return log.substring(Math.max(0, log.length() - 2_000));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      lifeline.close();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    deleteTree(dir);
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory left behind is harmless
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for ClickHouse", e);
    }
  }

  // Caches are kept small: several servers may run beside the test JVMs on a 2-core machine.
  private static String config(
      Path dir, int httpPort, int tcpPort, String remoteServers, int zooKeeperPort) {
    String d = dir.toString();
    String zooKeeper =
        zooKeeperPort == 0
            ? ""
            : "<zookeeper><node><host>127.0.0.1</host><port>"
                + zooKeeperPort
                + "</port></node></zookeeper>"
                + "<distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>";
    return """
        <?xml version="1.0"?>
        <yandex>
          <logger>
            <level>warning</level>
            <log>%1$s/server.log</log>
            <errorlog>%1$s/server.err.log</errorlog>
            <size>10M</size>
            <count>1</count>
          </logger>
          <listen_host>127.0.0.1</listen_host>
          <http_port>%2$d</http_port>
          <tcp_port>%3$d</tcp_port>
          <path>%1$s/data/</path>
          <tmp_path>%1$s/data/tmp/</tmp_path>
          <user_files_path>%1$s/data/user_files/</user_files_path>
          <format_schema_path>%1$s/data/format_schemas/</format_schema_path>
          <users_config>users.xml</users_config>
          <default_profile>default</default_profile>
          <default_database>default</default_database>
          <timezone>UTC</timezone>
          <mark_cache_size>268435456</mark_cache_size>
          <uncompressed_cache_size>268435456</uncompressed_cache_size>
          <remote_servers>%4$s</remote_servers>
          %5$s
        </yandex>
        """
        .formatted(d, httpPort, tcpPort, remoteServers, zooKeeper);
  }

  private static final String USERS =
      """
      <?xml version="1.0"?>
      <yandex>
        <profiles>
          <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <insert_distributed_sync>1</insert_distributed_sync>
          </default>
        </profiles>
        <users>
          <default>
            <password></password>
            <networks>
              <ip>127.0.0.1</ip>
              <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
          </default>
        </users>
        <quotas>
          <default>
            <interval>
              <duration>3600</duration>
              <queries>0</queries>
              <errors>0</errors>
              <result_rows>0</result_rows>
              <read_rows>0</read_rows>
              <execution_time>0</execution_time>
            </interval>
          </default>
        </quotas>
      </yandex>
      """;
}
