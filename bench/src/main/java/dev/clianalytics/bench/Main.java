package dev.clianalytics.bench;

import java.util.Arrays;

/**
 * Entry point of {@code cli-analytics-bench.jar}: {@code jmh [JMH options]} runs the in-process JMH
 * benchmarks; further subcommands measure whole systems. Each prints its figures and ends with one
 * JSON object on the last line.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
      System.exit(2);
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      case "core-inference" -> InferenceBenchmark.run(rest);
      case "client" -> ClientBench.main(rest);
      case "infer" -> InferBench.run(BenchArgs.parse(rest));
      case "reports" -> ReportsBench.run(BenchArgs.parse(rest));
      case "sanitizer" -> SanitizerRun.run();
      default -> {
        System.err.println("unknown benchmark: " + args[0]);
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println("usage: java -jar cli-analytics-bench.jar jmh [JMH options]");
    System.err.println("       java -jar cli-analytics-bench.jar client [--runs N] [--url URL]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar infer|reports --database-url URL --events N");
    System.err.println("       java -jar cli-analytics-bench.jar sanitizer");
  }
}
