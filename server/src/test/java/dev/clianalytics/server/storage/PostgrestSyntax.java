package dev.clianalytics.server.storage;

import dev.clianalytics.server.storage.RowQuery.Field;
import dev.clianalytics.server.storage.RowQuery.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link RowQuery} as the PostgREST query parameters a client would send. */
final class PostgrestSyntax {
  private PostgrestSyntax() {}

  static Map<String, List<String>> params(RowQuery q) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<Filter> top =
        q.filter() instanceof RowQuery.All all ? all.children() : List.of(q.filter());
    for (Filter f : top) {
      switch (f) {
        case RowQuery.Test t -> add(out, field(t.field()), condition(t, false));
        case RowQuery.Not(RowQuery.Test t) -> add(out, field(t.field()), condition(t, true));
        case RowQuery.Any any -> add(out, "or", group(any.children()));
        case RowQuery.All all -> add(out, "and", group(all.children()));
        case RowQuery.Not(RowQuery.Any any) -> add(out, "not.or", group(any.children()));
        case RowQuery.Not(RowQuery.All all) -> add(out, "not.and", group(all.children()));
        case RowQuery.Not not -> add(out, "not.and", group(List.of(not.child())));
      }
    }
    if (!q.order().isEmpty()) {
      List<String> terms = new ArrayList<>();
      for (RowQuery.Order o : q.order()) {
        terms.add(
            field(o.field())
                + (o.desc() ? ".desc" : ".asc")
                + (o.nullsFirst() ? ".nullsfirst" : ".nullslast"));
      }
      add(out, "order", String.join(",", terms));
    }
    return out;
  }

  private static void add(Map<String, List<String>> out, String key, String value) {
    out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
  }

  private static String group(List<Filter> children) {
    List<String> items = new ArrayList<>();
    for (Filter c : children) {
      items.add(member(c));
    }
    return "(" + String.join(",", items) + ")";
  }

  private static String member(Filter f) {
    return switch (f) {
      case RowQuery.Test t -> field(t.field()) + "." + quoted(condition(t, false));
      case RowQuery.Not(RowQuery.Test t) -> field(t.field()) + "." + quoted(condition(t, true));
      case RowQuery.Any any -> "or" + group(any.children());
      case RowQuery.All all -> "and" + group(all.children());
      case RowQuery.Not(RowQuery.Any any) -> "not.or" + group(any.children());
      case RowQuery.Not(RowQuery.All all) -> "not.and" + group(all.children());
      case RowQuery.Not not -> "not.and" + group(List.of(not.child()));
    };
  }

  /** {@code [not.]op.value}, an in list quoted as PostgREST quotes it. */
  private static String condition(RowQuery.Test t, boolean not) {
    String op = t.op().name().toLowerCase(Locale.ROOT);
    String value =
        t.op() == RowQuery.Op.IN
            ? "(" + String.join(",", t.values().stream().map(PostgrestSyntax::quote).toList()) + ")"
            : t.values().getFirst();
    return (not ? "not." : "") + op + "." + value;
  }

  /** Inside a logic tree the scalar value of a condition is quoted when it needs to be. */
  private static String quoted(String condition) {
    if (condition.contains(".in.(") || condition.startsWith("in.(")) {
      return condition;
    }
    int valueAt = condition.startsWith("not.") ? condition.indexOf('.', 4) : condition.indexOf('.');
    return condition.substring(0, valueAt + 1) + quote(condition.substring(valueAt + 1));
  }

  private static String quote(String v) {
    if (v.matches("[^,()\"\\\\]*") && !v.isBlank()) {
      return v;
    }
    return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String field(Field f) {
    if (f.isId()) {
      return "id";
    }
    StringBuilder out = new StringBuilder("payload");
    for (int i = 0; i < f.path().size(); i++) {
      out.append(i == f.path().size() - 1 && f.text() ? "->>" : "->").append(f.path().get(i));
    }
    return out.toString();
  }
}
