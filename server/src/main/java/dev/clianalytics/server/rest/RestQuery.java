package dev.clianalytics.server.rest;

import dev.clianalytics.server.storage.RowQuery;
import dev.clianalytics.server.storage.RowQuery.Field;
import dev.clianalytics.server.storage.RowQuery.Filter;
import dev.clianalytics.server.storage.RowQuery.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A PostgREST read of the {@code events} table parsed into a {@link RowQuery}: horizontal filters
 * ({@code field=op.value}, {@code not.}, {@code or=(...)}, {@code and=(...)}), {@code order},
 * {@code limit}, {@code offset} and {@code select} (see docs/supabase.md). Anything it does not
 * understand is refused with PostgREST's error, never ignored, so a client never mistakes an
 * unfiltered answer for a filtered one.
 */
public record RestQuery(
    RowQuery.Filter filter,
    List<RowQuery.Order> order,
    Long limit,
    long offset,
    Set<String> columns) {
  /** Most rows one request returns (Supabase's "Max rows"); page with ranges for more. */
  public static final int MAX_ROWS = 10_000;

  /** Deepest nesting of {@code or}/{@code and}/{@code not} and longest JSON path accepted. */
  static final int MAX_DEPTH = 16;

  /** Most filter conditions (and values of in lists) in one request. */
  static final int MAX_CONDITIONS = 200;

  private static final Set<String> OPERATORS =
      Set.of("eq", "neq", "gt", "gte", "lt", "lte", "like", "ilike", "in", "is");

  /** Parses the query parameters; a PostgREST error for anything not understood. */
  public static RestQuery of(Map<String, List<String>> params) {
    List<Filter> filters = new ArrayList<>();
    List<RowQuery.Order> order = List.of();
    Long limit = null;
    long offset = 0;
    Set<String> columns = Set.of("id", "payload");
    int[] budget = {MAX_CONDITIONS};
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      String key = p.getKey();
      for (String value : p.getValue()) {
        if (key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
          // PostgreSQL text cannot hold NUL; refused the same way on every backend
          throw PgrstError.of(
              400, "22021", "invalid byte sequence for encoding \"UTF8\": 0x00", null, null);
        }
        switch (key) {
          case "limit" -> limit = number("limit", value);
          case "offset" -> offset = number("offset", value);
          case "select" -> columns = columns(value);
          case "order" -> order = order(value);
          case "or", "and", "not.or", "not.and" -> filters.add(logic(key, value, budget));
          default -> filters.add(condition(field(key), value, budget));
        }
      }
    }
    return new RestQuery(new RowQuery.All(filters), order, limit, offset, columns);
  }

  /** Keeps only the selected columns of a row. */
  Map<String, Object> project(Map<String, Object> row) {
    if (columns.size() == 2) {
      return row;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    row.forEach(
        (k, v) -> {
          if (columns.contains(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  // ---- fields ---------------------------------------------------------------------------------

  /** {@code id}, or {@code payload} followed by {@code ->key} / {@code ->>key} steps. */
  static Field field(String name) {
    String s = name.strip();
    if (s.equals("id")) {
      return Field.ID;
    }
    if (!s.startsWith("payload")) {
      throw PgrstError.unknownColumn(s.split("->", 2)[0]);
    }
    String rest = s.substring("payload".length());
    if (rest.isEmpty()) {
      throw PgrstError.parse(
          "filter on payload", "compare a field of the payload, such as payload->>tool_name");
    }
    if (!rest.startsWith("->")) {
      throw PgrstError.unknownColumn(s.split("->", 2)[0]);
    }
    List<String> path = new ArrayList<>();
    boolean text = false;
    int i = 0;
    while (i < rest.length()) {
      if (text || !rest.startsWith("->", i)) {
        throw PgrstError.parse("JSON path", "->> must be the last step of a JSON path");
      }
      i += 2;
      if (i < rest.length() && rest.charAt(i) == '>') {
        text = true;
        i++;
      }
      int next = rest.indexOf("->", i);
      String key = rest.substring(i, next < 0 ? rest.length() : next);
      if (key.isEmpty()) {
        throw PgrstError.parse("JSON path", "a JSON path step has no key");
      }
      path.add(key);
      if (path.size() > MAX_DEPTH) {
        throw PgrstError.parse("JSON path", "a JSON path has at most " + MAX_DEPTH + " steps");
      }
      i = next < 0 ? rest.length() : next;
    }
    return new Field(path, text);
  }

  // ---- filters ---------------------------------------------------------------------------------

  /** {@code [not.]op.value} for a field. */
  static Filter condition(Field field, String expression, int[] budget) {
    if (--budget[0] < 0) {
      throw PgrstError.parse("filter", "at most " + MAX_CONDITIONS + " conditions per request");
    }
    boolean negate = false;
    String rest = expression;
    if (rest.startsWith("not.")) {
      negate = true;
      rest = rest.substring(4);
    }
    int dot = rest.indexOf('.');
    String op = dot < 0 ? rest : rest.substring(0, dot);
    if (dot < 0 || !OPERATORS.contains(op)) {
      throw PgrstError.parse(
          "filter (" + PgrstError.clip(op) + ")",
          "unknown operator; use eq, neq, gt, gte, lt, lte, like, ilike, in, is (and not.)");
    }
    String value = rest.substring(dot + 1);
    RowQuery.Test test = test(field, Op.valueOf(op.toUpperCase(Locale.ROOT)), value);
    // every value of an in list is a bound parameter: they count against the same budget
    budget[0] -= test.values().size() - 1;
    if (budget[0] < 0) {
      throw PgrstError.parse(
          "filter", "at most " + MAX_CONDITIONS + " conditions and values per request");
    }
    return negate ? new RowQuery.Not(test) : test;
  }

  private static RowQuery.Test test(Field field, Op op, String value) {
    List<String> values =
        switch (op) {
          case IN -> list(value);
          case IS -> {
            String v = value.toLowerCase(Locale.ROOT);
            if (!v.equals("null") && !v.equals("true") && !v.equals("false")) {
              throw PgrstError.parse("filter (is)", "is takes null, true or false");
            }
            yield List.of(v);
          }
          case LIKE, ILIKE -> List.of(value.replace('*', '%'));
          default -> List.of(value);
        };
    if (RowQuery.isTimestamp(field) && op != Op.IS) {
      if (op == Op.LIKE || op == Op.ILIKE) {
        throw PgrstError.parse(
            "filter (" + op.name().toLowerCase(Locale.ROOT) + ")",
            "payload timestamp compares with eq, neq, gt, gte, lt, lte, in and is");
      }
      for (String v : values) {
        if (RowQuery.epochMicros(v) == null) {
          throw PgrstError.of(
              400,
              "22007",
              "invalid input syntax for type timestamp",
              "compare payload timestamp with an ISO-8601 instant such as 2026-01-31T12:00:00Z",
              null);
        }
      }
    }
    if (field.isId() && op != Op.IS) {
      if (op == Op.LIKE || op == Op.ILIKE) {
        throw PgrstError.of(
            400,
            "42883",
            "operator does not exist: uuid ~~ unknown",
            null,
            "id is a uuid; compare it with eq, neq, gt, gte, lt, lte or in");
      }
      values = values.stream().map(RestQuery::canonicalId).toList();
    }
    return new RowQuery.Test(field, op, values);
  }

  /** A UUID operand in its canonical lowercase spelling (ids are stored that way). */
  private static String canonicalId(String v) {
    if (v.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      return UUID.fromString(v).toString();
    }
    throw PgrstError.of(400, "22P02", "invalid input syntax for type uuid", null, null);
  }

  /** {@code (a,b,"c,d")}: the values of {@code in}. */
  private static List<String> list(String value) {
    if (!value.startsWith("(") || !value.endsWith(")")) {
      throw PgrstError.parse("filter (in)", "in takes a list in parentheses: in.(a,b)");
    }
    List<String> items = split(value.substring(1, value.length() - 1), "in list");
    if (items.isEmpty()) {
      throw PgrstError.parse("filter (in)", "in takes at least one value");
    }
    List<String> out = new ArrayList<>(items.size());
    for (String item : items) {
      out.add(unquote(item));
    }
    return out;
  }

  /** {@code or=(...)} and friends: conditions {@code field.op.value} and nested groups. */
  private static Filter logic(String key, String value, int[] budget) {
    boolean negate = key.startsWith("not.");
    String kind = negate ? key.substring(4) : key;
    Filter group = group(kind, value, budget, 1);
    return negate ? new RowQuery.Not(group) : group;
  }

  private static Filter group(String kind, String value, int[] budget, int depth) {
    if (depth > MAX_DEPTH) {
      throw PgrstError.parse("logic tree", "or/and nest at most " + MAX_DEPTH + " deep");
    }
    if (!value.startsWith("(") || !value.endsWith(")")) {
      throw PgrstError.parse(
          "logic tree (" + kind + ")",
          kind + " takes conditions in parentheses: " + kind + "=(a.eq.1,b.eq.2)");
    }
    List<Filter> children = new ArrayList<>();
    for (String item : split(value.substring(1, value.length() - 1), "logic tree")) {
      children.add(member(item.strip(), budget, depth));
    }
    if (children.isEmpty()) {
      throw PgrstError.parse("logic tree (" + kind + ")", kind + " needs at least one condition");
    }
    return kind.equals("or") ? new RowQuery.Any(children) : new RowQuery.All(children);
  }

  private static Filter member(String item, int[] budget, int depth) {
    boolean negate = item.startsWith("not.");
    String body = negate ? item.substring(4) : item;
    for (String kind : List.of("or", "and")) {
      if (body.startsWith(kind + "(")) {
        Filter g = group(kind, body.substring(kind.length()), budget, depth + 1);
        return negate ? new RowQuery.Not(g) : g;
      }
    }
    // field.op.value; the field itself has no dots
    int dot = item.indexOf('.');
    if (dot <= 0) {
      throw PgrstError.parse("logic tree", "each condition is field.operator.value");
    }
    Field field = field(item.substring(0, dot));
    String expression = item.substring(dot + 1);
    // inside a logic tree a value with , ( ) or " is double-quoted: field.eq."a,b"
    int valueAt =
        expression.startsWith("not.") ? expression.indexOf('.', 4) : expression.indexOf('.');
    if (valueAt > 0
        && expression.startsWith("\"", valueAt + 1)
        && !expression.startsWith("in.", valueAt - 2)) {
      expression =
          expression.substring(0, valueAt + 1) + unquote(expression.substring(valueAt + 1));
    }
    return condition(field, expression, budget);
  }

  /**
   * Splits on top-level commas, keeping parenthesised groups and double-quoted strings (with
   * backslash escapes) whole.
   */
  private static List<String> split(String s, String what) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quoted) {
        current.append(ch);
        if (ch == '\\' && i + 1 < s.length()) {
          current.append(s.charAt(++i));
        } else if (ch == '"') {
          quoted = false;
        }
        continue;
      }
      switch (ch) {
        case '"' -> {
          quoted = true;
          current.append(ch);
        }
        case '(' -> {
          depth++;
          current.append(ch);
        }
        case ')' -> {
          if (--depth < 0) {
            throw PgrstError.parse(what, "unbalanced parentheses");
          }
          current.append(ch);
        }
        case ',' -> {
          if (depth == 0) {
            out.add(current.toString());
            current.setLength(0);
          } else {
            current.append(ch);
          }
        }
        default -> current.append(ch);
      }
    }
    if (quoted || depth != 0) {
      throw PgrstError.parse(what, quoted ? "unterminated quoted value" : "unbalanced parentheses");
    }
    if (!current.isEmpty() || !out.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

  /** A double-quoted list value loses its quotes and backslash escapes. */
  private static String unquote(String item) {
    String s = item.strip();
    if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i < s.length() - 1; i++) {
        char ch = s.charAt(i);
        if (ch == '\\' && i + 1 < s.length() - 1) {
          ch = s.charAt(++i);
        }
        out.append(ch);
      }
      return out.toString();
    }
    return s;
  }

  // ---- order, paging, columns ------------------------------------------------------------------

  /** {@code order=a.desc.nullslast,b}. */
  static List<RowQuery.Order> order(String value) {
    List<RowQuery.Order> out = new ArrayList<>();
    for (String term : value.split(",", -1)) {
      String[] parts = term.strip().split("\\.", -1);
      Field field = field(parts[0]);
      boolean desc = false;
      Boolean nullsFirst = null;
      for (int i = 1; i < parts.length; i++) {
        switch (parts[i]) {
          case "asc" -> desc = false;
          case "desc" -> desc = true;
          case "nullsfirst" -> nullsFirst = true;
          case "nullslast" -> nullsFirst = false;
          default ->
              throw PgrstError.parse(
                  "order (" + PgrstError.clip(parts[i]) + ")",
                  "order terms are field[.asc|.desc][.nullsfirst|.nullslast]");
        }
      }
      out.add(new RowQuery.Order(field, desc, nullsFirst == null ? desc : nullsFirst));
      if (out.size() > MAX_DEPTH) {
        throw PgrstError.parse("order", "at most " + MAX_DEPTH + " order terms");
      }
    }
    return out;
  }

  private static Set<String> columns(String select) {
    String s = select.replace(" ", "");
    return switch (s) {
      case "*", "", "id,payload", "payload,id" -> Set.of("id", "payload");
      case "id" -> Set.of("id");
      case "payload" -> Set.of("payload");
      default -> {
        for (String c : s.split(",")) {
          if (!c.equals("id") && !c.equals("payload") && !c.equals("*")) {
            throw PgrstError.unknownColumn(c);
          }
        }
        yield Set.of("id", "payload");
      }
    };
  }

  private static long number(String name, String value) {
    try {
      long n = Long.parseLong(value.strip());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw PgrstError.parse(name, name + " must be a whole number >= 0");
  }
}
