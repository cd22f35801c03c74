package dev.clianalytics.bench;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * {@code sanitizer}: runs {@link SanitizerBenchmark} on one thread in one fork with a short warmup
 * (under a minute in total) and ends with {@code {"sanitizer_events_per_s": N}}.
 */
final class SanitizerRun {
  private SanitizerRun() {}

  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  static void run() throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(SanitizerBenchmark.class.getName() + ".apply")
            .forks(1)
            .threads(1)
            .warmupIterations(5)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(3))
            .timeUnit(TimeUnit.SECONDS)
            .build();
    double loadBefore = loadAverage();
    Collection<RunResult> results = new Runner(options).run();
    double score = results.iterator().next().getPrimaryResult().getScore();
    // One thread measures wall-clock throughput: a busy machine lowers it, so say how busy.
    System.out.println(
        String.format(
            Locale.ROOT,
            "system load average: %.2f before, %.2f after, on %d processors",
            loadBefore,
            loadAverage(),
            Runtime.getRuntime().availableProcessors()));
    System.out.println(
        String.format(Locale.ROOT, "{\"sanitizer_events_per_s\": %d}", Math.round(score)));
  }
}
