package dev.clianalytics.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code client}: what telemetry costs a user in wall time. Runs {@code cli-analytics exec -- true}
 * and the SDK's picocli example as fresh processes, alternating telemetry on (reachable server) and
 * off, and prints the median difference of each pair as {@code exec_overhead_ms} and {@code
 * sdk_overhead_ms} on the last line.
 *
 * <p>Options: {@code --runs N} (default 15 per mode), {@code --url URL} (an ingest URL to use
 * instead of the in-process server that answers 200), {@code --cli-jar PATH} (default {@code
 * cli/target/cli-analytics.jar} under the current directory).
 */
final class ClientBench {
  private static final int WARMUP = 3;

  private ClientBench() {}

  static void main(String[] args) throws Exception {
    int runs = 15;
    String url = null;
    Path cliJar = Path.of("cli/target/cli-analytics.jar");
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[i + 1]);
        case "--url" -> url = args[i + 1];
        case "--cli-jar" -> cliJar = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (!Files.isRegularFile(cliJar)) {
      throw new IllegalArgumentException(
          cliJar + " not found; build it with ./mvnw -pl cli -am package or pass --cli-jar");
    }
    AtomicInteger received = new AtomicInteger();
    HttpServer server = url == null ? startServer(received) : null;
    String target =
        url != null ? url : "http://127.0.0.1:" + server.getAddress().getPort() + "/ingest";
    Path home = Files.createTempDirectory("client-bench");
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> exec = List.of(java, "-jar", cliJar.toString(), "exec", "--", "true");
      List<String> greet =
          List.of(
              java, "-cp", ownJar(), "dev.clianalytics.client.example.Greet", "hello", "--loud");
      double execMs = overhead("exec -- true", exec, runs, home, target);
      double sdkMs = overhead("greet hello", greet, runs, home, target);
      if (server != null) {
        System.out.println("events received by the in-process server: " + received.get());
      }
      System.out.printf(
          Locale.ROOT, "{\"exec_overhead_ms\": %.1f, \"sdk_overhead_ms\": %.1f}%n", execMs, sdkMs);
    } finally {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  /** Median wall time with telemetry on minus median with it off, runs alternating. */
  private static double overhead(
      String label, List<String> command, int runs, Path home, String url) throws Exception {
    Map<String, String> on = Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url);
    Map<String, String> off = Map.of();
    for (int i = 0; i < WARMUP; i++) {
      time(command, on, home);
      time(command, off, home);
    }
    List<Double> onMs = new ArrayList<>();
    List<Double> offMs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      onMs.add(time(command, on, home));
      offMs.add(time(command, off, home));
    }
    double medOn = median(onMs);
    double medOff = median(offMs);
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      pairs.add(onMs.get(i) - offMs.get(i));
    }
    // The paired figure is steadier when the machine's load drifts during the runs.
    System.out.printf(
        Locale.ROOT,
        "%s: median %.1f ms with telemetry on, %.1f ms off (%d runs each);"
            + " median of paired differences %.1f ms%n",
        label,
        medOn,
        medOff,
        runs,
        median(pairs));
    return medOn - medOff;
  }

  private static double time(List<String> command, Map<String, String> telemetry, Path home)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("EVENTS_") || k.equals("DO_NOT_TRACK"));
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.putAll(telemetry);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static HttpServer startServer(AtomicInteger received) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bench-ingest");
              t.setDaemon(true);
              return t;
            }));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          byte[] body =
              "{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String ownJar() throws URISyntaxException {
    return Path.of(ClientBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }
}
