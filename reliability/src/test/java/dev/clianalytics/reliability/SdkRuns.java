package dev.clianalytics.reliability;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Tools that embed the real client SDK, one thread each, running one short "process" after another:
 * start the SDK, record a few events, close it (which waits the flush timeout and spools what is
 * unsent, as at a process's exit). Each tool has its own home, so its own install id and spool.
 * Every recorded event carries a unique marker in {@code duration_ms}, so the database can be
 * checked for each one by value, whatever event id the SDK gave it.
 */
final class SdkRuns implements AutoCloseable {
  static final String TOOL = "outage-tool";
  private static final long MARKERS_PER_TOOL = 10_000_000L;

  private final List<Thread> threads = new ArrayList<>();
  private final List<Path> homes;
  private final Map<String, String> baseEnv;
  private final Set<Long> recorded = ConcurrentHashMap.newKeySet();
  private volatile boolean stopped;

  private SdkRuns(List<Path> homes, Map<String, String> baseEnv) {
    this.homes = homes;
    this.baseEnv = baseEnv;
  }

  /** Starts one thread per home, each recording {@code perRun} events a run until closed. */
  static SdkRuns start(String ingestUrl, String token, List<Path> homes, int perRun) {
    Map<String, String> env =
        Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", ingestUrl, "EVENTS_TOKEN", token);
    SdkRuns runs = new SdkRuns(homes, env);
    for (int i = 0; i < homes.size(); i++) {
      int tool = i;
      runs.threads.add(
          Thread.ofPlatform().name("sdk-tool-" + i).daemon().start(() -> runs.loop(tool, perRun)));
    }
    return runs;
  }

  private void loop(int tool, int perRun) {
    long next = tool * MARKERS_PER_TOOL + 1;
    while (!stopped) {
      try (CliAnalytics sdk = open(tool, Map.of())) {
        for (int i = 0; i < perRun; i++) {
          long marker = next++;
          sdk.recordEvent(CommandRun.of(0, "deploy").withDuration(Duration.ofMillis(marker)));
          recorded.add(marker);
          ServerProcess.sleep(5);
        }
      }
    }
  }

  private CliAnalytics open(int tool, Map<String, String> extra) {
    Path home = homes.get(tool);
    Map<String, String> env = new java.util.HashMap<>(baseEnv);
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.putAll(extra);
    return CliAnalytics.start(TOOL, "1.0.0", List.of(), env);
  }

  /** The markers of every event recorded so far. */
  Set<Long> recorded() {
    return Set.copyOf(recorded);
  }

  /**
   * One more run per tool that records nothing and waits up to {@code timeout} for its spooled
   * events to go out, as the next invocation of a tool would; repeated until no spool is left, at
   * most {@code maxRuns} times. Returns how many runs it took.
   */
  int drainSpools(Duration timeout, int maxRuns) {
    Map<String, String> wait = Map.of("EVENTS_FLUSH_TIMEOUT_MS", Long.toString(timeout.toMillis()));
    for (int run = 1; run <= maxRuns; run++) {
      for (int tool = 0; tool < homes.size(); tool++) {
        try (CliAnalytics sdk = open(tool, wait)) {
          sdk.flush();
        }
      }
      if (spooledFiles() == 0) {
        return run;
      }
    }
    return maxRuns;
  }

  /** How many non-empty spool files the tools' cache directories hold. */
  long spooledFiles() {
    long count = 0;
    for (Path home : homes) {
      Path cache = home.resolve("cache");
      if (!Files.isDirectory(cache)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(cache)) {
        count += files.filter(p -> p.toString().endsWith(".jsonl")).count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return count;
  }

  /** Stops the tools after their current run (which closes its SDK) and waits for them. */
  @Override
  public void close() {
    stop();
  }

  /** As {@link #close()}; the tools' spools stay for {@link #drainSpools}. */
  void stop() {
    stopped = true;
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
