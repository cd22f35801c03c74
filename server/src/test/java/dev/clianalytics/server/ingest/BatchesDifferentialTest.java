package dev.clianalytics.server.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.testing.Ev;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.BodyFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The streaming body reader against core's tree reader, on a corpus of valid and invalid ingest
 * bodies in both formats: the same problem (status and detail) or the same items, compared by what
 * event validation makes of each item (event or field errors by index). Any divergence fails.
 */
class BatchesDifferentialTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");

  /** What a reader made of a body: a problem, or each item's validation. */
  private static Object outcome(String text, byte[] utf8, BodyFormat format, boolean streaming) {
    try {
      List<Object> out = new ArrayList<>();
      for (Object item : Batches.items(text, utf8, format, streaming)) {
        out.add(EventValidator.validate(item, NOW));
      }
      return out;
    } catch (ApiProblem p) {
      return p.status() + " " + p.getMessage();
    }
  }

  private static Map<String, Object> event(int i) {
    Map<String, Object> e =
        Ev.at(NOW.minusSeconds(60L + i))
            .cmd("terraform apply -auto-approve")
            .actor("alice-" + i)
            .id(new UUID(1, i))
            .message("Error: \"x\" failed\n\tat C:\\path\\to\\file \u00e9\u2028 token=abc" + i)
            .error("ExitError")
            .duration(1234L + i)
            .machine("m" + i)
            .hint("h")
            .platform("linux", "x86_64", "java-21")
            .flags("--auto-approve", "-v")
            .json();
    e.put("unknown", Map.of("nested", List.of(1, 2.5, "s", Map.of("deep", List.of()))));
    return e;
  }

  private static String events(int n) {
    List<Object> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(event(i));
    }
    return Json.write(list);
  }

  private static String with(String field, String jsonValue) {
    Map<String, Object> e = event(0);
    e.remove(field);
    String body = Json.write(e);
    return body.substring(0, body.length() - 1) + ",\"" + field + "\":" + jsonValue + "}";
  }

  private static List<String> handWritten() {
    List<String> corpus = new ArrayList<>();
    String one = Json.write(event(0));
    String two = Json.write(event(1));
    corpus.add(one);
    corpus.add(events(3));
    corpus.add("{\"events\":" + events(3) + "}");
    corpus.add("{\"tool_name\":\"x\",\"events\":" + events(2) + "}");
    corpus.add("{\"events\":" + events(2) + ",\"events\":[]}");
    corpus.add("{\"events\":[],\"events\":" + events(2) + "}");
    corpus.add("{\"events\":5,\"events\":" + events(2) + "}");
    corpus.add("{\"events\":" + events(2) + ",\"events\":null}");
    corpus.add("{\"events\":null}");
    corpus.add("{\"events\":{}}");
    corpus.add("{\"events\":\"[]\"}");
    corpus.add("[]");
    corpus.add("{}");
    corpus.add("[1,\"a\",null,true,false,[],[1,[2]],{},-0.5e3,1e999]");
    corpus.add("\"just a string\"");
    corpus.add("12");
    corpus.add("null");
    corpus.add("true");
    corpus.add(one + "\n" + two);
    corpus.add(one + "\r\n" + two + "\r\n");
    corpus.add("\n\n" + one + "\n   \n\t\n" + two + "\n");
    corpus.add(one + "\n\u000b\n" + two);
    corpus.add(one + "\n\u2003\n" + two);
    corpus.add(one + "\nnull\n[1,2]\n\"s\"\n" + two);
    corpus.add(one + "\n{\"events\":" + events(2) + "}");
    corpus.add(one + "\n{broken\n" + two);
    corpus.add(one + " " + two);
    corpus.add(one + "x");
    corpus.add("\ufeff" + one);
    corpus.add("\ufeff[]");
    corpus.add("\u0000[\u0000]");
    corpus.add(" \u0000[\u0000]\u0000");
    corpus.add("\u0000\u0000\u0000[\u0000\u0000\u0000]");
    corpus.add("[\u0000]\u0000");
    corpus.add("[]\u0000");
    corpus.add("\u0000{\u0000}");
    corpus.add(one + "\u0000");
    corpus.add(" \t\r\n" + one + " \t\r\n");
    corpus.add("\f" + one);
    corpus.add(one.substring(0, one.length() - 1));
    corpus.add("[" + one + "," + "]");
    corpus.add("[" + one + two + "]");
    corpus.add("{\"a\":1,}");
    corpus.add("{'a':1}");
    corpus.add("{a:1}");
    corpus.add("[01]");
    corpus.add("[-01]");
    corpus.add("[1.]");
    corpus.add("[.5]");
    corpus.add("[+1]");
    corpus.add("[-]");
    corpus.add("[1e]");
    corpus.add("[NaN]");
    corpus.add("[Infinity]");
    corpus.add("[truex]");
    corpus.add("[nul]");
    corpus.add("[1 2]");
    corpus.add("/* c */" + one);
    corpus.add("# c\n" + one);
    // fields of every type, duplicates (the last one counts), nested values in kept fields
    corpus.add(with("tool_name", "{\"a\":[1,{\"b\":2}]}"));
    corpus.add(with("tool_name", "[\"a\"]"));
    corpus.add(with("tool_name", "\"\""));
    corpus.add(with("tool_name", "\"  \""));
    corpus.add(with("tool_name", "null"));
    corpus.add(with("command_path", "[]"));
    corpus.add(with("command_path", "[\"a\",{\"b\":1},[2],3,null,true]"));
    corpus.add(with("command_path", "[\"a\",[[[[\"deep\"]]]]]"));
    corpus.add(with("command_path", "\"terraform apply\""));
    corpus.add(with("flags_present", "[\"--a\",1]"));
    corpus.add(with("flags_present", "null"));
    corpus.add(with("flags_present", "{}"));
    for (String n :
        List.of(
            "0",
            "-0",
            "1",
            "-1",
            "2147483647",
            "2147483648",
            "-2147483648",
            "-2147483647",
            "999999999999999999",
            "-99999999999999999",
            "-999999999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "00012",
            "123456789012345678901234567890",
            "1.0",
            "1.5",
            "1e2",
            "1E+2",
            "-1e-2",
            "1e999",
            "-1e999",
            "0.0",
            "-0.0",
            "\"5\"",
            "true",
            "[]",
            "{}")) {
      corpus.add(with("exit_code", n));
      corpus.add(with("duration_ms", n));
    }
    corpus.add(with("duration_ms", "604800000"));
    corpus.add(with("duration_ms", "604800001"));
    corpus.add(with("ci_detected", "\"true\""));
    corpus.add(with("ci_detected", "false"));
    corpus.add(with("event_id", "\"" + ID + "\""));
    corpus.add(with("event_id", "\"" + ID.toString().toUpperCase() + "\""));
    corpus.add(with("event_id", "\"not-a-uuid-but-thirty-six-chars-long\""));
    corpus.add(with("event_id", "12"));
    corpus.add(with("timestamp", "\"2026-03-01 11:00:00+01:00\""));
    corpus.add(with("timestamp", "\"2026-03-01T11:00:00\""));
    corpus.add(with("timestamp", "\"2020-01-01T00:00:00Z\""));
    corpus.add(with("timestamp", "\"2030-01-01T00:00:00Z\""));
    corpus.add(with("timestamp", "1700000000"));
    corpus.add(with("actor_id", "\"" + "a".repeat(300) + "\""));
    corpus.add(with("actor_id", "\"\""));
    corpus.add(with("machine_id", "\"\""));
    corpus.add(with("os", "{\"name\":\"linux\"}"));
    corpus.add(with("arch", "1"));
    corpus.add(with("runtime", "null"));
    corpus.add(with("tool_name", "\"first\",\"tool_name\":\"second\""));
    corpus.add(with("tool_name", "\"first\",\"tool_name\":2"));
    corpus.add(with("exit_code", "1,\"exit_code\":\"x\""));
    corpus.add(with("unknown", "1,\"unknown\":[[[\"x\"]]]"));
    // strings: escapes, surrogates, control characters
    for (String s :
        List.of(
            "\\\"\\\\\\/\\b\\f\\n\\r\\t",
            "\\u0041\\u00e9\\u20ac",
            "\\uD83D\\uDE00",
            "\\uD800",
            "\\uDC00x",
            "\\u0000",
            "\\u00",
            "\\u00G0",
            "\\uＦＦ１０",
            "\\u１２３４",
            "\\x",
            "\\'",
            "\\",
            "tab\there",
            "nul\u0000",
            "new\nline",
            "del\u007f",
            "\ud83d\ude00",
            "\ud800",
            "\u2028\u2029")) {
      corpus.add(with("error_message", "\"" + s + "\""));
      corpus.add(with("tool_name", "\"" + s + "\""));
      corpus.add(with("unknown", "\"" + s + "\""));
      corpus.add("{\"" + s + "\":1," + one.substring(1));
    }
    // numbers at the digit limit (400), in every part of a literal and outside events
    for (int digits : List.of(399, 400, 401)) {
      String d = "1".repeat(digits);
      corpus.add(with("exit_code", d));
      corpus.add(with("exit_code", "0." + d));
      corpus.add(with("exit_code", "1e" + d));
      corpus.add(with("exit_code", d + "." + d + "e-" + d));
      corpus.add(with("unknown", "-" + d));
      corpus.add(with("unknown", "\"" + d + "\""));
      corpus.add(with("unknown", "[" + d + "]"));
      corpus.add("[" + d + "]");
      corpus.add(one + "\n" + d);
    }
    corpus.add(with("unknown", "1." + "1".repeat(300) + "e" + "1".repeat(300)));
    // nesting around the limit (64), in unknown and kept fields, objects and arrays
    for (int depth : List.of(62, 63, 64, 65, 3000)) {
      String arrays = "[".repeat(depth) + "]".repeat(depth);
      corpus.add(arrays);
      corpus.add(with("unknown", arrays));
      corpus.add(with("command_path", arrays));
      corpus.add("{\"events\":[" + one + "," + arrays + "]}");
      StringBuilder objects = new StringBuilder();
      objects.append("{\"a\":".repeat(depth)).append("1").append("}".repeat(depth));
      corpus.add(objects.toString());
      corpus.add(with("unknown", objects.toString()));
      corpus.add(with("os", objects.toString()));
      corpus.add(one + "\n" + arrays);
      corpus.add("[".repeat(depth));
    }
    // the 10,000-event limit in every shape
    for (int n : List.of(10_000, 10_001)) {
      String item = "{\"tool_name\":\"t\"}";
      List<String> items = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        items.add(item);
      }
      corpus.add("[" + String.join(",", items) + "]");
      corpus.add("{\"events\":[" + String.join(",", items) + "]}");
      corpus.add(String.join("\n", items));
      corpus.add(String.join("\n", items) + "\n{broken");
    }
    return corpus;
  }

  /** Seeded mutations of valid bodies: flips, cuts, duplications and insertions. */
  private static List<String> mutated(int count) {
    Random random = new Random(20261204L);
    List<String> seeds =
        List.of(
            Json.write(event(7)),
            events(4),
            "{\"events\":" + events(3) + "}",
            Json.write(event(1)) + "\n" + Json.write(event(2)) + "\n");
    String alphabet = "{}[]:,\"\\ \n\r\t0123456789-+.eEtrufalsn\u00e9\u0000\u2028abu";
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder b = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && b.length() > 0; e++) {
        int at = random.nextInt(b.length());
        switch (random.nextInt(5)) {
          case 0 -> b.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> b.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 2 -> b.deleteCharAt(at);
          case 3 -> b.setLength(at);
          default -> {
            int end = Math.min(b.length(), at + random.nextInt(40));
            b.insert(at, b.substring(at, end));
          }
        }
      }
      out.add(b.toString());
    }
    return out;
  }

  private static void assertSame(List<String> corpus) {
    List<String> diverged = new ArrayList<>();
    for (String text : corpus) {
      for (BodyFormat format : BodyFormat.values()) {
        Object tree = outcome(text, null, format, false);
        Object streamed = outcome(text, null, format, true);
        // from bytes too, where the text is what well-formed UTF-8 can carry (no lone surrogate)
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Object fromBytes =
            new String(utf8, StandardCharsets.UTF_8).equals(text)
                ? outcome(text, utf8, format, true)
                : tree;
        if (!tree.equals(streamed) || !tree.equals(fromBytes)) {
          diverged.add(
              format
                  + " "
                  + text.substring(0, Math.min(120, text.length()))
                  + "\n  tree:     "
                  + clip(tree)
                  + "\n  streamed: "
                  + clip(streamed)
                  + "\n  bytes:    "
                  + clip(fromBytes));
        }
      }
    }
    assertEquals(List.of(), diverged.subList(0, Math.min(5, diverged.size())));
  }

  private static String clip(Object o) {
    String s = String.valueOf(o);
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  @Test
  void handWrittenBodies_sameAnswerFromBothReaders() {
    assertSame(handWritten());
  }

  @Test
  void mutatedBodies_sameAnswerFromBothReaders() {
    assertSame(mutated(3_000));
  }

  @Test
  void validBodies_areReadByTheStreamingReaderItself() {
    // the fast path must not quietly hand every body back to the tree reader
    assertNotNull(StreamingBatches.document(events(3)));
    assertNotNull(StreamingBatches.document("{\"events\":" + events(3) + "}"));
    assertNotNull(StreamingBatches.lines((Json.write(event(1)) + "\n\n").toCharArray()));
    assertNull(StreamingBatches.document("[1 2]"));
    assertNotNull(StreamingBatches.document(events(3).getBytes(StandardCharsets.UTF_8)));
    assertNull(StreamingBatches.document("\ufeff[]".getBytes(StandardCharsets.UTF_8)));
    assertNull(StreamingBatches.document("\u0000[\u0000]".getBytes(StandardCharsets.UTF_8)));
    List<Object> items = StreamingBatches.document(events(1));
    Validation v = EventValidator.validate(items.get(0), NOW);
    assertEquals(
        EventValidator.validate(new LinkedHashMap<>(event(0)), NOW),
        v,
        "the kept fields make the same event");
    Map<?, ?> kept = (Map<?, ?>) items.get(0);
    assertEquals(false, kept.containsKey("unknown"), "fields validation does not read are dropped");
    assertEquals("terraform", kept.get("tool_name"));
    Map<?, ?> nulls = (Map<?, ?>) StreamingBatches.document("{\"os\":null,\"x\":1}").get(0);
    assertNull(nulls.get("os"));
    assertEquals(true, nulls.containsKey("os"), "a JSON null is a present field, as in core");
    assertEquals(1, nulls.entrySet().size());
  }
}
