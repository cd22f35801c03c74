package dev.clianalytics.server.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fast reader of ingest bodies (docs/server.md, Performance): a streaming pass over the text
 * that builds, for each event object, a map of only the fields {@link EventValidator} reads ({@link
 * EventValidator#FIELDS}, one array slot each); other fields are skipped without building anything.
 * Nested objects and arrays inside a kept field become empty placeholders of the same JSON type,
 * which is all the validator looks at there.
 *
 * <p>It never decides a failure: whenever the text is not plainly one of the accepted shapes (bad
 * syntax, nesting deeper than core's reader allows, a number longer than {@link
 * Batches#MAX_NUMBER_DIGITS}, more than {@link Batches#MAX_EVENTS} NDJSON lines, {@code "events"}
 * that is not an array...), it answers {@code null} and {@link Batches} reads the text again with
 * core's tree reader, whose answer (items or the problem) is the one given. Each pass is linear in
 * the text, so a hostile body costs a few linear passes (at most the streaming reader's, a check
 * with core's reader whether NDJSON sent as JSON is one document, then core's reader's own).
 */
final class StreamingBatches {
  /** Same nesting limit as core's reader; numbers no longer than the digit limit of Batches. */
  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(Json.DEFAULT_MAX_DEPTH)
                  .maxNumberLength(Batches.MAX_NUMBER_DIGITS)
                  .maxStringLength(Integer.MAX_VALUE)
                  .maxNameLength(Integer.MAX_VALUE)
                  .maxDocumentLength(-1)
                  .build())
          .build();

  /** What a nested object inside a kept field reads as (the validator only names its type). */
  private static final Map<String, Object> OBJECT = Map.of();

  /** What a nested array inside a kept field reads as. */
  private static final List<Object> ARRAY = List.of();

  /** A line that could not be read (JSON null is a legitimate item). */
  private static final Object FAIL = new Object();

  private StreamingBatches() {}

  /**
   * The items of one JSON document (an event, an array of items or {@code {"events": [...]}}), or
   * null when core's reader must decide.
   */
  static List<Object> document(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      return document(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * As {@link #document(String)}, from the body's bytes, which must be well-formed UTF-8 (Jackson
   * reads bytes faster than characters). Jackson guesses a byte source's encoding from its first
   * four bytes and skips a byte order mark; core's reader reads UTF-8 and refuses a mark, so a body
   * that starts with a mark or has a NUL byte in its first four (the only way to look like UTF-16
   * or UTF-32 while being well-formed UTF-8) is left to the tree reader.
   */
  static List<Object> document(byte[] utf8) {
    if (utf8.length >= 3
        && utf8[0] == (byte) 0xEF
        && utf8[1] == (byte) 0xBB
        && utf8[2] == (byte) 0xBF) {
      return null;
    }
    for (int i = 0; i < Math.min(4, utf8.length); i++) {
      if (utf8[i] == 0) {
        return null;
      }
    }
    try (JsonParser p = FACTORY.createParser(utf8)) {
      return document(p);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static List<Object> document(JsonParser p) throws IOException {
    JsonToken t = p.nextToken();
    List<Object> items;
    if (t == JsonToken.START_ARRAY) {
      items = array(p);
    } else if (t == JsonToken.START_OBJECT) {
      items = wrapperOrEvent(p);
    } else {
      return null;
    }
    return items != null && p.nextToken() == null ? items : null;
  }

  /**
   * The items of NDJSON text (one item a line, blank lines skipped), or null when core's reader
   * must decide.
   */
  static List<Object> lines(char[] text) {
    List<Object> items = new ArrayList<>();
    int start = 0;
    while (start <= text.length) {
      int end = start;
      while (end < text.length && text[end] != '\n') {
        end++;
      }
      if (!blank(text, start, end)) {
        if (items.size() == Batches.MAX_EVENTS) {
          return null;
        }
        Object item = line(text, start, end - start);
        if (item == FAIL) {
          return null;
        }
        items.add(item);
      }
      start = end + 1;
    }
    return items;
  }

  /** Only JSON whitespace (each such line is blank to core's reader too). */
  private static boolean blank(char[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static Object line(char[] text, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(text, offset, length)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return FAIL;
      }
      Object item = item(p, t);
      return p.nextToken() == null ? item : FAIL;
    } catch (IOException | RuntimeException e) {
      return FAIL;
    }
  }

  /** The root object: {@code {"events": [...]}} (last "events" wins) or else one event. */
  private static List<Object> wrapperOrEvent(JsonParser p) throws IOException {
    KeptFields event = new KeptFields();
    List<Object> events = null;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      t = p.nextToken();
      if (name.equals("events")) {
        if (t != JsonToken.START_ARRAY) {
          return null;
        }
        events = array(p);
      } else {
        field(p, t, name, event);
      }
    }
    if (events != null) {
      return events;
    }
    List<Object> one = new ArrayList<>(1);
    one.add(event);
    return one;
  }

  /** The items of an array, the parser on its START_ARRAY. */
  private static List<Object> array(JsonParser p) throws IOException {
    List<Object> items = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      items.add(item(p, t));
    }
    return items;
  }

  private static Object item(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.START_OBJECT) {
      return event(p);
    }
    return value(p, t);
  }

  /** One event object as the map of its kept fields, the parser on its START_OBJECT. */
  private static Map<String, Object> event(JsonParser p) throws IOException {
    KeptFields event = new KeptFields();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      field(p, p.nextToken(), name, event);
    }
    return event;
  }

  /** Keeps a field the validator reads (a later duplicate replaces it); skips any other. */
  private static void field(JsonParser p, JsonToken t, String name, KeptFields event)
      throws IOException {
    Integer slot = KeptFields.SLOTS.get(name);
    if (slot == null) {
      p.skipChildren();
      return;
    }
    if (t == JsonToken.START_ARRAY) {
      List<Object> list = new ArrayList<>(4);
      JsonToken e;
      while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
        list.add(value(p, e));
      }
      event.set(slot, list);
    } else {
      event.set(slot, value(p, t));
    }
  }

  /** A scalar as core's reader gives it, or a placeholder for an object or array (skipped). */
  private static Object value(JsonParser p, JsonToken t) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> integer(p);
      case VALUE_NUMBER_FLOAT -> Double.parseDouble(p.getText());
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> null;
      case START_OBJECT -> {
        p.skipChildren();
        yield OBJECT;
      }
      case START_ARRAY -> {
        p.skipChildren();
        yield ARRAY;
      }
      default -> throw new IOException("unexpected token " + t);
    };
  }

  /**
   * The kept fields of one event: a value slot per field of {@link EventValidator#FIELDS} instead
   * of a hash map's entries, since the reader allocates one per event. Read-only once built; a
   * field sent as JSON null is present with a null value, as in core's reader.
   */
  static final class KeptFields extends AbstractMap<String, Object> {
    private static final String[] NAMES = EventValidator.FIELDS.toArray(new String[0]);

    static final Map<String, Integer> SLOTS = new HashMap<>();

    static {
      for (int i = 0; i < NAMES.length; i++) {
        SLOTS.put(NAMES[i], i);
      }
    }

    private final Object[] values = new Object[NAMES.length];
    private int present;

    void set(int slot, Object value) {
      values[slot] = value;
      present |= 1 << slot;
    }

    @Override
    public Object get(Object key) {
      Integer slot = SLOTS.get(key);
      return slot == null ? null : values[slot];
    }

    @Override
    public boolean containsKey(Object key) {
      Integer slot = SLOTS.get(key);
      return slot != null && (present & (1 << slot)) != 0;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (int i = 0; i < NAMES.length; i++) {
        if ((present & (1 << i)) != 0) {
          copy.put(NAMES[i], values[i]);
        }
      }
      return Collections.unmodifiableMap(copy).entrySet();
    }
  }

  /** Long when it fits, BigInteger otherwise, as core's reader does. */
  private static Object integer(JsonParser p) throws IOException {
    if (p.getTextLength() <= 18) {
      return p.getLongValue();
    }
    BigInteger big = new BigInteger(p.getText());
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }
}
