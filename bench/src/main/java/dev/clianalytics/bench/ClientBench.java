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
 * {@code client}: what telemetry costs a user. Runs {@code cli-analytics exec -- true} (the JVM's
 * and the launcher's), plain {@code true} and the SDK's picocli example as fresh processes,
 * alternating telemetry on (reachable server) and off, and prints on the last line: {@code
 * exec_overhead_ms} and {@code sdk_overhead_ms} (median wall time on minus off, as before); {@code
 * exec_wall_overhead_ms_off} and {@code _on} (the launcher's {@code exec -- true} minus {@code
 * true}); {@code recorder_cpu_ms} (CPU of one detached recorder, which the launcher's exec starts
 * when telemetry is on) and {@code exec_cpu_ms} (CPU of the launcher's exec itself, off); {@code
 * sdk_cpu_ms} (the example's process CPU on minus off). CPU is user plus system time of the waited
 * process and its children, read with bash's {@code times}.
 *
 * <p>Options: {@code --runs N} (default 15 per mode), {@code --url URL} (an ingest URL to use
 * instead of the in-process server that answers 200), {@code --cli-jar PATH} (default {@code
 * cli/target/cli-analytics.jar} under the current directory), {@code --dist DIR} (measure an
 * unpacked distribution's launcher, runtime and AOT cache instead of {@code bin/cli-analytics}),
 * {@code --aot} (also measure the example started with a JDK 25 AOT cache trained on one run of it
 * with telemetry on, as a tool that ships such a cache would: {@code sdk_overhead_ms_aot} and
 * {@code sdk_cpu_ms_aot}, beside the plain figures).
 */
final class ClientBench {
  private static final int WARMUP = 3;

  private ClientBench() {}

  static void main(String[] args) throws Exception {
    int runs = 15;
    String url = null;
    Path cliJar = Path.of("cli/target/cli-analytics.jar");
    Path dist = null;
    boolean aot = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(value(args, ++i));
        case "--url" -> url = value(args, ++i);
        case "--cli-jar" -> cliJar = Path.of(value(args, ++i));
        case "--dist" -> dist = Path.of(value(args, ++i));
        case "--aot" -> aot = true;
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
      Launcher launcher = Launcher.of(dist, cliJar.toAbsolutePath(), java);
      LauncherFigures fast =
          launcherFigures(launcher, runs, home, target, server == null ? null : received);
      double sdkCpu = cpuOverhead("greet hello", greet, runs, home, target);
      String aotFigures = "";
      if (aot) {
        List<String> greetAot = withAotCache(java, greet, home, target);
        double sdkAotMs = overhead("greet hello, AOT cache", greetAot, runs, home, target);
        double sdkAotCpu = cpuOverhead("greet hello, AOT cache", greetAot, runs, home, target);
        aotFigures =
            String.format(
                Locale.ROOT,
                ", \"sdk_overhead_ms_aot\": %.1f, \"sdk_cpu_ms_aot\": %.1f",
                sdkAotMs,
                sdkAotCpu);
      }
      if (server != null) {
        System.out.println("events received by the in-process server: " + received.get());
      }
      System.out.printf(
          Locale.ROOT,
          "{\"exec_overhead_ms\": %.1f, \"sdk_overhead_ms\": %.1f, \"exec_wall_overhead_ms_off\":"
              + " %.1f, \"exec_wall_overhead_ms_on\": %.1f, \"exec_cpu_ms\": %.1f,"
              + " \"recorder_cpu_ms\": %.1f, \"sdk_cpu_ms\": %.1f%s}%n",
          execMs,
          sdkMs,
          fast.wallOff(),
          fast.wallOn(),
          fast.execCpu(),
          fast.recorderCpu(),
          sdkCpu,
          aotFigures);
    } finally {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  /**
   * {@code command} (a {@code java} command line) with a JDK 25 AOT cache that one run of it with
   * telemetry on has trained ({@code -XX:AOTCacheOutput}): the classes it loads, the SDK's
   * included, come linked from the cache. Both the on and off runs then use that cache.
   */
  private static List<String> withAotCache(String java, List<String> command, Path home, String url)
      throws IOException, InterruptedException {
    Path cache = home.resolve("greet.aot");
    List<String> train = new ArrayList<>();
    train.add(java);
    train.add("-XX:AOTCacheOutput=" + cache);
    train.addAll(command.subList(1, command.size()));
    ProcessBuilder pb = new ProcessBuilder(train);
    environment(pb, home, Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(cache)) {
      p.destroyForcibly();
      throw new IllegalStateException("could not train an AOT cache (needs JDK 25): " + train);
    }
    List<String> run = new ArrayList<>();
    run.add(java);
    run.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot=off", "-Xlog:cds=off"));
    run.addAll(command.subList(1, command.size()));
    return run;
  }

  /**
   * What the launcher's exec path runs: the launcher, and the recorder command it starts (same
   * runtime, jar and flags), for measuring the recorder's CPU on its own.
   */
  record Launcher(Path script, List<String> recorder) {
    static Launcher of(Path dist, Path cliJar, String java) {
      if (dist == null) {
        List<String> recorder =
            List.of(
                java,
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                cliJar.toString(),
                "__record-exec");
        return new Launcher(Path.of("bin/cli-analytics").toAbsolutePath(), recorder);
      }
      Path aot = dist.resolve("lib/cli-analytics.aot");
      List<String> recorder = new ArrayList<>();
      recorder.add(dist.resolve("runtime/bin/java").toString());
      recorder.add("-XX:+ExitOnOutOfMemoryError");
      if (Files.isRegularFile(aot)) {
        recorder.addAll(List.of("-XX:AOTCache=" + aot, "-Xlog:aot=off", "-Xlog:cds=off"));
      }
      recorder.addAll(
          List.of(
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-jar",
              dist.resolve("lib/cli-analytics.jar").toString(),
              "__record-exec"));
      return new Launcher(dist.resolve("bin/cli-analytics"), recorder);
    }
  }

  record LauncherFigures(double wallOff, double wallOn, double execCpu, double recorderCpu) {}

  /** The launcher's exec against plain {@code true}, and the CPU of its recorder. */
  private static LauncherFigures launcherFigures(
      Launcher launcher, int runs, Path home, String url, AtomicInteger received) throws Exception {
    if (!Files.isRegularFile(launcher.script())) {
      throw new IllegalArgumentException(launcher.script() + " not found; run from the checkout");
    }
    List<String> exec = List.of(launcher.script().toString(), "exec", "--", "true");
    List<String> plain = List.of("true");
    Map<String, String> on = Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url);
    for (int i = 0; i < WARMUP; i++) {
      timeRecorded(exec, on, home, received);
      time(exec, Map.of(), home);
      time(plain, Map.of(), home);
    }
    List<Double> onMs = new ArrayList<>();
    List<Double> offMs = new ArrayList<>();
    List<Double> plainMs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      onMs.add(timeRecorded(exec, on, home, received));
      offMs.add(time(exec, Map.of(), home));
      plainMs.add(time(plain, Map.of(), home));
    }
    Path handOver = home.resolve("hand-over");
    Files.write(
        handOver,
        "1\u00000\u00001000\u00001733300000000000\u0000\u0000\u0000true\u0000"
            .getBytes(StandardCharsets.UTF_8));
    double execCpu = median(cpu(exec, runs, home, Map.of(), null));
    double recorderCpu = median(cpu(launcher.recorder(), runs, home, on, handOver));
    double wallOff = median(offMs) - median(plainMs);
    double wallOn = median(onMs) - median(plainMs);
    System.out.printf(
        Locale.ROOT,
        "launcher exec -- true: median %.1f ms off, %.1f ms on, true alone %.1f ms (%d runs each);"
            + " CPU of the launcher %.1f ms, of one recorder %.1f ms%n",
        median(offMs),
        median(onMs),
        median(plainMs),
        runs,
        execCpu,
        recorderCpu);
    return new LauncherFigures(wallOff, wallOn, execCpu, recorderCpu);
  }

  /**
   * Median process CPU with telemetry on minus median with it off, runs alternating (one on, one
   * off) so that a drift in the machine's load reaches both alike; also prints the median of the
   * paired differences.
   */
  private static double cpuOverhead(
      String label, List<String> command, int runs, Path home, String url)
      throws IOException, InterruptedException {
    Map<String, String> on = Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url);
    List<Double> onMs = new ArrayList<>();
    List<Double> offMs = new ArrayList<>();
    List<Double> pairs = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      double a = cpu(command, 1, home, on, null).get(0);
      double b = cpu(command, 1, home, Map.of(), null).get(0);
      onMs.add(a);
      offMs.add(b);
      pairs.add(a - b);
    }
    double overhead = median(onMs) - median(offMs);
    System.out.printf(
        Locale.ROOT,
        "%s: process CPU median %.1f ms on, %.1f ms off, on minus off %.1f ms;"
            + " median of paired differences %.1f ms%n",
        label,
        median(onMs),
        median(offMs),
        overhead,
        median(pairs));
    return overhead;
  }

  /**
   * CPU milliseconds (user plus system) of {@code command} and the children it waited for, {@code
   * runs} times, from bash's {@code times} after it ran with stdin from {@code input} (or
   * /dev/null).
   */
  private static List<Double> cpu(
      List<String> command, int runs, Path home, Map<String, String> telemetry, Path input)
      throws IOException, InterruptedException {
    List<String> wrapped = new ArrayList<>();
    wrapped.addAll(
        List.of("bash", "-c", "\"$@\" >/dev/null 2>&1 <\"${CPU_INPUT:-/dev/null}\"; times", "cpu"));
    wrapped.addAll(command);
    List<Double> result = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      ProcessBuilder pb = new ProcessBuilder(wrapped);
      environment(pb, home, telemetry);
      if (input != null) {
        pb.environment().put("CPU_INPUT", input.toString());
      }
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in 60 s");
      }
      // times prints the shell's own user and system time, then its children's: "0m0.123s 0m0.045s"
      String children = out.strip().lines().reduce((a, b) -> b).orElse("");
      double ms = 0;
      for (String part : children.trim().split("\\s+")) {
        int m = part.indexOf('m');
        ms +=
            (Double.parseDouble(part.substring(0, m)) * 60
                    + Double.parseDouble(part.substring(m + 1, part.length() - 1)))
                * 1000;
      }
      result.add(ms);
    }
    return result;
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

  /**
   * {@link #time} of a launcher run with telemetry on, then a wait (not timed) until its detached
   * recorder's event arrived, so that the recorder's JVM does not run during the next timed run:
   * the user's next command usually comes seconds later. Without the in-process server ({@code
   * --url}) there is nothing to wait on, and the figures include that overlap.
   */
  private static double timeRecorded(
      List<String> command, Map<String, String> telemetry, Path home, AtomicInteger received)
      throws IOException, InterruptedException {
    int before = received == null ? 0 : received.get();
    double ms = time(command, telemetry, home);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (received != null && received.get() == before && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return ms;
  }

  private static double time(List<String> command, Map<String, String> telemetry, Path home)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    environment(pb, home, telemetry);
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

  private static void environment(ProcessBuilder pb, Path home, Map<String, String> telemetry) {
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("EVENTS_") || k.equals("DO_NOT_TRACK"));
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.putAll(telemetry);
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
