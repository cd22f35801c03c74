package dev.clianalytics.server.storage;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.session.StartMarkers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A read of {@code /rest/v1/events} rows: a filter tree, an order, an offset and a limit (see
 * docs/supabase.md). Storage backends turn it into parameterised SQL (the JDBC backends through
 * {@code jdbc.RowQuerySql}); {@link #matches} and {@link #compare} are the same rules in Java,
 * which the default {@link Storage#query} and the property tests use.
 *
 * <p>A field is the row's {@code id} or a path into its {@code payload}. With {@code ->>} last the
 * value is text (numbers and booleans as their JSON text); with {@code ->} last, numbers compare as
 * numbers when the operand is a number, everything else as text.
 */
public record RowQuery(Filter filter, List<Order> order, long offset, int limit) {
  /** Stored events with this exit code are start markers, never rows. */
  public static final int HIDDEN_EXIT_CODE = StartMarkers.EXIT_CODE;

  public RowQuery {
    Objects.requireNonNull(filter, "filter");
    order = List.copyOf(order);
  }

  /**
   * {@code id} when {@code path} is empty, else {@code payload->a->...}; {@code text}: last ->>.
   */
  public record Field(List<String> path, boolean text) {
    public Field {
      path = List.copyOf(path);
    }

    public static final Field ID = new Field(List.of(), true);

    public boolean isId() {
      return path.isEmpty();
    }
  }

  /** The horizontal filter operators. */
  public enum Op {
    EQ,
    NEQ,
    GT,
    GTE,
    LT,
    LTE,
    LIKE,
    ILIKE,
    IN,
    IS
  }

  /** A node of the filter tree. */
  public sealed interface Filter permits All, Any, Not, Test {}

  /** Every child matches ({@code and=(...)}, and the top level); an empty list matches all. */
  public record All(List<Filter> children) implements Filter {
    public All {
      children = List.copyOf(children);
    }
  }

  /** Some child matches ({@code or=(...)}). */
  public record Any(List<Filter> children) implements Filter {
    public Any {
      children = List.copyOf(children);
    }
  }

  /** {@code not.}: SQL's NOT, so a row whose value is null matches neither a test nor its not. */
  public record Not(Filter child) implements Filter {}

  /**
   * {@code field op value}: one value, several for {@code IN}, {@code null|true|false} for {@code
   * IS}; {@code LIKE}/{@code ILIKE} patterns use {@code %} and {@code _} (PostgREST's {@code *} is
   * turned into {@code %} by the parser).
   */
  public record Test(Field field, Op op, List<String> values) implements Filter {
    public Test {
      values = List.copyOf(values);
    }
  }

  /** One {@code order} term; {@code nullsFirst} defaults to {@code desc}, as in PostgreSQL. */
  public record Order(Field field, boolean desc, boolean nullsFirst) {}

  /** A page of rows and, when counted, how many rows match in all. */
  public record Page(List<Storage.Row> rows, Long total) {}

  // ---- the same rules in Java ----------------------------------------------------------------

  /** Whether a row matches; null when the answer is SQL's unknown. */
  public static Boolean matches(Filter f, Storage.Row row) {
    return switch (f) {
      case All all -> {
        Boolean result = true;
        for (Filter c : all.children()) {
          Boolean m = matches(c, row);
          if (Boolean.FALSE.equals(m)) {
            yield false;
          }
          if (m == null) {
            result = null;
          }
        }
        yield result;
      }
      case Any any -> {
        Boolean result = false;
        for (Filter c : any.children()) {
          Boolean m = matches(c, row);
          if (Boolean.TRUE.equals(m)) {
            yield true;
          }
          if (m == null) {
            result = null;
          }
        }
        yield result;
      }
      case Not not -> {
        Boolean m = matches(not.child(), row);
        yield m == null ? null : !m;
      }
      case Test t -> test(t, row);
    };
  }

  private static Boolean test(Test t, Storage.Row row) {
    Object raw = raw(t.field(), row);
    if (t.op() == Op.IS) {
      return switch (t.values().getFirst()) {
        case "null" -> raw == null;
        case "true" -> Boolean.TRUE.equals(raw);
        default -> Boolean.FALSE.equals(raw);
      };
    }
    if (raw == null || (isTimestamp(t.field()) && !isEvent(row))) {
      // a document's timestamp field is not an event timestamp: it compares as null
      return null;
    }
    if (t.op() == Op.IN) {
      Boolean result = false;
      for (String v : t.values()) {
        Integer c = compareValue(t.field(), raw, v);
        if (c == null) {
          result = null;
        } else if (c == 0) {
          return true;
        }
      }
      return result;
    }
    if (t.op() == Op.LIKE || t.op() == Op.ILIKE) {
      String text = text(raw);
      String pattern = t.values().getFirst();
      if (t.op() == Op.ILIKE) {
        text = text.toLowerCase(java.util.Locale.ROOT);
        pattern = pattern.toLowerCase(java.util.Locale.ROOT);
      }
      return like(text, pattern);
    }
    Integer c = compareValue(t.field(), raw, t.values().getFirst());
    if (c == null) {
      return null;
    }
    return switch (t.op()) {
      case EQ -> c == 0;
      case NEQ -> c != 0;
      case GT -> c > 0;
      case GTE -> c >= 0;
      case LT -> c < 0;
      default -> c <= 0;
    };
  }

  /** Compares a stored value with an operand; null when incomparable (SQL's null). */
  private static Integer compareValue(Field field, Object raw, String operand) {
    if (isTimestamp(field)) {
      Long at = epochMicros(raw);
      return at == null ? null : Long.compare(at, epochMicros(operand));
    }
    if (numeric(field, operand)) {
      if (!(raw instanceof Number n)) {
        return null;
      }
      return Double.compare(n.doubleValue(), Double.parseDouble(operand));
    }
    return Integer.signum(text(raw).compareTo(textOperand(field, operand)));
  }

  /** Whether {@code ->} compares this operand as a number. */
  public static boolean numeric(Field field, String operand) {
    return !field.text() && !field.isId() && isNumber(operand);
  }

  /** The operand of a text comparison: under {@code ->} a JSON string loses its quotes. */
  public static String textOperand(Field field, String operand) {
    if (!field.text()
        && operand.length() >= 2
        && operand.startsWith("\"")
        && operand.endsWith("\"")) {
      return operand.substring(1, operand.length() - 1);
    }
    return operand;
  }

  static boolean isNumber(String s) {
    return s.matches("-?(0|[1-9][0-9]{0,17})(\\.[0-9]{1,15})?");
  }

  /** The value at a field: the id's text, or the payload's JSON value there (null if absent). */
  static Object raw(Field field, Storage.Row row) {
    if (field.isId()) {
      return row.id().toString();
    }
    Object at = row.payload();
    for (String key : field.path()) {
      if (at instanceof Map<?, ?> m) {
        at = m.get(key);
      } else if (at instanceof List<?> l && key.matches("0|[1-9][0-9]{0,8}")) {
        int i = Integer.parseInt(key);
        at = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return at;
  }

  /** A JSON value as text: strings as they are, everything else as compact JSON. */
  static String text(Object value) {
    return value instanceof String s ? s : Json.write(value);
  }

  private static boolean like(String text, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      switch (ch) {
        case '%' -> regex.append(".*");
        case '_' -> regex.append('.');
        default -> regex.append(java.util.regex.Pattern.quote(String.valueOf(ch)));
      }
    }
    return java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.DOTALL)
        .matcher(text)
        .matches();
  }

  /** The order value of a row's field: a number under {@code ->} for numbers, else its text. */
  private static Comparable<?> sortKey(Field field, Storage.Row row) {
    Object raw = raw(field, row);
    if (raw == null) {
      return null;
    }
    if (isTimestamp(field)) {
      if (!isEvent(row)) {
        return null;
      }
      Long at = epochMicros(raw);
      return at == null ? null : (double) at;
    }
    if (!field.text() && numericField(field)) {
      return raw instanceof Number n ? (Comparable<?>) n.doubleValue() : null;
    }
    return text(raw);
  }

  /** Fields ordered as numbers under {@code ->}: the events' numeric columns. */
  public static boolean numericField(Field field) {
    return field.path().size() == 1
        && (field.path().getFirst().equals("exit_code")
            || field.path().getFirst().equals("duration_ms"));
  }

  /** The order of {@link #order} terms, then arrival order (events before documents). */
  public Comparator<Storage.Row> comparator() {
    Comparator<Storage.Row> c = (a, b) -> 0;
    for (Order o : order) {
      c =
          c.thenComparing(
              (a, b) -> {
                @SuppressWarnings("unchecked")
                Comparable<Object> x = (Comparable<Object>) sortKey(o.field(), a);
                Object y = sortKey(o.field(), b);
                if (x == null || y == null) {
                  if (x == y) {
                    return 0;
                  }
                  return (x == null) == o.nullsFirst() ? -1 : 1;
                }
                int r = x.compareTo(y);
                return o.desc() ? -r : r;
              });
    }
    return c;
  }

  /** This query over rows in arrival order, in Java. */
  public Page apply(List<Storage.Row> all, boolean count) {
    List<Storage.Row> matching = new ArrayList<>();
    for (Storage.Row r : all) {
      if (hidden(r)) {
        continue;
      }
      if (Boolean.TRUE.equals(matches(filter, r))) {
        matching.add(r);
      }
    }
    matching.sort(comparator());
    int from = (int) Math.min(offset, matching.size());
    int to = (int) Math.min(matching.size(), from + (long) limit);
    return new Page(List.copyOf(matching.subList(from, to)), count ? (long) matching.size() : null);
  }

  /** A stored marker (an event with {@link #HIDDEN_EXIT_CODE}), never a row. */
  static boolean hidden(Storage.Row r) {
    return isEvent(r) && Integer.valueOf(HIDDEN_EXIT_CODE).equals(r.payload().get("exit_code"));
  }

  /** An event's row (its id is its event_id); a document's id is made by the server. */
  static boolean isEvent(Storage.Row r) {
    return r.id().toString().equals(r.payload().get("event_id"));
  }

  /** {@code payload->>timestamp}: compared and ordered as an instant, not as text. */
  public static boolean isTimestamp(Field field) {
    return field.path().equals(List.of("timestamp"));
  }

  /** Microseconds since the epoch of an ISO-8601 instant, or null when it is not one. */
  public static Long epochMicros(Object value) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      java.time.Instant at = java.time.Instant.parse(s);
      return Math.addExact(
          Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    } catch (ArithmeticException e) {
      return null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
