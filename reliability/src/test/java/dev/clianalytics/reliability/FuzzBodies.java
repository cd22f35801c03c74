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
