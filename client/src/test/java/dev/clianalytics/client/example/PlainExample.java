package dev.clianalytics.client.example;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.CommandRun;
import java.time.Duration;

/**
 * The SDK without picocli: a tool that parses its own arguments reports each run in two calls. Also
 * proves the SDK needs nothing but the JDK and {@code core} on the class path.
 */
public final class PlainExample {
  private PlainExample() {}

  public static void main(String[] args) {
    CliAnalytics analytics = CliAnalytics.start("plain", "0.3.0", args);
    long start = System.nanoTime();
    int exitCode = args.length > 0 && args[0].equals("fail") ? 1 : 0;
    System.out.println(exitCode == 0 ? "done" : "failed");
    analytics.recordEvent(
        CommandRun.of(exitCode, "build")
            .withFlags("--release")
            .withDuration(Duration.ofNanos(System.nanoTime() - start)));
    System.exit(exitCode);
  }
}
