package dev.clianalytics.server.ingest;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.BodyFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits an ingest body into its items: one event object, an array, {@code {"events": [...]}} or
 * NDJSON. Anything that is not one of these shapes is a 400; more than {@link #MAX_EVENTS} items is
 * a 413.
 */
public final class Batches {
  /** Most events one request may carry. */
  public static final int MAX_EVENTS = 10_000;

  /** Longest number literal accepted; longer ones are refused before parsing (cost grows fast). */
  static final int MAX_NUMBER_DIGITS = 400;

  private static final String SHAPES =
      "send an event object, an array of events, {\"events\": [...]} or NDJSON";

  private Batches() {}

  /** The items of {@code text}; each still has to pass event validation. */
  public static List<Object> items(String text, BodyFormat format) {
    return items(text, null, format, true);
  }

  /**
   * As {@link #items(String, BodyFormat)}, with the bytes {@code text} was decoded from (strict
   * UTF-8), which the streaming reader reads faster than the text.
   */
  public static List<Object> items(String text, byte[] utf8, BodyFormat format) {
    return items(text, utf8, format, true);
  }

  /**
   * The items of {@code text} (decoded from {@code utf8} when that is not null), read by the
   * streaming reader when {@code streaming} (falling back to core's tree reader wherever it cannot
   * decide) or by the tree reader alone: both give the same answer, which BatchesDifferentialTest
   * checks.
   */
  static List<Object> items(String text, byte[] utf8, BodyFormat format, boolean streaming) {
    if (text.isBlank()) {
      throw ApiProblem.badRequest("the body is empty; " + SHAPES);
    }
    List<Object> items = streaming ? streamed(text, utf8, format) : null;
    if (items == null) {
      checkNumbers(text);
      items =
          switch (format) {
            case NDJSON -> lines(text);
            case JSON -> parseJsonOrLines(text);
          };
    }
    if (items.size() > MAX_EVENTS) {
      throw ApiProblem.tooLarge(
          "the batch has "
              + items.size()
              + " events, more than "
              + MAX_EVENTS
              + "; send smaller batches");
    }
    return items;
  }

  /**
   * The streaming reader's items, or null where core's tree reader must decide. It refuses numbers
   * of more than {@link #MAX_NUMBER_DIGITS} characters, so its success implies {@link
   * #checkNumbers} would pass.
   */
  private static List<Object> streamed(String text, byte[] utf8, BodyFormat format) {
    if (format == BodyFormat.NDJSON) {
      return StreamingBatches.lines(text.toCharArray());
    }
    List<Object> items =
        utf8 == null ? StreamingBatches.document(text) : StreamingBatches.document(utf8);
    if (items != null) {
      return items;
    }
    // NDJSON sent as application/json: lines only where the tree reader refuses the whole text
    if (text.strip().indexOf('\n') > 0 && !parsesWhole(text)) {
      return StreamingBatches.lines(text.toCharArray());
    }
    return null;
  }

  private static boolean parsesWhole(String text) {
    try {
      Json.parse(text);
      return true;
    } catch (JsonException e) {
      return false;
    }
  }

  /** Parses one JSON document, refusing unparsable text with the reason and offset. */
  public static Object parse(String text) {
    checkNumbers(text);
    try {
      return Json.parse(text);
    } catch (JsonException e) {
      throw ApiProblem.badRequest("the body is not valid JSON: " + e.getMessage());
    }
  }

  private static List<Object> parseJsonOrLines(String text) {
    try {
      return shape(Json.parse(text));
    } catch (JsonException e) {
      // NDJSON sent as application/json is common (curl --data-binary @events.jsonl)
      if (text.strip().indexOf('\n') > 0) {
        try {
          return lines(text);
        } catch (ApiProblem notLines) {
          if (notLines.status() != 400) {
            throw notLines;
          }
        }
      }
      throw ApiProblem.badRequest("the body is not valid JSON: " + e.getMessage() + "; " + SHAPES);
    }
  }

  private static List<Object> shape(Object json) {
    return switch (json) {
      case List<?> list -> new ArrayList<>(list);
      case Map<?, ?> map when map.containsKey("events") -> events(map.get("events"));
      case Map<?, ?> map -> {
        List<Object> one = new ArrayList<>(1);
        one.add(map);
        yield one;
      }
      case null, default -> throw ApiProblem.badRequest("the body is not an event; " + SHAPES);
    };
  }

  private static List<Object> events(Object value) {
    if (value instanceof List<?> list) {
      return new ArrayList<>(list);
    }
    throw ApiProblem.badRequest("\"events\" must be an array of events; " + SHAPES);
  }

  private static List<Object> lines(String text) {
    List<Object> items = new ArrayList<>();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      if (items.size() == MAX_EVENTS) {
        throw ApiProblem.tooLarge(
            "the batch has more than " + MAX_EVENTS + " events; send smaller batches");
      }
      try {
        items.add(Json.parse(line));
      } catch (JsonException e) {
        throw ApiProblem.badRequest(
            "line " + lineNo + " is not valid JSON: " + e.getMessage() + "; send one event a line");
      }
    }
    return items;
  }

  /** Refuses number literals of more than {@link #MAX_NUMBER_DIGITS} digits outside strings. */
  private static void checkNumbers(String text) {
    boolean inString = false;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
        run = 0;
      } else if (c >= '0' && c <= '9') {
        if (++run > MAX_NUMBER_DIGITS) {
          throw ApiProblem.badRequest(
              "a number has more than " + MAX_NUMBER_DIGITS + " digits; send numbers that fit");
        }
      } else {
        run = 0;
      }
    }
  }
}
