package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.session.SessionStream;
import dev.clianalytics.core.session.Sessionizer;
import dev.clianalytics.core.workflow.WorkflowCatalog;
import dev.clianalytics.core.workflow.WorkflowDetector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Single-thread throughput of the core of inference: streaming sessionization of events ordered by
 * actor and time, with workflow detection on every session (the built-in catalog). The score is
 * events per second. Goal: at least 2,000,000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InferenceBenchmark {
  static final int EVENTS = 200_000;
  static final List<String> COMMANDS =
      List.of(
          "terraform init",
          "terraform plan",
          "terraform apply",
          "git add",
          "git commit",
          "git push",
          "git status",
          "npm install",
          "npm test",
          "docker build",
          "docker push",
          "kubectl apply",
          "ai-do run",
          "ai-do plan",
          "mvn clean install",
          "go test",
          "ls");

  private List<Event> events;
  private Sessionizer sessionizer;
  private WorkflowDetector detector;
  private Instant horizon;

  @Setup
  public void setUp() {
    events = generate(EVENTS, 42);
    sessionizer = new Sessionizer(Duration.ofMinutes(30));
    detector = new WorkflowDetector(WorkflowCatalog.builtIn());
    horizon = events.get(events.size() - 1).timestamp();
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public void sessionizeAndDetect(Blackhole sink) {
    SessionStream stream =
        sessionizer.stream(horizon, session -> sink.consume(detector.detect(session)));
    for (Event event : events) {
      stream.accept(event);
    }
    stream.finish();
  }

  /** Events ordered by actor then time: 500 actors, sessions of about 20 commands a day. */
  static List<Event> generate(int count, long seed) {
    Random random = new Random(seed);
    int actors = 500;
    int perActor = count / actors;
    List<Event> out = new ArrayList<>(count);
    for (int a = 0; a < actors; a++) {
      String actor = String.format("%064x", a);
      Instant t = Instant.parse("2026-01-05T08:00:00Z");
      for (int i = 0; i < perActor; i++) {
        t = t.plusSeconds(i % 20 == 0 ? 3 * 3600 : 10 + random.nextInt(240));
        String[] path = COMMANDS.get(random.nextInt(COMMANDS.size())).split(" ");
        int exit = random.nextInt(10) < 8 ? 0 : (random.nextBoolean() ? 1 : 130);
        out.add(
            new Event(
                t,
                path[0],
                "1.2.3",
                List.of(path),
                List.of(),
                exit,
                1200L,
                exit == 1 ? "Error" : null,
                null,
                actor,
                null,
                null,
                false,
                new UUID(random.nextLong(), random.nextLong())));
      }
    }
    return out;
  }

  /** Runs this benchmark and ends with {@code {"sessionize_detect_events_per_s": N}}. */
  static void run(String[] args) throws Exception {
    var options = new OptionsBuilder().include(InferenceBenchmark.class.getName()).build();
    double score = 0;
    for (RunResult result : new Runner(options).run()) {
      score = result.getPrimaryResult().getScore();
    }
    System.out.printf("{\"sessionize_detect_events_per_s\": %d}%n", Math.round(score));
  }
}
