package dev.clianalytics.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty ClickHouse database for one test, on a {@code clickhouse-server} that this JVM
 * starts once (Debian's package, on free loopback ports in a temporary directory) and stops when it
 * exits, so test classes share one start-up. When the package is not installed the test is skipped
 * with a visible reason, except under {@code CI=true} where it fails ({@code .ci/setup-extras}
 * installs it).
 *
 * <pre>{@code
 * TestClickHouse ch = TestClickHouse.create(MyTest.class);
 * ... Storages.open(ch.databaseUrl(), dir) ...
 * ch.close(); // drops the database
 * }</pre>
 */
public final class TestClickHouse implements AutoCloseable {
  private static ClickHouseProcess single;
  private static TwoShards cluster;

  private final ClickHouseProcess server;
  private final String database;

  private TestClickHouse(ClickHouseProcess server, String database) {
    this.server = server;
    this.database = database;
  }

  /** Creates a new database named after {@code testClass}; skips or fails when not installed. */
  public static TestClickHouse create(Class<?> testClass) {
    ClickHouseProcess server = single();
    String database = TestPostgres.uniqueName(testClass);
    server.sql("CREATE DATABASE " + database);
    return new TestClickHouse(server, database);
  }

  /** The JVM-wide single-node server, started on first use. */
  private static synchronized ClickHouseProcess single() {
    if (single == null) {
      Path binary = requireBinary();
      int[] ports = ClickHouseProcess.freePorts(2);
      single = ClickHouseProcess.start(binary, ports[0], ports[1], "", 0);
      ClickHouseProcess started = single;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "clickhouse-test-stop"));
    }
    return single;
  }

  /**
   * The JVM-wide two-shard cluster (two servers, one shard each, named {@link TwoShards#CLUSTER}),
   * started on first use.
   */
  public static synchronized TwoShards twoShards() {
    if (cluster == null) {
      cluster = TwoShards.start(requireBinary());
      TwoShards started = cluster;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "clickhouse-test-stop"));
    }
    return cluster;
  }

  static Path requireBinary() {
    Path binary = ClickHouseProcess.binary();
    if (binary == null) {
      String reason =
          "clickhouse-server is not installed, so the ClickHouse tests cannot run; install"
              + " Debian's clickhouse-server package (.ci/setup-extras does)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        Assertions.fail(reason + " (required because CI=true)");
      }
      Assumptions.abort(reason);
    }
    return binary;
  }

  /** A {@code DATABASE_URL} naming this database. */
  public String databaseUrl() {
    return "clickhouse://default@127.0.0.1:" + server.httpPort + "/" + database;
  }

  /** The database name. */
  public String database() {
    return database;
  }

  /** Runs one statement in this database and returns its TabSeparated answer. */
  public String sql(String statement) {
    return server.sql(database, statement);
  }

  /** Drops the database and everything in it. */
  @Override
  public void close() {
    server.sql("DROP DATABASE IF EXISTS " + database);
  }

  /**
   * Two servers configured as one cluster of two shards (one replica each), with an in-process
   * ZooKeeper for their {@code ON CLUSTER} statements, as docs/scaling-out.md sets it up.
   */
  public static final class TwoShards implements AutoCloseable {
    /** The cluster's name in both servers' {@code remote_servers}. */
    public static final String CLUSTER = "cli_analytics";

    private final TestingServer zooKeeper;
    private final ClickHouseProcess first;
    private final ClickHouseProcess second;

    private TwoShards(TestingServer zooKeeper, ClickHouseProcess first, ClickHouseProcess second) {
      this.zooKeeper = zooKeeper;
      this.first = first;
      this.second = second;
    }

    static TwoShards start(Path binary) {
      TestingServer zooKeeper = startZooKeeper();
      int[] ports = ClickHouseProcess.freePorts(4);
      String remote =
          "<" + CLUSTER + ">" + shard(ports[1]) + shard(ports[3]) + "</" + CLUSTER + ">";
      ClickHouseProcess a = null;
      try {
        a = ClickHouseProcess.start(binary, ports[0], ports[1], remote, zooKeeper.getPort());
        ClickHouseProcess b =
            ClickHouseProcess.start(binary, ports[2], ports[3], remote, zooKeeper.getPort());
        return new TwoShards(zooKeeper, a, b);
      } catch (RuntimeException e) {
        if (a != null) {
          a.close();
        }
        closeQuietly(zooKeeper);
        throw e;
      }
    }

    private static TestingServer startZooKeeper() {
      try {
        // a free port and a temporary directory, removed on close
        return new TestingServer(true);
      } catch (Exception e) {
        throw new IllegalStateException("cannot start an in-process ZooKeeper: " + e, e);
      }
    }

    private static void closeQuietly(TestingServer zooKeeper) {
      try {
        zooKeeper.close();
      } catch (IOException e) {
        // a temporary directory left behind is harmless
      }
    }

    private static String shard(int tcpPort) {
      return "<shard><replica><host>127.0.0.1</host><port>" + tcpPort + "</port></replica></shard>";
    }

    /** A {@code DATABASE_URL} for server 0 or 1 of the cluster. */
    public String databaseUrl(int server, String database) {
      return "clickhouse://default@127.0.0.1:" + node(server).httpPort + "/" + database;
    }

    /** Creates a database named after {@code testClass} on both servers ({@code ON CLUSTER}). */
    public String createDatabase(Class<?> testClass) {
      String database = TestPostgres.uniqueName(testClass);
      first.sql("CREATE DATABASE " + database + " ON CLUSTER " + CLUSTER);
      return database;
    }

    /**
     * Empties every table of {@code database} on both servers but the record of applied migrations,
     * so a later migrate finds the schema current: far quicker than a new database, whose migration
     * {@code ON CLUSTER} takes seconds.
     */
    public void emptyDatabase(String database) {
      for (ClickHouseProcess server : List.of(first, second)) {
        String tables =
            server.sql(
                "SELECT name FROM system.tables WHERE database = '"
                    + database
                    + "' AND engine LIKE '%MergeTree' AND name != 'schema_migrations_local'");
        for (String table : tables.lines().toList()) {
          server.sql("TRUNCATE TABLE " + database + "." + table);
        }
      }
    }

    /** Drops {@code database} on both servers. */
    public void dropDatabase(String database) {
      first.sql("DROP DATABASE IF EXISTS " + database + " ON CLUSTER " + CLUSTER);
    }

    /** Runs one statement on server 0 or 1 and returns its TabSeparated answer. */
    public String sql(int server, String statement) {
      return node(server).sql(statement);
    }

    private ClickHouseProcess node(int server) {
      return switch (server) {
        case 0 -> first;
        case 1 -> second;
        default -> throw new IllegalArgumentException("server must be 0 or 1, was " + server);
      };
    }

    @Override
    public void close() {
      first.close();
      second.close();
      closeQuietly(zooKeeper);
    }
  }
}
