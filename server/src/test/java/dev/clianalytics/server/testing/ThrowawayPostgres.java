package dev.clianalytics.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL cluster in a temporary directory on a free port, which a test may stop and
 * start at will without touching the shared server. Needs the PostgreSQL server binaries (initdb,
 * pg_ctl); as root it runs them as the {@code postgres} user, since PostgreSQL refuses to run as
 * root. Skipped when the binaries are missing, except under {@code CI=true}.
 */
public final class ThrowawayPostgres implements AutoCloseable {
  private final Path bin;
  private final Path dir;
  private final int port;
  private final boolean root;

  private ThrowawayPostgres(Path bin, Path dir, int port, boolean root) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.root = root;
  }

  /** Initializes and starts a new cluster. */
  public static ThrowawayPostgres start() throws IOException {
    Path bin = findBin();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("throwaway-pg");
    ThrowawayPostgres pg = new ThrowawayPostgres(bin, dir, freePort(), root);
    if (root) {
      pg.run(List.of("chown", "-R", "postgres", dir.toString()), false);
    }
    pg.run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync"),
        true);
    pg.startServer();
    return pg;
  }

  /** A libpq URL of the cluster's {@code postgres} database. */
  public String url() {
    return "postgresql://postgres@127.0.0.1:" + port + "/postgres";
  }

  /** Starts the (stopped) server and waits until it accepts connections. */
  public void startServer() {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-o",
            "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1",
            "start"),
        true);
  }

  /** Stops the server abruptly, as a crash or a pulled cable would. */
  public void crash() {
    run(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            dir.resolve("data").toString(),
            "-m",
            "immediate",
            "-w",
            "stop"),
        true);
  }

  @Override
  public void close() {
    try {
      crash();
    } catch (RuntimeException e) {
      // already stopped
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void run(List<String> command, boolean asPostgres) {
    List<String> full = new ArrayList<>();
    if (asPostgres && root) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    try {
      Process p =
          new ProcessBuilder(full).redirectErrorStream(true).directory(dir.toFile()).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(command.getFirst() + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findBin() throws IOException {
    Path base = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(base)) {
      try (Stream<Path> versions = Files.list(base)) {
        var found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(b -> Files.isExecutable(b.resolve("initdb")))
                .max(Comparator.comparing(Path::toString));
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    for (String entry :
        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!entry.isBlank() && Files.isExecutable(Path.of(entry, "initdb"))) {
        return Path.of(entry);
      }
    }
    String reason = "PostgreSQL server binaries (initdb, pg_ctl) are not installed";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(reason + " (required because CI=true)");
    }
    Assumptions.abort(reason);
    throw new IllegalStateException("unreachable");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
