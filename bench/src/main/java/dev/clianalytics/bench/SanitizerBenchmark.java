package dev.clianalytics.bench;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.privacy.Privacy;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Throughput of {@code Privacy.client().apply(event)} on one thread: events with a raw actor and
 * machine id, a command path, flags and a 200-character error message mixing secrets, paths,
 * addresses and benign words.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SanitizerBenchmark {
  /** Error messages of about 200 characters, as real CLIs print them. */
  static final List<String> MESSAGES =
      List.of(
          "npm ERR! code E401 Unable to authenticate with token npm_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5"
              + " for https://registry.npmjs.org/@acme%2fwidgets; see /home/alice/.npm/_logs/debug-0.log",
          "psql: error: connection to server at \"db.internal.acme.io\" (10.20.30.40), port 5432"
              + " failed: FATAL:  password authentication failed for user \"app\" (PGPASSWORD=hunter2)",
          "Error: connect ECONNREFUSED 127.0.0.1:6379 at TCPConnectWrap.afterConnect (node:net:1555:16)"
              + " while calling https://alice:s3cret@api.acme.io/v1/items?page=2 after 3 retries in 30s",
          "java.io.FileNotFoundException: C:\\Users\\John Smith\\AppData\\Local\\app\\config.json"
              + " (The system cannot find the path specified) at org.acme.App.main(App.java:42) v1.7.0",
          "Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:ci:deployer\""
              + " cannot list resource \"pods\" in API group \"\" in the namespace \"prod\" (kubectl v1.29.2)",
          "Error: error configuring Terraform AWS Provider: AKIAIOSFODNN7EXAMPLE is not valid; check"
              + " ~/.aws/credentials or AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY",
          "[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile"
              + " (default-compile) on project app: Compilation failure: 3 errors in 12.4s, see log",
          "ai-do: model call failed after 3 retries in 12.5s: 401 Unauthorized (Authorization: Bearer"
              + " sk-proj-abc123DEF456ghi789JKL012mno345PQR678) from api.acme.io; contact ops@acme.io");

  private Privacy privacy;
  private Event[] events;
  private int next;

  @Setup
  public void setUp() {
    privacy = Privacy.client();
    events = new Event[MESSAGES.size()];
    for (int i = 0; i < events.length; i++) {
      events[i] =
          new Event(
              Instant.parse("2026-01-20T10:00:00Z"),
              "ai-do",
              "2.3.1",
              List.of("ai-do", "run", "refactor", "src/main.rs"),
              List.of("--model=large", "--api-key=sk-abc", "--verbose", "-v", "--out=/tmp/x"),
              1,
              12_500L,
              "UpstreamError",
              MESSAGES.get(i),
              UUID.nameUUIDFromBytes(("install-" + i).getBytes()).toString(),
              "alice-laptop-" + i,
              "tty-" + i,
              false,
              UUID.nameUUIDFromBytes(("event-" + i).getBytes()));
    }
  }

  @Benchmark
  public Event apply() {
    Event e = events[next];
    next = next + 1 == events.length ? 0 : next + 1;
    return privacy.apply(e);
  }
}
