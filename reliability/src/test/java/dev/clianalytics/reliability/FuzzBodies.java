package dev.clianalytics.reliability;

import dev.clianalytics.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
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

  private static final String[] NUMBERS = {
    "1e400", "-1e400", "123456789012345678901234567890", "-0", "9".repeat(400), "NaN", "0x10", "01"
  };
  private static final String[] VALUES = {
    "null", "true", "[]", "{}", "\"\"", "\"\\u0000\"", "[[[[[]]]]]", "\"\\ud800\"", "-1"
  };
  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xC0}
  };

  private final Random random;

  FuzzBodies(Random random) {
    this.random = random;
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
    byte[] out = body;
    for (int i = 0, rounds = 1 + random.nextInt(3); i < rounds; i++) {
      out = once(out);
    }
    return out;
  }

  private byte[] once(byte[] b) {
    return switch (random.nextInt(10)) {
      case 0 -> flip(b);
      case 1 -> b.length == 0 ? b : Arrays.copyOf(b, random.nextInt(b.length));
      case 2 -> repeat(b);
      case 3 -> nest(b);
      case 4 -> replace(b, "[0-9]+", NUMBERS[random.nextInt(NUMBERS.length)]);
      case 5 -> insert(b, BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
      case 6 -> replace(b, "\"[^\"]*\"", VALUES[random.nextInt(VALUES.length)]);
      case 7 -> replace(b, "[\\[\\]{},:]", String.valueOf("[]{},:\"\\".charAt(random.nextInt(8))));
      case 8 -> new byte[0];
      default -> insert(b, ascii().getBytes(StandardCharsets.UTF_8));
    };
  }

  private byte[] flip(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n && out.length > 0; i++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private byte[] repeat(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    int from = random.nextInt(b.length);
    int to = from + 1 + random.nextInt(b.length - from);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, to);
    for (int i = 0, copies = 1 + random.nextInt(random.nextInt(20) == 0 ? 300 : 3);
        i < copies;
        i++) {
      out.write(b, from, to - from);
    }
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }

  private byte[] nest(byte[] b) {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 60 : 3000);
    boolean array = random.nextBoolean();
    String s =
        (array ? "[" : "{\"a\":").repeat(depth)
            + new String(b, StandardCharsets.UTF_8)
            + (array ? "]" : "}").repeat(depth);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] replace(byte[] b, String regex, String replacement) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(s);
    List<int[]> spans = new ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    return (s.substring(0, span[0]) + replacement + s.substring(span[1]))
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] insert(byte[] b, byte[] piece) {
    int at = b.length == 0 ? 0 : random.nextInt(b.length);
    byte[] out = new byte[b.length + piece.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(b, at, out, at + piece.length, b.length - at);
    return out;
  }

  private String ascii() {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
      s.append((char) random.nextInt(128));
    }
    return s.toString();
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }
}
