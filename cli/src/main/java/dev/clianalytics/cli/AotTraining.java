package dev.clianalytics.cli;

import dev.clianalytics.server.CliAnalyticsServer;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.ServerConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code cli-analytics __aot-training}, hidden: the training run behind the distribution's AOT
 * cache (docs/install.md): runs the CLI's own commands once in one JVM, so that the classes they
 * load and link, and the methods they profile, are what the cache holds. {@code --version}, help,
 * {@code exec}, the recorder, {@code generate-sample}, then {@code post-events}, {@code infer} and
 * {@code report summary} against an embedded server on a free loopback port in a temporary
 * directory. Output is discarded.
 */
final class AotTraining {
  /** Hidden: {@code java -XX:AOTCacheOutput=... -jar cli-analytics.jar __aot-training}. */
  static final String COMMAND = "__aot-training";

  private AotTraining() {}

  /** Runs the commands and exits: 0 when each did what it should, else 1. */
  static void run() {
    try {
      System.exit(train(Files.createTempDirectory("cli-analytics-aot-training")));
    } catch (IOException e) {
      System.err.println("aot training: " + Errors.oneLine(e));
      System.exit(1);
    }
  }

  private static int train(Path dir) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream discard =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    System.setOut(discard);
    System.setErr(discard);
    int failures = 0;
    try {
      failures += expect(0, Main.run("--version"));
      failures += expect(0, Main.run("--help"));
      failures += expect(0, Main.run("report", "--help"));
      failures += expect(0, ExecInvocation.parse(new String[] {"exec", "--", "true"}).run());
      byte[] run =
          "1\u00000\u00001000\u00001733300000000000\u0000\u0000\u0000true\u0000"
              .getBytes(StandardCharsets.UTF_8);
      failures += expect(0, ExecRecorder.run(new ByteArrayInputStream(run), Map.of()));
      Path events = dir.resolve("events.jsonl");
      failures +=
          expect(
              0,
              Main.run(
                  "generate-sample", "-o", events.toString(), "--events", "500", "--days", "3"));
      ServerConfig config =
          ServerConfig.from(Map.of("DATA_DIR", dir.resolve("data").toString()), dir.resolve(".env"))
              .withPort(0);
      try (CliAnalyticsServer server =
          CliAnalyticsServer.start(config, Storages.open(null, config.dataDir()))) {
        String url = "http://127.0.0.1:" + server.port();
        failures += expect(0, Main.run("post-events", events.toString(), "--url", url));
        failures += expect(0, Main.run("infer", "--url", url));
        failures += expect(0, Main.run("report", "summary", "--url", url));
        failures += expect(0, Main.run("report", "summary", "--url", url, "--json"));
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    System.out.println(
        "aot training: " + (failures == 0 ? "every command ran" : failures + " commands failed"));
    return failures == 0 ? 0 : 1;
  }

  private static int expect(int expected, int actual) {
    return expected == actual ? 0 : 1;
  }
}
