package dev.clianalytics.reliability;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.resilience.Mutator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Request bodies for the fuzz run: valid events, PostgREST rows and documents, then damaged the
 * ways real clients damage them. Every body carries markers ({@link #ACTOR_MARKER}, {@link
 * #BODY_MARKER}) that must never show up in the server's log.
 */
final class FuzzBodies {
  /** Part of every raw actor id sent. */
  static final String ACTOR_MARKER = "fuzzactor-Kq8w";

  /** Part of free text in every body. */
  static final String BODY_MARKER = "bodymark-Vx3z";

  private final Random random;
  private final Mutator mutator;

  FuzzBodies(Random random) {
    this.random = random;
    this.mutator = new Mutator(random);
  }

  /** A raw event as a careless client sends it: identifiers and secrets included. */
  Map<String, Object> event() {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", new UUID(random.nextLong(), random.nextLong()).toString());
    e.put("timestamp", Instant.now().minus(random.nextInt(600), ChronoUnit.MINUTES).toString());
    e.put("tool_name", pick("terraform", "git", "kubectl"));
    e.put("tool_version", pick("1.7.0", "1.8.0", "2.44.0"));
    e.put("command_path", List.of("terraform", pick("plan", "apply", "init")));
    e.put("flags_present", List.of("--out=/home/alice/" + BODY_MARKER));
    e.put("exit_code", random.nextInt(3));
    e.put("duration_ms", random.nextInt(10_000));
    e.put("actor_id", ACTOR_MARKER + "-" + random.nextInt(40) + "@example.com");
    if (random.nextBoolean()) {
      e.put("error_type", "ENOENT");
      e.put("error_message", "open /home/alice/.ssh/" + BODY_MARKER + " failed");
    }
    e.put("note", BODY_MARKER);
    return e;
  }

  /** A body for {@code POST /ingest}: one event, an array, {events: [...]} or NDJSON. */
  byte[] ingest() {
    List<Map<String, Object>> events = events();
    String text =
        switch (random.nextInt(4)) {
          case 0 -> Json.write(events.getFirst());
          case 1 -> Json.write(events);
          case 2 -> Json.write(Map.of("events", events));
          default -> String.join("\n", events.stream().map(Json::write).toList());
        };
    return maybeMutate(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A body for {@code POST /rest/v1/events}: rows with payloads, bare events, or documents. */
  byte[] rest() {
    Object body =
        switch (random.nextInt(4)) {
          case 0 -> events().stream().map(e -> Map.of("payload", e)).toList();
          case 1 -> Map.of("payload", event());
          case 2 -> event();
          default -> Map.of("payload", Map.of("kind", "nsm-aggregate", "note", BODY_MARKER));
        };
    return maybeMutate(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A body for PostHog's capture paths: a batch, an array or one event, mixing command runs, start
   * markers and events that are not command runs with wrong JSON types, absurd timestamps, missing
   * ids, deep nesting and now and then more events than a batch may hold.
   */
  byte[] posthog(String apiKey) {
    List<Object> batch = new ArrayList<>();
    int n = random.nextInt(40) == 0 ? 10_001 : 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      batch.add(n > 100 ? Map.of() : posthogEvent());
    }
    Object body =
        switch (random.nextInt(3)) {
          case 0 -> Map.of("api_key", apiKey, "batch", batch, "sent_at", Instant.now().toString());
          case 1 -> batch;
          default -> {
            Map<String, Object> one = new LinkedHashMap<>(posthogEvent());
            one.put("api_key", apiKey);
            yield one;
          }
        };
    return maybeMutate(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  private Map<String, Object> posthogEvent() {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("command", pick("apply", "data-marts:list", "", "a b c"));
    props.put("cli", pick("terraform", "owox"));
    props.put("$current_url", "https://example.com/" + BODY_MARKER);
    switch (random.nextInt(8)) {
      case 0 -> props.put("exit_code", pick("boom", "1"));
      case 1 -> props.put("success", random.nextBoolean());
      case 2 -> props.put("duration_ms", List.of(1, 2));
      case 3 -> props.put("flags", Map.of("nested", List.of(List.of(List.of(BODY_MARKER)))));
      case 4 -> props.put("command", List.of(1, true, Map.of()));
      case 5 -> props.put("deep", nested(70));
      default -> props.put("exit_code", random.nextInt(3));
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event", pick("cli_command", "command_started", "$pageview", "$identify", "x"));
    if (random.nextInt(5) > 0) {
      e.put("distinct_id", ACTOR_MARKER + "-" + random.nextInt(40) + "@example.com");
    }
    if (random.nextInt(5) > 0) {
      e.put("uuid", pick(new UUID(random.nextLong(), random.nextLong()).toString(), "not-a-uuid"));
    }
    e.put(
        "timestamp",
        pick(
            Instant.now().minus(random.nextInt(600), ChronoUnit.MINUTES).toString(),
            "+999999999-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z",
            "yesterday"));
    e.put("properties", props);
    return e;
  }

  private static Object nested(int depth) {
    Object v = BODY_MARKER;
    for (int i = 0; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }

  /** Anything at all, for endpoints that take no body. */
  byte[] stray() {
    return mutate(Json.write(event()).getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private List<Map<String, Object>> events() {
    List<Map<String, Object>> events = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      events.add(event());
    }
    return events;
  }

  /** Most bodies are damaged; about one in six goes out intact so the happy path runs too. */
  private byte[] maybeMutate(byte[] body) {
    return random.nextInt(6) == 0 ? body : mutate(body);
  }

  byte[] mutate(byte[] body) {
    return mutator.mutate(body);
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
