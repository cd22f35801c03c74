package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Loads the test corpora under {@code src/test/resources/privacy} and builds naive events. */
final class Corpus {
  private Corpus() {}

  /** One tab-separated line: the first {@code head} columns, then the rest. */
  record Row(List<String> head, List<String> rest) {}

  static List<Row> tsv(String name, int head) {
    List<Row> rows = new ArrayList<>();
    for (String line : lines(name)) {
      String[] cols = line.split("\t", -1);
      List<String> all = Arrays.asList(cols);
      rows.add(new Row(all.subList(0, head), all.subList(head, all.size())));
    }
    return rows;
  }

  /** Non-empty lines that are not {@code #} comments. */
  static List<String> lines(String name) {
    InputStream in = Corpus.class.getResourceAsStream("/privacy/" + name);
    if (in == null) {
      throw new IllegalStateException("missing test resource privacy/" + name);
    }
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * The event a careless client would build from a raw command line: every argument in the command
   * path and in the flags, the whole line as the error message and as the error type.
   */
  static Event naiveEvent(List<String> argv, String message) {
    return new Event(
        Instant.parse("2026-01-20T10:00:00Z"),
        argv.get(0),
        "1.0.0",
        argv,
        argv,
        1,
        120L,
        message,
        message,
        "alice@example.com",
        "alice-laptop",
        "tty-" + message.hashCode(),
        false,
        UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8)));
  }

  /** Everything the client would send for {@code raw}, as one string to search for leaks. */
  static String sent(Event raw) {
    return dev.clianalytics.core.json.Json.write(Privacy.client().apply(raw).toJson());
  }
}
