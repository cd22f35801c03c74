package dev.clianalytics.bench;

import dev.clianalytics.server.storage.StorageUnavailableException;
import java.sql.SQLException;
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
    try {
      run(args[0], Arrays.copyOfRange(args, 1, args.length));
    } catch (IllegalArgumentException e) {
      // Bad options (numbers included): what was wrong and how to call, without a stack trace.
      System.err.println("bench: " + e.getMessage());
      usage();
      System.exit(2);
    } catch (SQLException | StorageUnavailableException e) {
      System.err.println("bench: the database cannot be used: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void run(String benchmark, String[] rest) throws Exception {
    switch (benchmark) {
      case "jmh" -> org.openjdk.jmh.Main.main(rest);
      case "core-inference" -> InferenceBenchmark.run(rest);
      case "client" -> ClientBench.main(rest);
      case "infer" -> InferBench.run(BenchArgs.parse(rest));
      case "ingest" -> IngestBench.run(IngestBench.Options.parse(rest));
      case "soak" -> SoakBench.run(SoakBench.Options.parse(rest));
      case "reports" -> ReportsBench.run(BenchArgs.parse(rest));
      case "otlp" -> OtlpBench.run(BenchArgs.parse(rest));
      case "posthog" -> PosthogBench.run(BenchArgs.parse(rest));
      case "sanitizer" -> SanitizerRun.run();
      case "storage-ingest" -> StorageIngestBench.run(rest);
      case "duckdb-merge" -> DuckDbMergeBench.run(rest);
      case "pooler-check" -> PoolerCheck.run(rest);
      case "privacy-survival" -> PrivacySurvival.run(rest);
      default -> {
        System.err.println("unknown benchmark: " + benchmark);
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.err.println("usage: java -jar cli-analytics-bench.jar jmh [JMH options]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar client [--runs N] [--url URL] [--dist DIR]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar infer|reports|otlp --database-url URL --events N");
    System.err.println(
        "       java -jar cli-analytics-bench.jar ingest [--database-url URL] [--events N]"
            + " [--jfr FILE] [--discard]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar soak [--database-url URL] [--minutes N]"
            + " [--rate EVENTS_PER_S]");
    System.err.println("       java -jar cli-analytics-bench.jar sanitizer");
    System.err.println(
        "       java -jar cli-analytics-bench.jar storage-ingest [--database-url URL]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar duckdb-merge [--rows N] [--batch N]");
    System.err.println("       java -jar cli-analytics-bench.jar pooler-check DATABASE_URL");
    System.err.println(
        "       java -jar cli-analytics-bench.jar privacy-survival [--strings N] [--seed S]");
    System.err.println(
        "       java -jar cli-analytics-bench.jar posthog [--database-url URL] [--events N]");
  }
}
